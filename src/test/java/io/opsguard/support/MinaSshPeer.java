package io.opsguard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An in-process SSH server (Apache MINA sshd) on a free loopback port: a real SSH protocol peer
 * that signs users in by password or public key and answers {@code /bin/sh -s} scripts made of
 * OpsGuard's section markers ({@code echo '@@og-<nonce> begin <name>'}) with the fixture file
 * {@code <fixtures>/<name>.txt} of each section — so SSH collections are tested without a shell.
 * Sections without a fixture end with exit status 127, like a missing command.
 */
public final class MinaSshPeer implements AutoCloseable {

	private static final Pattern BEGIN = Pattern.compile("echo '@@og-([0-9a-f]+) begin ([A-Za-z0-9_]+)'");

	private final SshServer server;

	private final String fixtures;

	/** The commands the server was asked to run. */
	public final CopyOnWriteArrayList<String> commands = new CopyOnWriteArrayList<>();

	/** How long the shell waits before it answers (a slow host). */
	public volatile long delayMillis;

	/** When set, the shell prints this instead of the sections (a host answering nonsense). */
	public volatile String garbage;

	/**
	 * Sections answered by a supplier instead of their fixture file, by section name: a host whose
	 * counters move (CPU jiffies, network bytes) between collections.
	 */
	public final Map<String, Supplier<String>> live = new ConcurrentHashMap<>();

	/**
	 * Starts a server.
	 *
	 * @param fixtures the class-path folder of the section fixtures, e.g. {@code monitoring/ssh}
	 * @param user the user name accepted
	 * @param password the password accepted, or null for none
	 * @param key the public key accepted, or null for none
	 */
	public MinaSshPeer(String fixtures, String user, String password, PublicKey key) {
		this.fixtures = fixtures;
		this.server = SshServer.setUpDefaultServer();
		this.server.setHost("127.0.0.1");
		this.server.setPort(0);
		this.server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
		this.server.setPasswordAuthenticator(
				(name, given, session) -> user.equals(name) && password != null && password.equals(given));
		this.server.setPublickeyAuthenticator(
				(name, given, session) -> user.equals(name) && key != null && KeyUtils.compareKeys(key, given));
		this.server.setCommandFactory((channel, command) -> {
			this.commands.add(command);
			return new FixtureShell();
		});
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getPort();
	}

	/** The SHA-256 fingerprint of the server's host key, as ssh-keygen -lf prints it. */
	public String hostKeyFingerprint() {
		try {
			return KeyUtils.getFingerPrint(this.server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.stop(true);
	}

	private String answer(String script) {
		if (this.garbage != null) {
			return this.garbage;
		}
		StringBuilder out = new StringBuilder();
		Matcher matcher = BEGIN.matcher(script);
		while (matcher.find()) {
			String nonce = matcher.group(1);
			String name = matcher.group(2);
			out.append("@@og-").append(nonce).append(" begin ").append(name).append('\n');
			int status = 0;
			Supplier<String> supplier = this.live.get(name);
			if (supplier != null) {
				out.append(supplier.get());
				out.append("\n@@og-").append(nonce).append(" end ").append(name).append(" 0\n");
				continue;
			}
			try (InputStream in = MinaSshPeer.class.getClassLoader()
				.getResourceAsStream(this.fixtures + "/" + name + ".txt")) {
				if (in == null) {
					status = 127;
				}
				else {
					out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				status = 1;
			}
			out.append("\n@@og-").append(nonce).append(" end ").append(name).append(' ').append(status).append('\n');
		}
		return out.toString();
	}

	/** Reads the script to its end, then answers it. */
	private final class FixtureShell implements Command {

		private InputStream in;

		private OutputStream out;

		private ExitCallback exit;

		private Thread thread;

		@Override
		public void setInputStream(InputStream in) {
			this.in = in;
		}

		@Override
		public void setOutputStream(OutputStream out) {
			this.out = out;
		}

		@Override
		public void setErrorStream(OutputStream err) {
		}

		@Override
		public void setExitCallback(ExitCallback callback) {
			this.exit = callback;
		}

		@Override
		public void start(ChannelSession channel, Environment environment) {
			this.thread = new Thread(() -> {
				int status = 0;
				try {
					ByteArrayOutputStream script = new ByteArrayOutputStream();
					this.in.transferTo(script);
					if (MinaSshPeer.this.delayMillis > 0) {
						Thread.sleep(MinaSshPeer.this.delayMillis);
					}
					this.out.write(answer(script.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
					this.out.flush();
				}
				catch (IOException | InterruptedException ex) {
					status = 1;
				}
				this.exit.onExit(status);
			}, "mina-ssh-peer-shell");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		@Override
		public void destroy(ChannelSession channel) {
			this.thread.interrupt();
		}

	}

}
