package io.opsguard.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets OpsGuard must be able to read back (device passwords, SNMP communities, keys)
 * with AES-256-GCM. The key comes from {@code opsguard.secret-key} ({@code OPSGUARD_SECRET_KEY}: 32
 * bytes in Base64, or a passphrase stretched with PBKDF2) or, when that is not set, from
 * {@code <data-dir>/secret.key}, generated at the first start with owner-only permissions. Every
 * value gets its own random nonce; a changed or foreign ciphertext fails to open instead of yielding
 * garbage. Neither the key nor a plain secret is ever logged.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	static final String KEY_FILE = "secret.key";

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final byte[] PASSPHRASE_SALT = "opsguard-secret-box-v1".getBytes(StandardCharsets.US_ASCII);

	private final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	@org.springframework.beans.factory.annotation.Autowired
	SecretBox(@Value("${opsguard.secret-key:}") String configured, @Value("${opsguard.data-dir}") String dataDir) {
		this.key = configured == null || configured.isBlank() ? fromFile(Path.of(dataDir).resolve(KEY_FILE))
				: fromConfiguration(configured.trim());
	}

	/** A box with a given key, for tests and tools. */
	public static SecretBox withKey(byte[] key) {
		return new SecretBox(new SecretKeySpec(key.clone(), "AES"));
	}

	private SecretBox(SecretKey key) {
		this.key = key;
	}

	/** Encrypts a text; answers Base64 text safe to store. */
	public String seal(String plain) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(new byte[] { VERSION });
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
			out[0] = VERSION;
			System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Decrypts what {@link #seal} produced.
	 *
	 * @throws IllegalStateException when the text was changed or sealed with another key
	 */
	public String open(String sealed) {
		byte[] in;
		try {
			in = Base64.getDecoder().decode(sealed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret is not Base64", ex);
		}
		if (in.length < 1 + NONCE_BYTES + TAG_BITS / 8 || in[0] != VERSION) {
			throw new IllegalStateException("A stored secret has an unknown format");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, in, 1, NONCE_BYTES));
			cipher.updateAAD(new byte[] { VERSION });
			byte[] plain = cipher.doFinal(in, 1 + NONCE_BYTES, in.length - 1 - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"A stored secret cannot be opened: it was changed, or sealed with another key (opsguard.secret-key)");
		}
	}

	/**
	 * A key of 32 bytes for another purpose (e.g. signing the links in messages), derived from this
	 * box's key with HMAC-SHA256 over the purpose's name: the same on every node that shares the key,
	 * different per purpose, and revealing nothing of the key itself.
	 */
	public byte[] derive(String purpose) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(("opsguard-derived-key-v1:" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static SecretKey fromConfiguration(String configured) {
		try {
			byte[] raw = Base64.getDecoder().decode(configured);
			if (raw.length == 32) {
				return new SecretKeySpec(raw, "AES");
			}
		}
		catch (IllegalArgumentException ex) {
			// not Base64: a passphrase
		}
		if (configured.length() < 16) {
			throw new IllegalStateException("opsguard.secret-key (OPSGUARD_SECRET_KEY) must be 32 bytes in Base64 "
					+ "or a passphrase of at least 16 characters");
		}
		try {
			KeySpec spec = new PBEKeySpec(configured.toCharArray(), PASSPHRASE_SALT, 210_000, 256);
			byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
			return new SecretKeySpec(raw, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2 is not available", ex);
		}
	}

	private SecretKey fromFile(Path file) {
		try {
			if (!Files.exists(file)) {
				byte[] raw = new byte[32];
				this.random.nextBytes(raw);
				Files.createDirectories(file.getParent());
				try {
					Files.write(file, Base64.getEncoder().encode(raw), StandardOpenOption.CREATE_NEW,
							StandardOpenOption.WRITE);
					try {
						Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
					}
					catch (UnsupportedOperationException ex) {
						// not a POSIX file system: the data directory's own permissions protect it
					}
					log.info("Generated the key that encrypts stored secrets into {}; back it up with the database "
							+ "(or set OPSGUARD_SECRET_KEY)", file);
				}
				catch (FileAlreadyExistsException ex) {
					// another node or a parallel start wrote it first: read theirs
				}
			}
			byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
			if (raw.length != 32) {
				throw new IllegalStateException(file + " does not hold a 256-bit key");
			}
			return new SecretKeySpec(raw, "AES");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or create the secret key " + file, ex);
		}
	}

}
