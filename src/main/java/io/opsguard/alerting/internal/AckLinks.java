package io.opsguard.alerting.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.SecretBox;

import org.springframework.stereotype.Component;

/**
 * The signed, expiring tokens of the one-click acknowledge links in messages (ADR 0022): the
 * alert, the user the message was for (none for a robot's message: the page then asks to sign in)
 * and the expiry, signed with HMAC-SHA256 under a key derived from the installation's secret key
 * ({@link SecretBox#derive}), so that every node verifies what any node signed and nothing is
 * stored per link. A changed token fails its signature; an old one its expiry.
 */
@Component
class AckLinks {

	private static final byte VERSION = 1;

	private static final int PAYLOAD = 1 + 8 + 8 + 8;

	private static final int SIGNATURE = 16;

	private static final int MAX_TOKEN = 100;

	private final byte[] key;

	private final AlertingProperties properties;

	private final Clock clock;

	@org.springframework.beans.factory.annotation.Autowired
	AckLinks(SecretBox secrets, AlertingProperties properties, Clock clock) {
		this(secrets.derive("alerting.ack-link"), properties, clock);
	}

	AckLinks(byte[] key, AlertingProperties properties, Clock clock) {
		this.key = key.clone();
		this.properties = properties;
		this.clock = clock;
	}

	/** What a valid link is about. */
	record Link(long alertId, Long userId, Instant expiresAt) {
	}

	/** A token for the alert and the user (null: a robot's message), valid for the configured time. */
	String token(long alertId, Long userId) {
		Instant expires = this.clock.instant().plus(this.properties.ackLinkValidity());
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD + SIGNATURE);
		payload.put(VERSION).putLong(alertId).putLong(userId == null ? 0 : userId).putLong(expires.getEpochSecond());
		payload.put(sign(Arrays.copyOf(payload.array(), PAYLOAD)));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/**
	 * The link of a token.
	 *
	 * @throws OpsGuardException {@code ALR-0065} for a token that is malformed or not signed here,
	 *         {@code ALR-0066} for one that expired
	 */
	Link verify(String token) {
		byte[] raw;
		try {
			if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
				throw new IllegalArgumentException("length");
			}
			raw = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw new OpsGuardException(AlertingError.UNKNOWN_ACK_LINK);
		}
		if (raw.length != PAYLOAD + SIGNATURE || raw[0] != VERSION) {
			throw new OpsGuardException(AlertingError.UNKNOWN_ACK_LINK);
		}
		byte[] expected = sign(Arrays.copyOf(raw, PAYLOAD));
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, PAYLOAD, PAYLOAD + SIGNATURE))) {
			throw new OpsGuardException(AlertingError.UNKNOWN_ACK_LINK);
		}
		ByteBuffer payload = ByteBuffer.wrap(raw, 1, PAYLOAD - 1);
		long alertId = payload.getLong();
		long userId = payload.getLong();
		Instant expires = Instant.ofEpochSecond(payload.getLong());
		if (!this.clock.instant().isBefore(expires)) {
			throw new OpsGuardException(AlertingError.ACK_LINK_EXPIRED);
		}
		return new Link(alertId, userId == 0 ? null : userId, expires);
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(payload), SIGNATURE);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
