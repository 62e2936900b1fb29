package io.opsguard.monitoring.collect;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Reads the outcome of a failed connection from the exception a client library threw, looking
 * through its causes: refused, unreachable or timed out; null when it was none of these.
 */
public final class NetworkFailures {

	private NetworkFailures() {
	}

	/** The network outcome the exception (or one of its causes) shows, or null. */
	public static Outcome outcome(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ConnectException) {
				String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
				return message.contains("timed out") ? Outcome.TIMEOUT : Outcome.REFUSED;
			}
			if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
					|| cause instanceof PortUnreachableException) {
				return Outcome.UNREACHABLE;
			}
			if (cause instanceof InterruptedIOException || cause instanceof TimeoutException) {
				return Outcome.TIMEOUT;
			}
		}
		return null;
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

}
