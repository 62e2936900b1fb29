package io.opsguard.monitoring.collect;

/**
 * The {@code host} and {@code port} parameters of a request, checked the same way by every
 * collector that reaches a host: the message of the exception is the detail of a CONFIG_ERROR.
 */
public final class ProbeTargets {

	private ProbeTargets() {
	}

	/**
	 * The {@code host} parameter, trimmed and without the brackets of an IPv6 literal.
	 *
	 * @throws IllegalArgumentException when it is missing or no IP address or host name
	 */
	public static String host(CollectionRequest request) {
		String host = request.text("host");
		if (host == null || !HostNames.isValid(host.trim())) {
			throw new IllegalArgumentException("Not an IP address or host name: " + host);
		}
		return HostNames.unbracket(host.trim());
	}

	/**
	 * The {@code port} parameter, or {@code fallback} when it is not set.
	 *
	 * @throws IllegalArgumentException when it is no number from 1 to 65535
	 */
	public static int port(CollectionRequest request, int fallback) {
		int port;
		try {
			port = request.number("port", fallback);
		}
		catch (NumberFormatException ex) {
			port = 0;
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Not a port: " + request.text("port"));
		}
		return port;
	}

}
