package io.opsguard.monitoring.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.template.TemplateProblems;
import io.opsguard.shared.OpsGuardException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monitor types administrators upload (a device the built-in templates don't cover): validated
 * completely, with every fault named in the reader's language; kept in {@code mon_template} and
 * loaded at every start. A built-in id cannot be replaced; an upload replaces an earlier upload of
 * the same id only with a higher version; a type monitors use cannot be deleted.
 */
@Service
public class MonitorTypeUploads implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(MonitorTypeUploads.class);

	private final MonitorTypes types;

	private final MonitorStore monitors;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	MonitorTypeUploads(MonitorTypes types, MonitorStore monitors, JdbcClient jdbc, AuditTrail audit,
			MessageSource messages, Clock clock) {
		this.types = types;
		this.monitors = monitors;
		this.jdbc = jdbc;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/** One fault of an uploaded template, in the reader's language. */
	public record Problem(String path, String message) {
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> templates = this.jdbc.sql("select template from mon_template order by id").query(String.class).list();
		for (String yaml : templates) {
			TemplateProblems problems = new TemplateProblems();
			MonitorType type = this.types.validate(yaml, false, problems);
			if (problems.isEmpty() && this.types.find(type.id()).map(t -> !t.builtIn()).orElse(true)) {
				this.types.register(type);
			}
			else {
				log.warn("The uploaded monitor type {} no longer validates and is not offered: {}",
						type == null ? "?" : type.id(), problems.all());
			}
		}
	}

	/** Validates and stores an upload; throws MON-0020 with {@code problems} when it has faults. */
	@Transactional
	public MonitorType upload(CurrentUser user, String yaml, Locale locale) {
		TemplateProblems problems = new TemplateProblems();
		MonitorType type = this.types.validate(yaml, false, problems);
		if (!problems.isEmpty()) {
			throw new OpsGuardException(MonitoringError.INVALID_TEMPLATE, problems.all().size()).with("problems",
					describe(problems, locale));
		}
		Optional<MonitorType> existing = this.types.find(type.id());
		if (existing.isPresent() && existing.get().builtIn()) {
			throw new OpsGuardException(MonitoringError.BUILT_IN_TEMPLATE, type.id());
		}
		if (existing.isPresent() && existing.get().version() >= type.version()) {
			throw new OpsGuardException(MonitoringError.OLDER_TEMPLATE, type.id(), existing.get().version());
		}
		this.jdbc.sql("delete from mon_template where id = :id").param("id", type.id()).update();
		this.jdbc.sql("insert into mon_template (id, template, version, uploaded_at, uploaded_by) "
				+ "values (:id, :template, :version, :at, :by)")
			.param("id", type.id())
			.param("template", yaml)
			.param("version", type.version())
			.param("at", Timestamp.from(this.clock.instant()))
			.param("by", user.id())
			.update();
		this.types.register(type);
		this.audit.recordChange(existing.isPresent() ? "MONITOR_TYPE_REPLACED" : "MONITOR_TYPE_UPLOADED", "MonitorType",
				type.id(), existing.map(t -> Map.<String, Object>of("version", t.version())).orElse(null),
				Map.of("version", type.version(), "protocol", type.protocol(), "metrics", type.metrics().size()));
		return type;
	}

	/** The template text of a type: an upload's as stored, a built-in one's from the classpath. */
	public Optional<String> template(String id) {
		Optional<String> uploaded = this.jdbc.sql("select template from mon_template where id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
		if (uploaded.isPresent()) {
			return uploaded;
		}
		return this.types.builtInSource(id);
	}

	@Transactional
	public void delete(CurrentUser user, String id) {
		MonitorType type = this.types.find(id).orElseThrow(() -> new OpsGuardException(MonitoringError.UNKNOWN_TEMPLATE));
		if (type.builtIn()) {
			throw new OpsGuardException(MonitoringError.BUILT_IN_TEMPLATE, id);
		}
		long used = this.monitors.countOfType(id);
		if (used > 0) {
			throw new OpsGuardException(MonitoringError.TEMPLATE_IN_USE, id, used);
		}
		this.jdbc.sql("delete from mon_template where id = :id").param("id", id).update();
		this.types.unregister(id);
		this.audit.recordChange("MONITOR_TYPE_DELETED", "MonitorType", id, Map.of("version", type.version()), null);
	}

	/** Checks a template without storing it: its faults, in the reader's language (empty when valid). */
	public List<Problem> check(String yaml, Locale locale) {
		TemplateProblems problems = new TemplateProblems();
		this.types.validate(yaml, false, problems);
		return describe(problems, locale);
	}

	List<Problem> describe(TemplateProblems problems, Locale locale) {
		return problems.all()
			.stream()
			.map(p -> new Problem(p.path(),
					this.messages.getMessage(p.messageKey(), p.arguments().toArray(), p.code(), locale)))
			.toList();
	}

}
