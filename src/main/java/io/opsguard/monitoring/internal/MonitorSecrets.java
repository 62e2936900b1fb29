package io.opsguard.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.SecretBox;

import org.springframework.stereotype.Component;

/** Seals a monitor's secret parameters into one encrypted document and opens it again. */
@Component
public class MonitorSecrets {

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private final SecretBox box;

	private final ObjectMapper json;

	MonitorSecrets(SecretBox box, ObjectMapper json) {
		this.box = box;
		this.json = json;
	}

	/** The sealed document, or null when there is no secret. */
	public String seal(Map<String, String> secrets) {
		if (secrets.isEmpty()) {
			return null;
		}
		try {
			return this.box.seal(this.json.writeValueAsString(secrets));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Secrets are not serialisable", ex);
		}
	}

	/**
	 * The secrets of a sealed document (empty for null).
	 *
	 * @throws OpsGuardException MON-0040 when the document cannot be opened (the key changed)
	 */
	public Map<String, String> open(String sealed) {
		if (sealed == null) {
			return Map.of();
		}
		try {
			return this.json.readValue(this.box.open(sealed), MAP);
		}
		catch (IllegalStateException | JsonProcessingException ex) {
			throw new OpsGuardException(MonitoringError.SECRET_UNREADABLE);
		}
	}

}
