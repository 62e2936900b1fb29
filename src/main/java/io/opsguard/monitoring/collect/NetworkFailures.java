package io.opsguard.monitoring.collect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Turns the exception of a failed network exchange into an {@link Outcome} and the exact technical
 * detail, the same way for every collector, looking through the exception's causes: unknown host
 * or no route → unreachable, refused → refused, no answer in time → timeout, a failed TLS
 * handshake → bad response.
 */
public final class NetworkFailures {

	private NetworkFailures() {
	}

	/**
	 * The network outcome the exception (or one of its causes) shows: {@link Outcome#UNREACHABLE},
	 * {@link Outcome#REFUSED}, {@link Outcome#TIMEOUT}, {@link Outcome#BAD_RESPONSE} for TLS; null
	 * when it shows none of these.
	 */
	public static Outcome outcome(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
					|| t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
				return Outcome.UNREACHABLE;
			}
			if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException
					|| t instanceof SocketTimeoutException || t instanceof TimeoutException) {
				return Outcome.TIMEOUT;
			}
			if (t instanceof ConnectException connect) {
				String message = String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT);
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
		return null;
	}

	/**
	 * The result of a failed exchange with {@code target} (such as {@code host:port} or a URL):
	 * its network outcome, or {@link Outcome#ERROR} with the exception's name.
	 */
	public static CollectionResult result(Throwable failure, String target) {
		Throwable cause = mostTelling(failure);
		Outcome outcome = outcome(failure);
		String message = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
				: cause.getMessage();
		if (outcome == null) {
			return CollectionResult.failure(Outcome.ERROR, target + ": " + cause.getClass().getSimpleName() + ": " + message);
		}
		String detail = switch (outcome) {
			case UNREACHABLE -> (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException)
					? "Unknown host " + target + " (" + message + ")" : "Cannot reach " + target + ": " + message;
			case REFUSED -> "Connection refused by " + target;
			case TIMEOUT -> "No answer from " + target + " in time (" + message + ")";
			default -> "TLS handshake with " + target + " failed: " + message;
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
		if (result.outcome() != Outcome.ERROR || !hasConnectException(failure) || uri.getHost() == null) {
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

	/** The innermost message of a failure, with its exception's simple name when it has none. */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
	}

	private static boolean hasConnectException(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** The exception whose message says most: the first TLS one, else the deepest cause. */
	private static Throwable mostTelling(Throwable failure) {
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
