package io.opsguard.shared.definition;

import java.time.Clock;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Makes the {@link VersionedDefinitions} of a module's kind of definition. */
@Component
public class DefinitionKernel {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	DefinitionKernel(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The definitions of {@code type}. {@code audit} records changes (the identity module's
	 * {@code AuditTrail::recordChange}); {@code organisationExists} tells whether an organisation id
	 * may own a definition.
	 */
	public <D> VersionedDefinitions<D> of(DefinitionType<D> type, DefinitionAudit audit, LongPredicate organisationExists) {
		return new VersionedDefinitions<>(type, new DefinitionStore<>(this.jdbc, this.json, type), audit, organisationExists,
				this.clock);
	}

}
