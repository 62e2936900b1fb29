package io.opsguard.monitoring.collect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLException;

/**
 * Turns the exceptions of a failed network exchange into an {@link Outcome} and the exact
 * technical detail, the same way for every probe: unknown host or no route → unreachable, refused
 * → refused, no answer in time → timeout, TLS failures → bad response.
 */
public final class ConnectFailures {

	private ConnectFailures() {
	}

	/**
	 * The result of a failed exchange with {@code target} (such as {@code host:port} or a URL).
	 */
	public static CollectionResult result(Throwable failure, String target) {
		Throwable cause = rootOf(failure);
		Outcome outcome = outcome(failure);
		String message = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
				: cause.getMessage();
		String detail = switch (outcome) {
			case UNREACHABLE -> (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException)
					? "Unknown host " + target + " (" + message + ")" : "Cannot reach " + target + ": " + message;
			case REFUSED -> "Connection refused by " + target;
			case TIMEOUT -> "No answer from " + target + " in time (" + message + ")";
			case BAD_RESPONSE -> "TLS handshake with " + target + " failed: " + message;
			default -> target + ": " + cause.getClass().getSimpleName() + ": " + message;
		};
		return CollectionResult.failure(outcome, detail);
	}

	/**
	 * The result of a failed exchange of the JDK's HTTP client with a URL. That client reports a
	 * refused connection, no route and others alike (a bare {@link ConnectException} caused by a
	 * closed channel), so such a failure is diagnosed by connecting once more with a plain socket.
	 */
	public static CollectionResult httpResult(Throwable failure, URI uri, String shown, int timeoutMillis) {
		CollectionResult result = result(failure, shown);
		if (result.outcome() != Outcome.ERROR || !hasBareConnectException(failure) || uri.getHost() == null) {
			return result;
		}
		int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
				: uri.getHost();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), Math.max(1, timeoutMillis));
			return CollectionResult.failure(Outcome.ERROR, "Cannot connect to " + shown + ", though it accepts connections now");
		}
		catch (IOException ex) {
			return result(ex, shown);
		}
	}

	private static boolean hasBareConnectException(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** The outcome of a failed exchange. */
	public static Outcome outcome(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
					|| t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
				return Outcome.UNREACHABLE;
			}
			if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException
					|| t instanceof SocketTimeoutException) {
				return Outcome.TIMEOUT;
			}
			if (t instanceof ConnectException connect) {
				String message = String.valueOf(connect.getMessage()).toLowerCase(java.util.Locale.ROOT);
				if (message.contains("refused")) {
					return Outcome.REFUSED;
				}
				if (message.contains("no route") || message.contains("unreachable")) {
					return Outcome.UNREACHABLE;
				}
				if (message.contains("timed out")) {
					return Outcome.TIMEOUT;
				}
			}
			if (t instanceof SSLException) {
				return Outcome.BAD_RESPONSE;
			}
			if (t instanceof InterruptedIOException) {
				return Outcome.TIMEOUT;
			}
		}
		return Outcome.ERROR;
	}

	/** The exception whose message says most: the first TLS one, else the deepest cause. */
	private static Throwable rootOf(Throwable failure) {
		Throwable cause = failure;
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof SSLException) {
				return t;
			}
			cause = t;
		}
		return cause;
	}

}
