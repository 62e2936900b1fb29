package io.opsguard.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.notify.NoticeType;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The templates of every event type in Chinese and English: the module's default until an
 * administrator changes it, and rendering — subject and text unescaped, HTML for e-mail escaped.
 */
@Service
public class Templates {

	static final int MAX_SUBJECT = 500;

	static final int MAX_BODY = 8000;

	private final JdbcClient jdbc;

	private final NoticeTypeRegistry types;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	Templates(JdbcClient jdbc, NoticeTypeRegistry types, AuditTrail audit, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.types = types;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/** The template in force for a type and locale. */
	@Transactional(readOnly = true)
	public EffectiveTemplate effective(String typeCode, String locale) {
		NoticeType type = this.types.require(typeCode);
		checkLocale(locale);
		NoticeType.Template standard = "en".equals(locale) ? type.en() : type.zh();
		Optional<EffectiveTemplate> custom = this.jdbc
			.sql("select subject, body, version from ntf_template where type_code = :type and locale = :locale")
			.param("type", typeCode)
			.param("locale", locale)
			.query((rs, n) -> new EffectiveTemplate(typeCode, locale, rs.getString(1), rs.getString(2), true, rs.getInt(3),
					standard.subject(), standard.body()))
			.optional();
		return custom.orElseGet(() -> new EffectiveTemplate(typeCode, locale, standard.subject(), standard.body(), false, 0,
				standard.subject(), standard.body()));
	}

	/** Which types have a changed template, per locale. */
	@Transactional(readOnly = true)
	public Map<String, List<String>> customised() {
		Map<String, List<String>> map = new HashMap<>();
		this.jdbc.sql("select type_code, locale from ntf_template").query(rs -> {
			map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
		});
		return map;
	}

	/**
	 * Changes a template; {@code version} is the one read (0 for the default, which is then
	 * replaced).
	 */
	@Transactional
	public EffectiveTemplate update(String typeCode, String locale, String subject, String body, Integer version) {
		EffectiveTemplate before = effective(typeCode, locale);
		if (version == null) {
			throw OpsGuardException.onField("version", NotifyError.VERSION_REQUIRED);
		}
		check(this.types.require(typeCode), subject, body);
		Timestamp now = Timestamp.from(this.clock.instant());
		Long actor = io.opsguard.identity.CurrentUsers.current().map(u -> u.id()).orElse(null);
		if (version == 0) {
			if (before.customised()) {
				throw new OpsGuardException(NotifyError.STALE_VERSION, before.version());
			}
			this.jdbc.sql("""
					insert into ntf_template (type_code, locale, subject, body, version, updated_at, updated_by)
					values (:type, :locale, :subject, :body, 1, :now, :by)""")
				.param("type", typeCode)
				.param("locale", locale)
				.param("subject", subject.strip())
				.param("body", body)
				.param("now", now)
				.param("by", actor)
				.update();
		}
		else {
			int rows = this.jdbc.sql("""
					update ntf_template set subject = :subject, body = :body, version = version + 1, updated_at = :now,
					  updated_by = :by
					where type_code = :type and locale = :locale and version = :version""")
				.param("type", typeCode)
				.param("locale", locale)
				.param("subject", subject.strip())
				.param("body", body)
				.param("now", now)
				.param("by", actor)
				.param("version", version)
				.update();
			if (rows == 0) {
				throw new OpsGuardException(NotifyError.STALE_VERSION, before.version());
			}
		}
		EffectiveTemplate after = effective(typeCode, locale);
		this.audit.recordChange("NOTIFICATION_TEMPLATE_UPDATED", "NOTIFICATION_TEMPLATE", typeCode + "/" + locale,
				before.audited(), after.audited());
		return after;
	}

	/** Back to the module's default. */
	@Transactional
	public EffectiveTemplate reset(String typeCode, String locale) {
		EffectiveTemplate before = effective(typeCode, locale);
		this.jdbc.sql("delete from ntf_template where type_code = :type and locale = :locale")
			.param("type", typeCode)
			.param("locale", locale)
			.update();
		EffectiveTemplate after = effective(typeCode, locale);
		if (before.customised()) {
			this.audit.recordChange("NOTIFICATION_TEMPLATE_RESET", "NOTIFICATION_TEMPLATE", typeCode + "/" + locale,
					before.audited(), after.audited());
		}
		return after;
	}

	/** Renders a subject and body (unsaved ones too) with the type's sample or a given model. */
	public Rendered preview(String typeCode, String locale, String subject, String body, Map<String, Object> model) {
		NoticeType type = this.types.require(typeCode);
		checkLocale(locale);
		check(type, subject, body);
		Map<String, Object> values = new LinkedHashMap<>(type.sample());
		if (model != null) {
			values.putAll(model);
		}
		values.putIfAbsent("link", "http://localhost:8080/");
		return render(subject, body, values, locale);
	}

	/**
	 * The type's template in force rendered for one locale; should it fail on this model, the
	 * module's default, and failing that the type's name: a notice is never lost to a template.
	 */
	Rendered render(NoticeType type, String locale, Map<String, Object> model) {
		EffectiveTemplate template = effective(type.code(), locale);
		try {
			return render(template.subject(), template.body(), model, locale);
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(Templates.class)
				.warn("Template {}/{} failed on its model, the default is used: {}", type.code(), locale, ex.toString());
			try {
				return render(template.defaultSubject(), template.defaultBody(), model, locale);
			}
			catch (RuntimeException again) {
				String name = type.name(java.util.Locale.forLanguageTag(locale));
				return new Rendered(name, name, "<p>" + TemplateRenderer.escapeHtml(name) + "</p>");
			}
		}
	}

	private Rendered render(String subject, String body, Map<String, Object> model, String locale) {
		String renderedSubject = TemplateRenderer.render(subject, model, TemplateRenderer.Escaping.NONE)
			.replaceAll("[\\r\\n]+", " ")
			.strip();
		if (renderedSubject.length() > 200) {
			renderedSubject = renderedSubject.substring(0, 199) + "…";
		}
		String text = TemplateRenderer.render(body, model, TemplateRenderer.Escaping.NONE);
		String html = html(renderedSubject, TemplateRenderer.render(body, model, TemplateRenderer.Escaping.HTML),
				(String) model.get("link"), locale);
		return new Rendered(renderedSubject, text, html);
	}

	private String html(String subject, String escapedBody, String link, String locale) {
		java.util.Locale language = java.util.Locale.forLanguageTag(locale);
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>")
			.append(TemplateRenderer.escapeHtml(subject))
			.append("</title></head><body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px;color:#303133\">")
			.append("<h3 style=\"margin:0 0 12px\">")
			.append(TemplateRenderer.escapeHtml(subject))
			.append("</h3><div style=\"line-height:1.7\">")
			.append(TemplateRenderer.textToHtml(escapedBody))
			.append("</div>");
		if (link != null && !link.isBlank()) {
			html.append("<p><a href=\"").append(TemplateRenderer.escapeHtml(link)).append("\">")
				.append(TemplateRenderer.escapeHtml(this.messages.getMessage("notify.mail.open", null, language)))
				.append("</a></p>");
		}
		html.append("<hr style=\"border:none;border-top:1px solid #dcdfe6\"><p style=\"color:#909399;font-size:12px\">")
			.append(TemplateRenderer.escapeHtml(this.messages.getMessage("notify.mail.footer", null, language)))
			.append("</p></body></html>");
		return html.toString();
	}

	private static void check(NoticeType type, String subject, String body) {
		List<OpsGuardException.FieldProblem> problems = new ArrayList<>();
		checkOne(problems, "subject", subject, MAX_SUBJECT, type);
		checkOne(problems, "body", body, MAX_BODY, type);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
	}

	private static void checkOne(List<OpsGuardException.FieldProblem> problems, String field, String value, int max,
			NoticeType type) {
		if (value == null || value.isBlank()) {
			problems.add(new OpsGuardException.FieldProblem(field, NotifyError.TEXT_REQUIRED, new Object[0]));
		}
		else if (value.length() > max) {
			problems.add(new OpsGuardException.FieldProblem(field, NotifyError.TOO_LONG, new Object[] { max }));
		}
		else {
			String problem = TemplateRenderer.problem(value, type.sample());
			if (problem != null) {
				problems.add(new OpsGuardException.FieldProblem(field, NotifyError.BAD_TEMPLATE, new Object[] { problem }));
			}
		}
	}

	static void checkLocale(String locale) {
		if (!Preferences.LOCALES.contains(locale)) {
			throw new OpsGuardException(NotifyError.UNKNOWN_LOCALE, String.valueOf(locale));
		}
	}

	/** A template in force: changed ({@code customised}, with its version) or the default. */
	public record EffectiveTemplate(String type, String locale, String subject, String body, boolean customised,
			int version, String defaultSubject, String defaultBody) {

		Map<String, Object> audited() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("subject", this.subject);
			map.put("body", this.body);
			map.put("customised", this.customised);
			return map;
		}

	}

	/** A rendered notice: one-line subject, text body and the HTML of an e-mail. */
	public record Rendered(String subject, String text, String html) {
	}

}
