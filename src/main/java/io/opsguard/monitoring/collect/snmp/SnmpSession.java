package io.opsguard.monitoring.collect.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.AuthenticationFailureEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one SNMP session every collection shares: one UDP socket on an ephemeral port, one
 * dispatcher thread, requests matched to answers by request id, so thousands of monitors cost one
 * socket. SNMPv3 users are added per agent engine (discovered once per address and cached by
 * SNMP4J), so two devices with the same user name and different passwords do not disturb each
 * other. Closed when the application stops.
 */
@Component
class SnmpSession implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SnmpSession.class);

	private final Snmp snmp;

	private final USM usm;

	/** What each (engine, user) was last added with, to re-add it only when the monitor changed. */
	private final Map<String, Integer> users = new ConcurrentHashMap<>();

	/** The last answer per address that failed SNMPv3 authentication. */
	private final Map<String, AuthenticationFailure> authenticationFailures = new ConcurrentHashMap<>();

	SnmpSession() {
		try {
			this.usm = SnmpStacks.newUsm(SnmpStacks.newEngineId());
			this.snmp = new Snmp(SnmpStacks.dispatcher(this.usm),
					new DefaultUdpTransportMapping(new UdpAddress("0.0.0.0/0")));
			((org.snmp4j.MessageDispatcherImpl) this.snmp.getMessageDispatcher())
				.addAuthenticationFailureListener(this::authenticationFailed);
			this.snmp.listen();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the SNMP session's UDP socket", ex);
		}
	}

	private void authenticationFailed(AuthenticationFailureEvent<?> event) {
		if (this.authenticationFailures.size() > 10_000) {
			this.authenticationFailures.clear();
		}
		this.authenticationFailures.put(String.valueOf(event.getAddress()),
				new AuthenticationFailure(System.nanoTime(), event.getError()));
	}

	/**
	 * Why the last answer from an address failed authentication, if that happened after
	 * {@code sinceNanos} ({@link System#nanoTime()}): agents that answer a wrong password with an
	 * authenticated report (SNMP4J-based ones do) are otherwise indistinguishable from silence.
	 */
	String authenticationFailureSince(UdpAddress address, long sinceNanos) {
		AuthenticationFailure failure = this.authenticationFailures.get(String.valueOf(address));
		if (failure == null || failure.atNanos() - sinceNanos < 0) {
			return null;
		}
		return switch (failure.error()) {
			case SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR -> "its answers cannot be decrypted (wrong privacy password or protocol?)";
			case SnmpConstants.SNMPv3_USM_UNKNOWN_SECURITY_NAME -> "its answers name an unknown user";
			default -> "its answers fail authentication (wrong authentication password or protocol?)";
		};
	}

	private record AuthenticationFailure(long atNanos, int error) {
	}

	Snmp snmp() {
		return this.snmp;
	}

	/** A v1/v2c target. */
	Target<UdpAddress> communityTarget(UdpAddress address, SnmpSettings settings) {
		CommunityTarget<UdpAddress> target = new CommunityTarget<>(address, new OctetString(settings.community()));
		target.setVersion(settings.version());
		target.setRetries(settings.retries());
		return target;
	}

	/**
	 * A v3 target: discovers the agent's engine id (answered from SNMP4J's cache after the first
	 * time) and makes sure the user is known for that engine with these passwords.
	 *
	 * @return null when the agent does not answer the discovery in time
	 */
	Target<UdpAddress> userTarget(UdpAddress address, SnmpSettings settings, long timeoutMillis) {
		byte[] engineId = this.snmp.discoverAuthoritativeEngineID(address, Math.max(1, timeoutMillis));
		if (engineId == null || engineId.length == 0) {
			return null;
		}
		OctetString engine = new OctetString(engineId);
		OctetString name = new OctetString(settings.user());
		UsmUser user = new UsmUser(name, settings.authProtocol(), secret(settings.authPassword()),
				settings.privProtocol(), secret(settings.privPassword()));
		int fingerprint = java.util.Objects.hash(settings.authProtocol(), settings.authPassword(),
				settings.privProtocol(), settings.privPassword());
		String key = engine.toHexString() + "/" + settings.user();
		Integer known = this.users.put(key, fingerprint);
		if (known == null || known != fingerprint) {
			this.usm.removeAllUsers(name, engine);
			this.usm.addUser(name, engine, user);
		}
		UserTarget<UdpAddress> target = new UserTarget<>(address, name, engineId, settings.securityLevel());
		target.setRetries(settings.retries());
		return target;
	}

	private static OctetString secret(String value) {
		return value == null ? null : new OctetString(value);
	}

	@Override
	public void destroy() {
		try {
			this.snmp.close();
		}
		catch (IOException ex) {
			log.warn("Closing the SNMP session failed: {}", ex.getMessage());
		}
	}

}
