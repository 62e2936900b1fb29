package io.opsguard.monitoring.collect.snmp;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SNMP trap receiver ({@code opsguard.monitoring.snmp.traps.*}).
 *
 * @param enabled whether OpsGuard listens for traps at all
 * @param port the UDP port: 1162 by default, because 162 (the standard trap port) needs root or
 * {@code CAP_NET_BIND_SERVICE}; point devices at 1162, or redirect 162 to it with the firewall
 * @param bindAddress the local address to listen on
 * @param communities the v1/v2c communities accepted (secrets); traps with others are dropped
 * @param users the SNMPv3 users accepted for traps and informs
 * @param maxPerMinute traps recorded per source address and minute; more are counted and recorded as
 * one "N traps dropped" event, so a storm cannot fill the database
 * @param maxSources source addresses tracked at once for the limit; further ones share one budget
 */
@ConfigurationProperties("opsguard.monitoring.snmp.traps")
public record SnmpTrapProperties(@DefaultValue("false") boolean enabled, @DefaultValue("1162") int port,
		@DefaultValue("0.0.0.0") String bindAddress, List<String> communities, List<User> users,
		@DefaultValue("60") int maxPerMinute, @DefaultValue("10000") int maxSources) {

	public SnmpTrapProperties {
		communities = communities == null ? List.of() : List.copyOf(communities);
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * An SNMPv3 user traps and informs may come from.
	 *
	 * @param name the user (security name)
	 * @param authProtocol MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512; empty for noAuthNoPriv
	 * @param authPassword the authentication pass phrase (secret)
	 * @param privProtocol DES, AES-128, AES-192 or AES-256; empty for no privacy
	 * @param privPassword the privacy pass phrase (secret)
	 */
	public record User(String name, String authProtocol, String authPassword, String privProtocol,
			String privPassword) {

		@Override
		public String toString() {
			return "User[" + this.name + ", " + this.authProtocol + ", " + this.privProtocol + "]";
		}

	}

	@Override
	public String toString() {
		return "SnmpTrapProperties[enabled=" + this.enabled + ", port=" + this.port + ", bindAddress=" + this.bindAddress
				+ ", communities=" + this.communities.size() + ", users=" + this.users + ", maxPerMinute="
				+ this.maxPerMinute + "]";
	}

}
