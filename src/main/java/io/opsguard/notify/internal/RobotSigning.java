package io.opsguard.notify.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures chat robots check. DingTalk: {@code timestamp} (ms) and {@code sign} =
 * Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), URL-encoded into the query.
 * Feishu: {@code timestamp} (s) and {@code sign} = Base64(HmacSHA256(key = timestamp + "\n" +
 * secret, data = nothing)) in the body. Generic webhooks: hex HmacSHA256 of the body with the secret.
 */
final class RobotSigning {

	private RobotSigning() {
	}

	static String dingTalk(String secret, long timestampMillis) {
		byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
				(timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
		return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
	}

	static String feishu(String secret, long timestampSeconds) {
		byte[] mac = hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
		return Base64.getEncoder().encodeToString(mac);
	}

	static String generic(String secret, String body) {
		return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
				body.getBytes(StandardCharsets.UTF_8)));
	}

	static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
