package io.opsguard.monitoring.collect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks that a monitor's host is an IP literal or a DNS name before it reaches a socket or a
 * command line: no leading '-' (it would be read as an option by {@code ping}), no spaces, no
 * shell or URL characters.
 */
public final class HostNames {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?");

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

	private HostNames() {
	}

	/** Whether the host is an IPv4 or IPv6 literal (brackets allowed around IPv6) or a DNS name. */
	public static boolean isValid(String host) {
		return host != null && (isIpv4(host) || isIpv6(host) || isDnsName(host));
	}

	public static boolean isIpv4(String host) {
		return host != null && IPV4.matcher(host).matches();
	}

	/** Whether the host is an IPv6 literal, with or without brackets. */
	public static boolean isIpv6(String host) {
		if (host == null) {
			return false;
		}
		String bare = unbracket(host);
		if (!bare.contains(":") || !IPV6_CHARACTERS.matcher(bare).matches()) {
			return false;
		}
		try {
			// a literal with ':' is parsed, never looked up
			return InetAddress.getByName(bare.contains("%") ? bare.substring(0, bare.indexOf('%')) : bare)
				.getAddress().length == 16;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** Whether the host is a DNS name: dot-separated labels of letters, digits, '-' and '_', not starting with '-'. */
	public static boolean isDnsName(String host) {
		if (host == null || host.isEmpty() || host.length() > 253) {
			return false;
		}
		String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (name.isEmpty()) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return !IPV4_LIKE.matcher(name).matches();
	}

	private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");

	/** The host without the brackets of an IPv6 literal. */
	public static String unbracket(String host) {
		return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
				: host;
	}

}
