package io.opsguard.notify.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.notify.Channel;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook robots and SMS / voice gateways as administrators configure them: checked field by
 * field, audited without their secrets (nor URL queries or header values, which may carry keys),
 * and tested with a message sent at once.
 */
@Service
public class Endpoints {

	static final int MAX_HEADERS = 20;

	private final EndpointStore store;

	private final WebhookChannel webhooks;

	private final GatewayChannel.Sms sms;

	private final GatewayChannel.Voice voice;

	private final Templates templates;

	private final NoticeTypeRegistry types;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	Endpoints(EndpointStore store, WebhookChannel webhooks, GatewayChannel.Sms sms, GatewayChannel.Voice voice,
			Templates templates, NoticeTypeRegistry types, AuditTrail audit, MessageSource messages, Clock clock) {
		this.store = store;
		this.webhooks = webhooks;
		this.sms = sms;
		this.voice = voice;
		this.templates = templates;
		this.types = types;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Endpoint> all() {
		return this.store.all();
	}

	@Transactional(readOnly = true)
	public Endpoint get(long id) {
		return this.store.find(id).orElseThrow(() -> new OpsGuardException(NotifyError.UNKNOWN_ENDPOINT, String.valueOf(id)));
	}

	@Transactional
	public Endpoint create(EndpointInput input) {
		Endpoint checked = check(input, null);
		Instant now = this.clock.instant();
		long id = this.store.insert(checked, now);
		Endpoint created = get(id);
		this.audit.recordChange("NOTIFICATION_ENDPOINT_CREATED", "NOTIFICATION_ENDPOINT", id, null, audited(created));
		return created;
	}

	@Transactional
	public Endpoint update(long id, EndpointInput input, Integer version) {
		Endpoint before = get(id);
		if (version == null) {
			throw OpsGuardException.onField("version", NotifyError.VERSION_REQUIRED);
		}
		Endpoint checked = check(input, before);
		if (!this.store.update(checked, version, this.clock.instant())) {
			throw new OpsGuardException(NotifyError.STALE_VERSION, before.version());
		}
		Endpoint after = get(id);
		this.audit.recordChange("NOTIFICATION_ENDPOINT_UPDATED", "NOTIFICATION_ENDPOINT", id, audited(before),
				audited(after));
		return after;
	}

	@Transactional
	public void delete(long id) {
		Endpoint before = get(id);
		this.store.delete(id);
		this.audit.recordChange("NOTIFICATION_ENDPOINT_DELETED", "NOTIFICATION_ENDPOINT", id, audited(before), null);
	}

	/**
	 * Sends the test notice to the endpoint now (to {@code phone} for a gateway); the result in
	 * words. Recorded in the audit log.
	 */
	public TestResult test(CurrentUser user, long id, String phone, java.util.Locale locale) {
		Endpoint endpoint = get(id);
		if (endpoint.kind().gateway() && (phone == null || phone.isBlank() || phone.length() > 30)) {
			throw OpsGuardException.onField("phone", NotifyError.PHONE_REQUIRED);
		}
		String language = "en".equals(locale.getLanguage()) ? "en" : "zh-CN";
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("sender", user.displayName());
		model.put("sentAt", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(java.time.ZoneId.of("Asia/Shanghai"))
			.format(this.clock.instant()));
		model.put("channel", endpoint.name());
		model.put("link", "");
		Templates.Rendered rendered = this.templates.render(this.types.require(NotifyNoticeTypes.TEST), language, model);
		String open = this.messages.getMessage("notify.mail.open", null, locale);
		List<String> parts = RobotMessages.compose(endpoint.kind(), rendered.subject(), rendered.text(), null, language, open);
		TestResult result;
		try {
			if (endpoint.kind().gateway()) {
				(endpoint.kind() == EndpointKind.SMS ? this.sms : this.voice).deliver(endpoint, phone.strip(),
						rendered.subject(), parts.get(0));
			}
			else {
				this.webhooks.deliver(endpoint, OutboxMessage.draft(null, NotifyNoticeTypes.TEST, Channel.WEBHOOK,
						"endpoint:" + id, null, id, null, language, "INFO", 1, 1, rendered.subject(), parts.get(0), null, null));
			}
			result = new TestResult(true, this.messages.getMessage("notify.test.sent", null, locale), null);
		}
		catch (DeliveryFailure failure) {
			result = new TestResult(false, this.messages.getMessage(failure.reasonKey(), null, failure.reasonKey(), locale),
					failure.detail());
		}
		this.audit.recordNow("NOTIFICATION_ENDPOINT_TESTED", "NOTIFICATION_ENDPOINT", id,
				endpoint.name() + (result.ok() ? " ✓" : " ✗"), result.ok());
		return result;
	}

	private Endpoint check(EndpointInput input, Endpoint before) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", NotifyError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > 100) {
			problems.add(new FieldProblem("name", NotifyError.TOO_LONG, new Object[] { 100 }));
		}
		EndpointKind kind = null;
		if (input.kind() == null || input.kind().isBlank()) {
			problems.add(new FieldProblem("kind", NotifyError.KIND_REQUIRED, new Object[0]));
		}
		else {
			try {
				kind = EndpointKind.valueOf(input.kind());
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("kind", NotifyError.KIND_REQUIRED, new Object[0]));
			}
		}
		String method = input.method() == null || input.method().isBlank() ? "POST" : input.method().strip().toUpperCase();
		if (kind != null && !kind.gateway()) {
			method = "POST";
		}
		if (!List.of("GET", "POST", "PUT").contains(method)) {
			problems.add(new FieldProblem("method", NotifyError.BAD_METHOD, new Object[] { input.method() }));
			method = "POST";
		}
		Map<String, String> sample = Map.of("phone", "13800000000", "text", "测试", "subject", "测试", "secret", "s");
		String url = input.url() == null ? "" : input.url().strip();
		if (url.isEmpty()) {
			problems.add(new FieldProblem("url", NotifyError.URL_REQUIRED, new Object[0]));
		}
		else if (url.length() > 1000) {
			problems.add(new FieldProblem("url", NotifyError.TOO_LONG, new Object[] { 1000 }));
		}
		else if (!validUrl(url, sample)) {
			problems.add(new FieldProblem("url", NotifyError.BAD_URL, new Object[0]));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (input.headers() != null) {
			if (input.headers().size() > MAX_HEADERS) {
				problems.add(new FieldProblem("headers", NotifyError.TOO_LONG, new Object[] { MAX_HEADERS }));
			}
			input.headers().forEach((header, value) -> {
				String v = value == null ? "" : value.strip();
				if (header == null || !header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}") || v.length() > 1000
						|| v.contains("\n") || v.contains("\r") || List.of("host", "content-length", "connection", "upgrade", "expect", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection")
							.contains(header.toLowerCase())) {
					problems.add(new FieldProblem("headers", NotifyError.BAD_HEADER, new Object[] { String.valueOf(header) }));
				}
				else {
					headers.put(header, v);
				}
			});
		}
		String body = input.bodyTemplate() == null || input.bodyTemplate().isBlank() ? null : input.bodyTemplate();
		if (body != null) {
			if (body.length() > 4000) {
				problems.add(new FieldProblem("bodyTemplate", NotifyError.TOO_LONG, new Object[] { 4000 }));
			}
			else {
				String problem = TemplateRenderer.problem(body, sample);
				if (problem != null) {
					problems.add(new FieldProblem("bodyTemplate", NotifyError.BAD_TEMPLATE, new Object[] { problem }));
				}
			}
		}
		String secret = input.secret() == null ? (before == null ? null : before.secret())
				: input.secret().isEmpty() ? null : input.secret();
		if (secret != null && secret.length() > 500) {
			problems.add(new FieldProblem("secret", NotifyError.TOO_LONG, new Object[] { 500 }));
		}
		if (problems.isEmpty() && this.store.nameTaken(name, before == null ? null : before.id())) {
			throw OpsGuardException.onField("name", NotifyError.NAME_TAKEN, name);
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return new Endpoint(before == null ? 0 : before.id(), name, kind, url, method, headers,
				kind.gateway() ? body : null, secret, input.enabled() == null || input.enabled(),
				before == null ? 0 : before.version(), null, null);
	}

	private static boolean validUrl(String url, Map<String, String> sample) {
		try {
			if (TemplateRenderer.problem(url, sample) != null) {
				return false;
			}
			URI uri = URI.create(TemplateRenderer.render(url, sample, TemplateRenderer.Escaping.URL));
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** What the audit log keeps of an endpoint: no secret, no URL query, header names only. */
	static Map<String, Object> audited(Endpoint e) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", e.name());
		map.put("kind", e.kind().name());
		String url = e.url();
		int query = url.indexOf('?');
		map.put("url", query < 0 ? url : url.substring(0, query) + "?…");
		map.put("method", e.method());
		map.put("headerNames", String.join(", ", e.headers().keySet()));
		map.put("bodyTemplate", e.bodyTemplate());
		map.put("signingKeySet", e.secretSet());
		map.put("enabled", e.enabled());
		return map;
	}

	Optional<Endpoint> find(long id) {
		return this.store.find(id);
	}

	/** An endpoint as typed; a null secret keeps the one set, an empty one removes it. */
	public record EndpointInput(String name, String kind, String url, String method, Map<String, String> headers,
			String bodyTemplate, String secret, Boolean enabled) {

		@Override
		public String toString() {
			return "EndpointInput[" + this.name + " " + this.kind + "]";
		}

	}

	/** The outcome of a test: delivered, or why not in words with the server's answer. */
	public record TestResult(boolean ok, String message, String detail) {
	}

}
