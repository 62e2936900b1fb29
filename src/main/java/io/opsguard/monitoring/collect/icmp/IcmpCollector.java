package io.opsguard.monitoring.collect.icmp;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.HostNames;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.ProbeFields;
import io.opsguard.monitoring.collect.ProbeTargets;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.stereotype.Component;

/**
 * ICMP ping through the system's iputils {@code ping} (which holds the raw-socket capability the
 * JVM lacks), with a TCP connect probe instead when {@code ping} is missing or may not open its
 * socket, or when the monitor asks for it ({@code method: tcp}, for hosts whose firewall drops ICMP):
 * a refused connection proves the host is up as well as an accepted one.
 * <p>
 * Fields: {@code loss} (percent), {@code rtt_min}, {@code rtt_avg}, {@code rtt_max}
 * (milliseconds), {@code up}. Parameters: {@code host}, {@code count} (1–100, default 4),
 * {@code method} (auto, icmp, tcp), {@code ports} (for TCP, default 22, 80, 443). The method used
 * is reported as the fact {@code method}. A host that answers no ping is UNREACHABLE, with
 * {@code loss} 100 and {@code up} 0 recorded all the same.
 */
@Component
public class IcmpCollector implements Collector {

	static final Set<String> FIELDS = Set.of("loss", "rtt_min", "rtt_avg", "rtt_max", "up");

	static final List<String> DEFAULT_PORTS = List.of("22", "80", "443");

	private final String ping;

	public IcmpCollector() {
		this(findPing());
	}

	/** With the ping program to run; null or a missing file means there is none. */
	IcmpCollector(String ping) {
		this.ping = ping;
	}

