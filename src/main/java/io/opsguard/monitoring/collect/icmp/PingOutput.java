package io.opsguard.monitoring.collect.icmp;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What iputils {@code ping} printed (run in the C locale): packets sent and received, the
 * round-trip summary, and why it could not run at all.
 */
record PingOutput(int transmitted, int received, double rttMin, double rttAvg, double rttMax, String error) {

	private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

	private static final Pattern RTT = Pattern
		.compile("(?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev))? = ([\\d.]+)/([\\d.]+)/([\\d.]+)");

	/** A message of ping itself, named as it was called ({@code ping:}, {@code /usr/bin/ping:}). */
	private static final Pattern PROGRAM_MESSAGE = Pattern.compile("(?:\\S*/)?ping6?: (.*)");

	static PingOutput parse(String text) {
		int transmitted = -1;
		int received = -1;
		double min = Double.NaN;
		double avg = Double.NaN;
		double max = Double.NaN;
		String error = null;
		for (String line : text.split("\\R")) {
			Matcher counts = COUNTS.matcher(line);
			if (counts.find()) {
				transmitted = Integer.parseInt(counts.group(1));
				received = Integer.parseInt(counts.group(2));
				continue;
			}
			Matcher rtt = RTT.matcher(line);
			if (rtt.find()) {
				min = Double.parseDouble(rtt.group(1));
				avg = Double.parseDouble(rtt.group(2));
				max = Double.parseDouble(rtt.group(3));
				continue;
			}
			String trimmed = line.trim();
			Matcher program = PROGRAM_MESSAGE.matcher(trimmed);
			if (error == null && program.matches()) {
				error = program.group(1);
			}
			else if (error == null && trimmed.startsWith("From ")) {
				error = trimmed;
			}
		}
		return new PingOutput(transmitted, received, min, avg, max, error);
	}

	/** Whether the summary was printed. */
	boolean complete() {
		return this.transmitted > 0 && this.received >= 0;
	}

	double lossPercent() {
		return this.transmitted <= 0 ? 100 : 100.0 * (this.transmitted - this.received) / this.transmitted;
	}

	/** Whether ping could not open its socket: no capability, no permission (some containers and hosts). */
	boolean notPermitted() {
		String text = this.error == null ? "" : this.error.toLowerCase(Locale.ROOT);
		return text.contains("operation not permitted") || text.contains("permission denied")
				|| text.contains("socket: ") || text.contains("not permitted");
	}

	/** Whether the host name could not be resolved. */
	boolean unknownHost() {
		String text = this.error == null ? "" : this.error.toLowerCase(Locale.ROOT);
		return text.contains("name or service not known") || text.contains("unknown host")
				|| text.contains("temporary failure in name resolution") || text.contains("no address associated");
	}

}
