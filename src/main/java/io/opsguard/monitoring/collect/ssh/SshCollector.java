package io.opsguard.monitoring.collect.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads a Linux host over SSH (protocol {@code ssh}) with an Apache MINA sshd client: password or
 * private key (PEM or OpenSSH, with an optional passphrase), the template's commands run as one
 * script on one exec channel ({@link ShellScript}), their output read by {@link ShellReadout}.
 * <p>
 * Host keys: the server key's SHA-256 fingerprint is answered as the fact {@code hostKey}; when the
 * monitor sets {@code hostKeyFingerprint} a different key is refused before any credential is sent
 * ({@link Outcome#AUTH_FAILED}, naming both fingerprints). One client (its I/O threads) serves every
 * collection; the sessions are per collection.
 */
@Component
public class SshCollector implements Collector, DisposableBean {

	/** Parameters read by this collector. */
	static final String HOST = "host", PORT = "port", USERNAME = "username", PASSWORD = "password",
			PRIVATE_KEY = "privateKey", PASSPHRASE = "passphrase", HOST_KEY_FINGERPRINT = "hostKeyFingerprint";

	/** The most output read from one collection; more is cut off (and the cut sections are missing). */
	static final int MAX_OUTPUT = 4 * 1024 * 1024;

	private static final AttributeRepository.AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeRepository.AttributeKey<>();

	private static final SecureRandom NONCES = new SecureRandom();

	private SshClient client;

	/** Decrypted private keys by a digest of key and passphrase, the least recently used dropped past 512. */
	private final Map<String, List<KeyPair>> keyCache = new java.util.LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<KeyPair>> eldest) {
			return size() > 512;
		}

	};

	@Override
	public String protocol() {
		return "ssh";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		ShellSection.validateSources(type, ShellSection.read(type, problems), problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		TemplateProblems problems = new TemplateProblems();
		Map<String, ShellSection> sections = ShellSection.read(request.type(), problems);
		String host = request.text(HOST);
		String username = request.text(USERNAME);
		if (!problems.isEmpty() || sections.isEmpty()) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "the template's sections are invalid: " + problems.all());
		}
		if (host == null || host.isBlank() || username == null || username.isBlank()) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "host and username are required");
		}
		int port = request.number(PORT, 22);
		String target = host + ":" + port;
		long deadline = System.nanoTime() + request.timeout().toNanos();
		List<KeyPair> keys;
		try {
			keys = keys(request);
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR,
					"the private key cannot be read (wrong format or passphrase): " + NetworkFailures.rootMessage(ex));
		}
		String password = request.text(PASSWORD);
		if (keys.isEmpty() && (password == null || password.isEmpty())) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "neither a password nor a private key is set");
		}
		HostKeyCheck check = new HostKeyCheck(request.text(HOST_KEY_FINGERPRINT));
		ClientSession session = null;
		try {
			ConnectFuture connecting = client().connect(username, host, port,
					AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check), null);
			if (!connecting.await(remaining(deadline))) {
				connecting.cancel();
				return CollectionResult.failure(Outcome.TIMEOUT, "no connection to " + target + " within "
						+ request.timeout().toMillis() + " ms");
			}
			if (connecting.getException() != null) {
				return connectionFailure(connecting.getException(), target);
			}
			session = connecting.getSession();
			keys.forEach(session::addPublicKeyIdentity);
			if (password != null && !password.isEmpty()) {
				session.addPasswordIdentity(password);
			}
			AuthFuture auth = session.auth();
			boolean done = auth.await(remaining(deadline));
			if (check.mismatch) {
				return CollectionResult.failure(Outcome.AUTH_FAILED, "the host key of " + target + " is "
						+ check.actual + ", not the expected " + check.expected + "; no credentials were sent");
			}
			if (!done) {
				return CollectionResult.failure(Outcome.TIMEOUT, "no sign-in at " + target + " within "
						+ request.timeout().toMillis() + " ms");
			}
			if (!auth.isSuccess()) {
				Throwable failure = auth.getException();
				Outcome outcome = failure == null ? null : NetworkFailures.outcome(failure);
				if (outcome != null) {
					return CollectionResult.failure(outcome, target + ": " + NetworkFailures.rootMessage(failure));
				}
				if (failure != null && !NetworkFailures.rootMessage(failure).toLowerCase(Locale.ROOT).contains("authentication")) {
					return CollectionResult.failure(Outcome.ERROR,
							"sign-in at " + target + " failed: " + NetworkFailures.rootMessage(failure));
				}
				return CollectionResult.failure(Outcome.AUTH_FAILED, target + " refused the "
						+ (keys.isEmpty() ? "password" : password == null ? "key" : "key and password") + " of "
						+ username + (failure == null ? "" : ": " + NetworkFailures.rootMessage(failure)));
			}
			CollectionResult result = run(session, sections, request, deadline, target);
			return result.withFacts(facts(result, check));
		}
		catch (IOException | RuntimeException ex) {
			return connectionFailure(ex, target);
		}
		finally {
			if (session != null) {
				session.close(true);
			}
		}
	}

	private CollectionResult run(ClientSession session, Map<String, ShellSection> sections, CollectionRequest request,
			long deadline, String target) throws IOException {
		String nonce = HexFormat.of().formatHex(randomBytes());
		String script = ShellScript.build(sections.values(), nonce);
		BoundedOutput out = new BoundedOutput(MAX_OUTPUT);
		BoundedOutput err = new BoundedOutput(64 * 1024);
		try (ChannelExec channel = session.createExecChannel(ShellScript.COMMAND)) {
			channel.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
			channel.setOut(out);
			channel.setErr(err);
			if (!channel.open().await(remaining(deadline))) {
				return CollectionResult.failure(Outcome.TIMEOUT, target + " opened no channel within "
						+ request.timeout().toMillis() + " ms");
			}
			Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remaining(deadline));
			if (events.contains(ClientChannelEvent.TIMEOUT)) {
				return CollectionResult.failure(Outcome.TIMEOUT, "the commands on " + target + " did not finish within "
						+ request.timeout().toMillis() + " ms");
			}
			Integer status = channel.getExitStatus();
			Map<String, ShellScript.Output> outputs = ShellScript.parse(out.text(), nonce);
			if (outputs.isEmpty()) {
				return CollectionResult.failure(Outcome.BAD_RESPONSE, target + ": " + ShellScript.COMMAND
						+ " printed no sections (exit status " + status + ")" + (err.text().isBlank() ? "" : "; " + stderr(err)));
			}
			CollectionResult result = new ShellReadout(sections, outputs).read(request);
			if (out.overflow()) {
				result = new CollectionResult(result.outcome() == Outcome.SUCCESS ? Outcome.PARTIAL : result.outcome(),
						join(result.detail(), "output cut off after " + MAX_OUTPUT + " bytes"), result.values(),
						result.facts(), result.inventories());
			}
			if (result.outcome() != Outcome.SUCCESS && !err.text().isBlank()) {
				result = new CollectionResult(result.outcome(), join(result.detail(), stderr(err)),
						result.values(), result.facts(), result.inventories());
			}
			return result;
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[8];
		NONCES.nextBytes(bytes);
		return bytes;
	}

	private static String stderr(BoundedOutput err) {
		String first = err.text().strip().lines().findFirst().orElse("");
		return "stderr: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first);
	}

	private static String join(String detail, String more) {
		return detail == null ? more : detail + "; " + more;
	}

	private static Map<String, String> facts(CollectionResult result, HostKeyCheck check) {
		Map<String, String> facts = new HashMap<>(result.facts());
		if (check.actual != null) {
			facts.put("hostKey", check.actual);
		}
		return facts;
	}

	private static CollectionResult connectionFailure(Throwable failure, String target) {
		Outcome outcome = NetworkFailures.outcome(failure);
		return CollectionResult.failure(outcome == null ? Outcome.ERROR : outcome,
				target + ": " + NetworkFailures.rootMessage(failure));
	}

	private static long remaining(long deadline) {
		return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
	}

	/**
	 * The key pairs of the {@code privateKey} parameter (PEM or OpenSSH), decrypted with
	 * {@code passphrase}; remembered by a digest of both, because decrypting an OpenSSH key runs
	 * bcrypt (≈ 0.1 s of CPU) and a key serves every collection of its monitors.
	 */
	private List<KeyPair> keys(CollectionRequest request) throws IOException, GeneralSecurityException {
		String text = request.text(PRIVATE_KEY);
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String passphrase = request.text(PASSPHRASE);
		String digest = digest(text, passphrase);
		synchronized (this.keyCache) {
			List<KeyPair> known = this.keyCache.get(digest);
			if (known != null) {
				return known;
			}
		}
		List<KeyPair> keys = List.copyOf(readKeys(text, passphrase));
		synchronized (this.keyCache) {
			this.keyCache.put(digest, keys);
		}
		return keys;
	}

	private static String digest(String key, String passphrase) throws GeneralSecurityException {
		java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
		sha256.update(key.getBytes(StandardCharsets.UTF_8));
		sha256.update((byte) 0);
		sha256.update((passphrase == null ? "" : passphrase).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(sha256.digest());
	}

	private static List<KeyPair> readKeys(String text, String passphrase) throws IOException, GeneralSecurityException {
		FilePasswordProvider passwords = passphrase == null || passphrase.isEmpty() ? FilePasswordProvider.EMPTY
				: FilePasswordProvider.of(passphrase);
		Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("privateKey"),
				new ByteArrayInputStream(normalizeKey(text).getBytes(StandardCharsets.UTF_8)), passwords);
		List<KeyPair> keys = new ArrayList<>();
		if (pairs != null) {
			pairs.forEach(keys::add);
		}
		if (keys.isEmpty()) {
			throw new GeneralSecurityException("no private key found in the text");
		}
		return keys;
	}

	/** A key pasted into a form may have lost its line breaks or gained carriage returns. */
	static String normalizeKey(String text) {
		StringBuilder lines = new StringBuilder();
		new java.io.BufferedReader(new StringReader(text.replace("\r", ""))).lines()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.forEach(line -> lines.append(line).append('\n'));
		return lines.toString();
	}

	private synchronized SshClient client() {
		if (this.client == null) {
			SshClient created = SshClient.setUpDefaultClient();
			created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
			created.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
			created.setUserInteraction(UserInteraction.NONE);
			created.setServerKeyVerifier(SshCollector::verifyServerKey);
			created.start();
			this.client = created;
		}
		return this.client;
	}

	private static boolean verifyServerKey(ClientSession session, java.net.SocketAddress address, PublicKey key) {
		HostKeyCheck check = session.getConnectionContext() == null ? null
				: session.getConnectionContext().getAttribute(HOST_KEY_CHECK);
		if (check == null) {
			return false;
		}
		return check.verify(key);
	}

	@Override
	public synchronized void destroy() throws IOException {
		if (this.client != null) {
			this.client.stop();
			this.client = null;
		}
	}

	/** The fingerprint the server showed and, when the monitor fixed one, whether it was that one. */
	static final class HostKeyCheck {

		final String expected;

		volatile String actual;

		volatile boolean mismatch;

		HostKeyCheck(String expected) {
			this.expected = expected == null || expected.isBlank() ? null : expected.strip();
		}

		boolean verify(PublicKey key) {
			this.actual = KeyUtils.getFingerPrint(key);
			if (this.expected == null) {
				return true;
			}
			String shown = this.expected.toUpperCase(Locale.ROOT).startsWith("MD5:")
					? KeyUtils.getFingerPrint(BuiltinDigests.md5, key) : this.actual;
			boolean same = normalize(shown).equals(normalize(this.expected));
			this.mismatch = !same;
			return same;
		}

		private static String normalize(String fingerprint) {
			String text = fingerprint.strip();
			if (text.regionMatches(true, 0, "SHA256:", 0, 7)) {
				text = "SHA256:" + text.substring(7);
			}
			else if (text.regionMatches(true, 0, "MD5:", 0, 4)) {
				text = text.toLowerCase(Locale.ROOT);
			}
			else {
				text = "SHA256:" + text;
			}
			while (text.endsWith("=")) {
				text = text.substring(0, text.length() - 1);
			}
			return text;
		}

	}

	/** Collects a channel's output up to a limit, then drops the rest (remembering that it did). */
	static final class BoundedOutput extends OutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final int limit;

		private boolean overflow;

		BoundedOutput(int limit) {
			this.limit = limit;
		}

		@Override
		public synchronized void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] data, int offset, int length) {
			int room = this.limit - this.bytes.size();
			if (length > room) {
				this.overflow = true;
			}
			this.bytes.write(data, offset, Math.max(0, Math.min(room, length)));
		}

		synchronized boolean overflow() {
			return this.overflow;
		}

		synchronized String text() {
			return this.bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
