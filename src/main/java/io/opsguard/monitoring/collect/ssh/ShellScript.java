package io.opsguard.monitoring.collect.ssh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All of a template's commands as one POSIX {@code sh} script, sent on one exec channel's standard
 * input to {@code /bin/sh -s}: one round trip per collection instead of one channel per command, and
 * no quoting of commands through the user's login shell (which may be csh). Each command's output
 * is framed by marker lines carrying a nonce of this collection, so a command cannot fake another's
 * section; each command reads {@code /dev/null}, not the rest of the script.
 */
final class ShellScript {

	/** The command run on the exec channel; the script comes on its standard input. */
	static final String COMMAND = "/bin/sh -s";

	private static final String PREAMBLE = """
			LC_ALL=C; export LC_ALL
			PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH
			""";

	private ShellScript() {
	}

	static String build(Collection<ShellSection> sections, String nonce) {
		StringBuilder script = new StringBuilder(PREAMBLE);
		for (ShellSection section : sections) {
			script.append("echo '@@og-").append(nonce).append(" begin ").append(section.name()).append("'\n");
			script.append("{ ").append(section.command()).append("\n} </dev/null\n");
			script.append("printf '\\n@@og-").append(nonce).append(" end ").append(section.name()).append(" %s\\n' \"$?\"\n");
		}
		script.append("exit 0\n");
		return script.toString();
	}

	/** One section's output: its lines without the blank ones, and the exit status of its command. */
	record Output(String name, List<String> lines, int exitStatus) {
	}

	/** The sections found in the script's output, by name (a section cut off by the end is missing). */
	static Map<String, Output> parse(String output, String nonce) {
		Pattern marker = Pattern.compile("@@og-" + Pattern.quote(nonce) + " (begin|end) ([A-Za-z0-9_]+)(?: (\\d{1,5}))?");
		Map<String, Output> sections = new LinkedHashMap<>();
		String current = null;
		List<String> lines = new ArrayList<>();
		for (String line : output.split("\r?\n")) {
			Matcher matcher = marker.matcher(line.strip());
			if (matcher.matches()) {
				if ("begin".equals(matcher.group(1))) {
					current = matcher.group(2);
					lines = new ArrayList<>();
				}
				else if (current != null && current.equals(matcher.group(2))) {
					int status = matcher.group(3) == null ? -1 : Integer.parseInt(matcher.group(3));
					sections.put(current, new Output(current, List.copyOf(lines), status));
					current = null;
				}
				continue;
			}
			if (current != null && !line.isBlank()) {
				lines.add(line.strip());
			}
		}
		return sections;
	}

}
