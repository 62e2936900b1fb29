package io.opsguard.alerting.expr;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** The known name a mistyped one most likely meant, for "did you mean …" in the messages. */
final class NearestName {

	private NearestName() {
	}

	/** The candidate closest to {@code name} (case ignored, a swap of two letters counts once), or null when none is close. */
	static String find(String name, Collection<String> candidates) {
		String wanted = name.toLowerCase(Locale.ROOT);
		int allowed = (wanted.length() <= 4) ? 1 : (wanted.length() <= 8) ? 2 : 3;
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
			if (distance <= allowed && (distance < bestDistance
					|| (distance == bestDistance && candidate.compareTo(best) < 0))) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Words people write in metric names, and the word the built-in monitor types use instead. */
	private static final Map<String, String> METRIC_WORDS = Map.ofEntries(Map.entry("disk", "fs"),
			Map.entry("filesystem", "fs"), Map.entry("memory", "mem"), Map.entry("ram", "mem"),
			Map.entry("network", "net"), Map.entry("nic", "net"), Map.entry("interface", "if"), Map.entry("iface", "if"),
			Map.entry("util", "usage"), Map.entry("utilization", "usage"), Map.entry("utilisation", "usage"),
			Map.entry("percent", "usage"), Map.entry("pct", "usage"), Map.entry("temp", "temperature"));

	/**
	 * The known metric a name most likely meant: a close spelling ({@link #find}), else the name
	 * with its words put as the monitor types put them ({@code disk_usage} → {@code fs_usage},
	 * {@code memory_util} → {@code mem_usage}).
	 */
	static String findMetric(String name, Collection<String> known) {
		String close = find(name, known);
		if (close != null) {
			return close;
		}
		String[] words = name.toLowerCase(Locale.ROOT).split("_", -1);
		for (int i = 0; i < words.length; i++) {
			words[i] = METRIC_WORDS.getOrDefault(words[i], words[i]);
		}
		String translated = String.join("_", words);
		if (known.contains(translated)) {
			return translated;
		}
		return translated.equals(name) ? null : find(translated, known);
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					value = Math.min(value, d[i - 2][j - 2] + 1);
				}
				d[i][j] = value;
			}
		}
		return d[a.length()][b.length()];
	}

}
