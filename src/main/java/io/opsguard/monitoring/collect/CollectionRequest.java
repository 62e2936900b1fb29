package io.opsguard.monitoring.collect;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.template.MonitorType;

/**
 * One collection to make.
 *
 * @param type the monitor type (its {@code collect} section and metrics' {@code source})
 * @param parameters the monitor's parameters by key, secrets decrypted, defaults filled in: text
 * as String, numbers as Number, booleans as Boolean, lists as List of String
 * @param timeout how long the whole collection may take
 */
public record CollectionRequest(MonitorType type, Map<String, Object> parameters, Duration timeout) {

	public CollectionRequest {
		parameters = Map.copyOf(parameters);
	}

	/** A text parameter, or null when it is not set. */
	public String text(String key) {
		Object value = this.parameters.get(key);
		return value == null ? null : value.toString();
	}

	/** A numeric parameter, or the fallback when it is not set. */
	public int number(String key, int fallback) {
		Object value = this.parameters.get(key);
		if (value instanceof Number number) {
			return number.intValue();
		}
		return value == null ? fallback : Integer.parseInt(value.toString().trim());
	}

	/** A boolean parameter, or the fallback when it is not set. */
	public boolean flag(String key, boolean fallback) {
		Object value = this.parameters.get(key);
		if (value instanceof Boolean flag) {
			return flag;
		}
		return value == null ? fallback : Boolean.parseBoolean(value.toString().trim());
	}

	/** A list parameter, empty when it is not set. */
	public List<String> list(String key) {
		Object value = this.parameters.get(key);
		if (value instanceof List<?> items) {
			return items.stream().map(String::valueOf).toList();
		}
		return value == null ? List.of() : List.of(value.toString());
	}

	/** The timeout in milliseconds, for the libraries that count in them. */
	public int timeoutMillis() {
		return (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
	}

}
