package io.opsguard.monitoring.schedule;

import java.time.Duration;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs one collection through the type's collector: for the scheduler and for "test now". A
 * collector that throws despite its contract yields {@link Outcome#ERROR} with the exception's
 * class and message (collectors never put secrets in their messages), not a lost collection.
 */
@Component
public class Collections {

	private static final Logger log = LoggerFactory.getLogger(Collections.class);

	private final MonitorTypes types;

	public Collections(MonitorTypes types) {
		this.types = types;
	}

	public CollectionResult collect(MonitorType type, Map<String, Object> parameters, Duration timeout) {
		Collector collector = this.types.collector(type.protocol()).orElse(null);
		if (collector == null) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "No collector for protocol " + type.protocol());
		}
		try {
			CollectionResult result = collector.collect(new CollectionRequest(type, parameters, timeout));
			return result == null ? CollectionResult.failure(Outcome.ERROR, "The collector answered nothing") : result;
		}
		catch (RuntimeException ex) {
			log.warn("Collector {} failed on a {} monitor: {}", type.protocol(), type.id(), ex.toString());
			return CollectionResult.failure(Outcome.ERROR, ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
		}
	}

}
