package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's net-snmp agent ({@code /usr/sbin/snmpd}) started by a test on a free UDP port of
 * 127.0.0.1, with its own configuration and persistent directory in a temp dir: a read-only
 * community {@link #COMMUNITY} and an SNMPv3 user {@link #V3_USER} (SHA authentication, AES
 * privacy). Skipped when snmpd is not installed, unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}
 * (CI), then the test fails. Close it after the test (also on failure).
 */
public final class SnmpdPeer implements AutoCloseable {

	public static final String BINARY = "/usr/sbin/snmpd";

	public static final String COMMUNITY = "opsguard-snmpd";

	public static final String V3_USER = "opsguardv3";

	public static final String V3_AUTH_PASSWORD = "snmpd-auth-1";

	public static final String V3_PRIV_PASSWORD = "snmpd-priv-1";

	private final Process process;

	private final Path dir;

	private final int port;

	private SnmpdPeer(Process process, Path dir, int port) {
		this.process = process;
		this.dir = dir;
		this.port = port;
	}

	/** Starts snmpd and waits until it answers. */
	public static SnmpdPeer start() {
		SystemPeers.program("snmpd", BINARY);
		try {
			Path dir = Files.createTempDirectory("opsguard-snmpd-");
			Path persistent = Files.createDirectories(dir.resolve("persistent"));
			int port = SnmpAgentPeer.freeUdpPort();
			Path conf = dir.resolve("snmpd.conf");
			Files.writeString(conf, String.join("\n",
					"agentaddress udp:127.0.0.1:" + port,
					"rocommunity " + COMMUNITY + " 127.0.0.1",
					"createUser " + V3_USER + " SHA \"" + V3_AUTH_PASSWORD + "\" AES \"" + V3_PRIV_PASSWORD + "\"",
					"rouser " + V3_USER + " priv",
					"persistentDir " + persistent,
					"sysName opsguard-snmpd-test",
					"sysLocation test machine room",
					""), StandardCharsets.UTF_8);
			ProcessBuilder builder = new ProcessBuilder(BINARY, "-f", "-Lo", "-C", "-c", conf.toString(), "-p",
					dir.resolve("snmpd.pid").toString(), "-M", "/dev/null", "-m", "")
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("snmpd.log").toFile());
			builder.environment().put("SNMP_PERSISTENT_DIR", persistent.toString());
			builder.environment().put("SNMPCONFPATH", dir.toString());
			builder.environment().put("MIBS", "");
			SnmpdPeer peer = new SnmpdPeer(builder.start(), dir, port);
			peer.awaitAnswer(Duration.ofSeconds(15));
			return peer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** What snmpd printed, for failure messages. */
	public String log() {
		try {
			return Files.readString(this.dir.resolve("snmpd.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Sends a v2c GET of sysUpTime.0 until snmpd answers it. */
	private void awaitAnswer(Duration within) throws IOException {
		byte[] community = COMMUNITY.getBytes(StandardCharsets.US_ASCII);
		byte[] oid = { 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00 };
		byte[] varbind = concat(new byte[] { 0x30, (byte) (oid.length + 2) }, oid, new byte[] { 0x05, 0x00 });
		byte[] list = concat(new byte[] { 0x30, (byte) varbind.length }, varbind);
		byte[] fields = concat(new byte[] { 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 }, list);
		byte[] pdu = concat(new byte[] { (byte) 0xa0, (byte) fields.length }, fields);
		byte[] body = concat(new byte[] { 0x02, 0x01, 0x01, 0x04, (byte) community.length }, community, pdu);
		byte[] message = concat(new byte[] { 0x30, (byte) body.length }, body);
		long until = System.nanoTime() + within.toNanos();
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.setSoTimeout(200);
			while (System.nanoTime() < until) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("snmpd exited with " + this.process.exitValue() + ":\n" + log());
				}
				socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), this.port));
				try {
					socket.receive(new DatagramPacket(new byte[1500], 1500));
					return;
				}
				catch (SocketTimeoutException ex) {
					// not listening yet
				}
			}
		}
		close();
		throw new IllegalStateException("snmpd did not answer within " + within + ":\n" + log());
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	@Override
	public void close() {
		SystemPeers.stop(this.process, this.dir);
	}

}