	private static String findPing() {
		List<String> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				candidates.add(directory + "/ping");
			}
		}
		candidates.addAll(List.of("/usr/bin/ping", "/bin/ping", "/usr/sbin/ping", "/sbin/ping"));
		return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
	}

	@Override
	public String protocol() {
		return "icmp";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		ProbeFields.validate(type, FIELDS, List.of("host"), problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		String host;
		try {
			host = ProbeTargets.host(request);
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		int count = request.number("count", 4);
		if (count < 1 || count > 100) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "count must be 1 to 100, not " + count);
		}
		String method = request.text("method") == null ? "auto" : request.text("method");
		List<Integer> ports;
		try {
			ports = ports(request);
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		switch (method) {
			case "tcp":
				return tcp(request, host, ports, null);
			case "icmp":
			case "auto":
				break;
			default:
				return CollectionResult.failure(Outcome.CONFIG_ERROR, "method must be auto, icmp or tcp, not " + method);
		}
		if (this.ping == null || !Files.isExecutable(Path.of(this.ping))) {
			return "auto".equals(method) ? tcp(request, host, ports, "ping is not installed")
					: CollectionResult.failure(Outcome.CONFIG_ERROR, "ping is not installed on the OpsGuard server");
		}
		return ping(request, host, count, method, ports);
	}

	private static List<Integer> ports(CollectionRequest request) {
		List<String> texts = request.list("ports");
		List<Integer> ports = new ArrayList<>();
		for (String text : texts.isEmpty() ? DEFAULT_PORTS : texts) {
			for (String part : text.split("[,\\s]+")) {
				if (part.isBlank()) {
					continue;
				}
				int port;
				try {
					port = Integer.parseInt(part.trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Not a port: " + part);
				}
				if (port < 1 || port > 65535) {
					throw new IllegalArgumentException("Not a port: " + part);
				}
				ports.add(port);
			}
		}
		if (ports.isEmpty()) {
			throw new IllegalArgumentException("No port to probe");
		}
		return ports;
	}

	private CollectionResult ping(CollectionRequest request, String host, int count, String method, List<Integer> ports) {
		long timeoutMillis = Math.max(1000, request.timeout().toMillis());
		// ping sends its pings 0.2 s apart and waits up to -W s for the last reply; no -w deadline, which
		// would keep it sending past the count while nothing answers. The count is cut to what fits
		// into the timeout, so that ping ends and prints its summary before it would be killed.
		long wait = timeoutMillis >= 4000 ? 2 : 1;
		int fits = (int) Math.max(1, (timeoutMillis - 300 - wait * 1000) / 200 + 1);
		int pings = Math.min(count, fits);
		List<String> command = new ArrayList<>(List.of(this.ping, "-n", "-c", Integer.toString(pings), "-i", "0.2", "-W",
				Long.toString(wait)));
		if (HostNames.isIpv6(host)) {
			command.add("-6");
		}
		command.add(host);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("LC_ALL", "C");
		builder.environment().put("LANG", "C");
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			return "auto".equals(method) ? tcp(request, host, ports, "ping cannot be started: " + ex.getMessage())
					: CollectionResult.failure(Outcome.CONFIG_ERROR, "ping cannot be started: " + ex.getMessage());
		}
		// the output (at most about 100 short lines) fits in the pipe's buffer: read it once ping has ended
		boolean finished;
		try {
			finished = process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return CollectionResult.failure(Outcome.ERROR, "Interrupted while pinging " + host);
		}
		if (!finished) {
			process.destroyForcibly();
			return CollectionResult.failure(Outcome.TIMEOUT, "ping " + host + " did not end within " + timeoutMillis + " ms")
				.withFacts(Map.of("method", "icmp"));
		}
		String text = read(process.getInputStream());
		PingOutput result = PingOutput.parse(text);
		if (!result.complete()) {
			if (result.notPermitted() && "auto".equals(method)) {
				return tcp(request, host, ports, "ping is not permitted: " + result.error());
			}
			if (result.unknownHost()) {
				return CollectionResult.failure(Outcome.UNREACHABLE, "Unknown host " + host + ": " + result.error())
					.withFacts(Map.of("method", "icmp"));
			}
			String detail = result.error() != null ? result.error() : firstLine(text);
			return CollectionResult.failure(result.notPermitted() ? Outcome.CONFIG_ERROR : Outcome.ERROR,
					"ping " + host + " failed (exit " + process.exitValue() + "): " + detail)
				.withFacts(Map.of("method", "icmp"));
		}
		Map<String, Double> measured = new HashMap<>();
		measured.put("loss", result.lossPercent());
		measured.put("up", result.received() > 0 ? 1.0 : 0.0);
		measured.put("rtt_min", result.rttMin());
		measured.put("rtt_avg", result.rttAvg());
		measured.put("rtt_max", result.rttMax());
		if (result.received() == 0) {
			String why = result.error() != null ? " (" + result.error() + ")" : "";
			return new CollectionResult(Outcome.UNREACHABLE,
					"No reply from " + host + " to " + result.transmitted() + " pings" + why,
					ProbeFields.select(request.type(), measured), Map.of("method", "icmp"), Map.of());
		}
		return CollectionResult.success(ProbeFields.select(request.type(), measured)).withFacts(Map.of("method", "icmp"));
	}

	/**
	 * Tries each port in turn until one connects or refuses: either proves the host is up; its
	 * connect time stands in for the round trip.
	 */
	private static CollectionResult tcp(CollectionRequest request, String host, List<Integer> ports, String why) {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("method", "tcp");
		if (why != null) {
			facts.put("fallbackReason", why);
		}
		long deadline = System.nanoTime() + request.timeout().toNanos();
		CollectionResult lastFailure = null;
		for (int port : ports) {
			long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (remaining <= 0) {
				break;
			}
			long started = System.nanoTime();
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, remaining));
				return tcpUp(request, facts, port, started);
			}
			catch (IOException ex) {
				if (NetworkFailures.outcome(ex) == Outcome.REFUSED) {
					return tcpUp(request, facts, port, started);
				}
				lastFailure = NetworkFailures.result(ex, host + ":" + port);
				if (lastFailure.outcome() == Outcome.UNREACHABLE && ex instanceof java.net.UnknownHostException) {
					break;
				}
			}
		}
		Outcome outcome = lastFailure == null || lastFailure.outcome() == Outcome.TIMEOUT ? Outcome.UNREACHABLE
				: lastFailure.outcome();
		if (outcome == Outcome.REFUSED || outcome == Outcome.ERROR) {
			outcome = Outcome.UNREACHABLE;
		}
		String detail = "No TCP answer from " + host + " on ports " + ports
				+ (lastFailure == null ? " within the timeout" : " (" + lastFailure.detail() + ")");
		Map<String, Double> measured = Map.of("loss", 100.0, "up", 0.0);
		return new CollectionResult(outcome, detail, ProbeFields.select(request.type(), measured), facts, Map.of());
	}

	private static CollectionResult tcpUp(CollectionRequest request, Map<String, String> facts, int port, long started) {
		double millis = (System.nanoTime() - started) / 1_000_000.0;
		facts.put("port", Integer.toString(port));
		Map<String, Double> measured = Map.of("loss", 0.0, "up", 1.0, "rtt_min", millis, "rtt_avg", millis, "rtt_max",
				millis);
		return CollectionResult.success(ProbeFields.select(request.type(), measured)).withFacts(facts);
	}

	private static String read(InputStream in) {
		try (in) {
			return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String firstLine(String text) {
		return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
	}

}
