package io.opsguard.monitoring.collect.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.ProbeFields;
import io.opsguard.monitoring.collect.ProbeTargets;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.stereotype.Component;

/**
 * TCP port check: connects to {@code host}:{@code port}, optionally writes {@code send} (with
 * {@code \r \n \t} escapes) and waits for {@code expect} in what the service answers (an SMTP
 * {@code 220}, an SSH {@code SSH-2.0}).
 * <p>
 * Fields: {@code connect_time} (milliseconds), {@code response_time} (milliseconds until the
 * expected text, when one is expected), {@code up}. A closed port is REFUSED and an unanswered one
 * TIMEOUT or UNREACHABLE, each with {@code up} 0; an open port whose answer lacks the expected
 * text is a SUCCESS with {@code up} 0 and the answer in the detail.
 */
@Component
public class TcpCollector implements Collector {

	static final Set<String> FIELDS = Set.of("connect_time", "response_time", "up");

	/** The most read while waiting for the expected text. */
	static final int MAX_ANSWER = 8 * 1024;

	@Override
	public String protocol() {
		return "tcp";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		ProbeFields.validate(type, FIELDS, List.of("host", "port"), problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		String host;
		int port;
		try {
			host = ProbeTargets.host(request);
			port = ProbeTargets.port(request, 0);
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		String send = unescape(request.text("send"));
		String expect = unescape(request.text("expect"));
		String target = host + ":" + port;
		long deadline = System.nanoTime() + request.timeout().toNanos();
		long started = System.nanoTime();
		Map<String, Double> measured = new HashMap<>();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), Math.max(1, request.timeoutMillis()));
			long connected = System.nanoTime();
			measured.put("connect_time", millis(started, connected));
			if ((send == null || send.isEmpty()) && (expect == null || expect.isEmpty())) {
				measured.put("up", 1.0);
				return CollectionResult.success(ProbeFields.select(request.type(), measured));
			}
			if (send != null && !send.isEmpty()) {
				socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
				socket.getOutputStream().flush();
			}
			if (expect == null || expect.isEmpty()) {
				measured.put("up", 1.0);
				return CollectionResult.success(ProbeFields.select(request.type(), measured));
			}
			String answer = readUntil(socket, expect, deadline);
			if (answer.contains(expect)) {
				measured.put("response_time", millis(connected, System.nanoTime()));
				measured.put("up", 1.0);
				return CollectionResult.success(ProbeFields.select(request.type(), measured));
			}
			measured.put("up", 0.0);
			return new CollectionResult(Outcome.SUCCESS,
					"Expected \"" + expect + "\" from " + target + " but it answered \"" + printable(answer) + "\"",
					ProbeFields.select(request.type(), measured), Map.of(), Map.of());
		}
		catch (SocketTimeoutException ex) {
			measured.put("up", 0.0);
			String detail = measured.containsKey("connect_time")
					? "Connected to " + target + " but it sent no \"" + expect + "\" in time"
					: "No answer from " + target + " in time (" + ex.getMessage() + ")";
			return new CollectionResult(Outcome.TIMEOUT, detail, ProbeFields.select(request.type(), measured), Map.of(),
					Map.of());
		}
		catch (IOException | RuntimeException ex) {
			CollectionResult failure = NetworkFailures.result(ex, target);
			measured.put("up", 0.0);
			return new CollectionResult(failure.outcome(), failure.detail(), ProbeFields.select(request.type(), measured),
					Map.of(), Map.of());
		}
	}

	/** Reads what the peer sends until the text appears, the peer closes, the deadline passes or 8 KB came. */
	private static String readUntil(Socket socket, String expect, long deadline) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		while (answer.size() < MAX_ANSWER) {
			long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (remaining <= 0) {
				throw new SocketTimeoutException("Read timed out");
			}
			socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
			int read = in.read(buffer);
			if (read < 0) {
				break;
			}
			answer.write(buffer, 0, read);
			if (answer.toString(StandardCharsets.UTF_8).contains(expect)) {
				break;
			}
		}
		return answer.toString(StandardCharsets.UTF_8);
	}

	/** Turns the escapes {@code \r \n \t \\} of a template or form text into their characters. */
	static String unescape(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				switch (next) {
					case 'r' -> out.append('\r');
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case '\\' -> out.append('\\');
					default -> out.append('\\').append(next);
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static String printable(String answer) {
		String oneLine = answer.replace("\r", "\\r").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "?");
		return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
	}

	private static double millis(long from, long to) {
		return (to - from) / 1_000_000.0;
	}

}
