package io.opsguard.monitoring.collect.snmp;

import java.util.Locale;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectionRequest;

import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.OID;

/**
 * How to reach one SNMP agent, read from a monitor's parameters (the block every SNMP template
 * declares): {@code host}, {@code port}, {@code version} (v1, v2c, v3), {@code community} for v1/v2c,
 * and for v3 {@code user}, {@code securityLevel}, {@code authProtocol}, {@code authPassword},
 * {@code privProtocol}, {@code privPassword}, {@code contextName}; {@code retries}.
 * {@link #toString()} never shows a secret.
 */
record SnmpSettings(String host, int port, int version, String community, String user, int securityLevel,
		OID authProtocol, String authPassword, OID privProtocol, String privPassword, String contextName,
		int retries) {

	/** The authentication protocols by the names templates offer. */
	static final Map<String, OID> AUTH_PROTOCOLS = Map.of("MD5", AuthMD5.ID, "SHA", AuthSHA.ID, "SHA-224",
			AuthHMAC128SHA224.ID, "SHA-256", AuthHMAC192SHA256.ID, "SHA-384", AuthHMAC256SHA384.ID, "SHA-512",
			AuthHMAC384SHA512.ID);

	/** The privacy protocols by the names templates offer. */
	static final Map<String, OID> PRIV_PROTOCOLS = Map.of("DES", PrivDES.ID, "AES", PrivAES128.ID, "AES-128",
			PrivAES128.ID, "AES-192", PrivAES192.ID, "AES-256", PrivAES256.ID);

	/** The security levels by their RFC 3411 names. */
	static final Map<String, Integer> LEVELS = Map.of("noAuthNoPriv", SecurityLevel.NOAUTH_NOPRIV, "authNoPriv",
			SecurityLevel.AUTH_NOPRIV, "authPriv", SecurityLevel.AUTH_PRIV);

	/** Reads the settings, or explains which parameter cannot work. */
	static SnmpSettings from(CollectionRequest request) {
		String host = request.text("host");
		if (host == null || host.isBlank()) {
			throw new Invalid("Parameter host is not set");
		}
		int port;
		int retries;
		try {
			port = request.number("port", 161);
			retries = request.number("retries", 1);
		}
		catch (NumberFormatException ex) {
			throw new Invalid("Parameter port or retries is not a number");
		}
		if (port < 1 || port > 65535) {
			throw new Invalid("Parameter port " + port + " is not between 1 and 65535");
		}
		if (retries < 0 || retries > 5) {
			throw new Invalid("Parameter retries " + retries + " is not between 0 and 5");
		}
		String versionText = request.text("version");
		String version = versionText == null ? "v2c" : versionText.trim().toLowerCase(Locale.ROOT);
		String context = blankToNull(request.text("contextName"));
		switch (version) {
			case "v1", "v2c" -> {
				String community = request.text("community");
				if (community == null || community.isEmpty()) {
					throw new Invalid("Parameter community is required for SNMP " + version);
				}
				return new SnmpSettings(host.trim(), port, "v1".equals(version) ? SnmpConstants.version1
						: SnmpConstants.version2c, community, null, 0, null, null, null, null, context, retries);
			}
			case "v3" -> {
				return v3(request, host.trim(), port, context, retries);
			}
			default -> throw new Invalid("Parameter version '" + versionText + "' is not one of v1, v2c, v3");
		}
	}

	private static SnmpSettings v3(CollectionRequest request, String host, int port, String context, int retries) {
		String user = blankToNull(request.text("user"));
		if (user == null) {
			throw new Invalid("Parameter user is required for SNMP v3");
		}
		String levelText = request.text("securityLevel");
		Integer level = levelText == null ? Integer.valueOf(SecurityLevel.AUTH_PRIV) : LEVELS.get(levelText.trim());
		if (level == null) {
			throw new Invalid("Parameter securityLevel '" + levelText + "' is not one of noAuthNoPriv, authNoPriv, authPriv");
		}
		OID auth = null;
		String authPassword = null;
		OID priv = null;
		String privPassword = null;
		if (level >= SecurityLevel.AUTH_NOPRIV) {
			auth = protocol(request.text("authProtocol"), "SHA", AUTH_PROTOCOLS, "authProtocol");
			authPassword = password(request.text("authPassword"), "authPassword");
		}
		if (level == SecurityLevel.AUTH_PRIV) {
			priv = protocol(request.text("privProtocol"), "AES", PRIV_PROTOCOLS, "privProtocol");
			privPassword = password(request.text("privPassword"), "privPassword");
		}
		return new SnmpSettings(host, port, SnmpConstants.version3, null, user, level, auth, authPassword, priv,
				privPassword, context, retries);
	}

	private static OID protocol(String text, String fallback, Map<String, OID> known, String key) {
		String name = text == null || text.isBlank() ? fallback : text.trim().toUpperCase(Locale.ROOT);
		OID oid = known.get(name);
		if (oid == null) {
			throw new Invalid("Parameter " + key + " '" + text + "' is not one of "
					+ String.join(", ", new java.util.TreeSet<>(known.keySet())));
		}
		return oid;
	}

	private static String password(String value, String key) {
		if (value == null || value.isEmpty()) {
			throw new Invalid("Parameter " + key + " is required for this security level");
		}
		if (value.length() < 8) {
			// RFC 3414 11.2: SNMP4J refuses shorter pass phrases, and so do agents
			throw new Invalid("Parameter " + key + " is shorter than the 8 characters SNMPv3 requires");
		}
		return value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	boolean v3() {
		return this.version == SnmpConstants.version3;
	}

	/** The version as templates name it. */
	String versionName() {
		return switch (this.version) {
			case SnmpConstants.version1 -> "v1";
			case SnmpConstants.version2c -> "v2c";
			default -> "v3";
		};
	}

	@Override
	public String toString() {
		return "SnmpSettings[" + this.host + ":" + this.port + " " + versionName()
				+ (v3() ? " user " + this.user + " level " + this.securityLevel : "") + "]";
	}

	/** Parameters that cannot work: answered as {@code CONFIG_ERROR}. */
	static final class Invalid extends RuntimeException {

		Invalid(String message) {
			super(message, null, false, false);
		}

	}

}
