package io.opsguard.monitoring.store.victoria;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * VictoriaMetrics could not be reached or refused a request: nothing of an append that throws it
 * counts as stored. The message carries the technical detail (never credentials: the store's URL
 * holds none).
 */
public class VictoriaMetricsException extends UncheckedIOException {

	public VictoriaMetricsException(String message) {
		this(message, new IOException(message));
	}

	public VictoriaMetricsException(String message, Throwable cause) {
		super(message, cause instanceof IOException io ? io : new IOException(cause));
	}

}
