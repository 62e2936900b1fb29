package io.opsguard.alerting.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.NoticeType.Template;
import io.opsguard.notify.NoticeTypes;

import org.springframework.stereotype.Component;

/**
 * Alerting's notice types: alerts firing, resolved, flapping, repeated while unacknowledged, and
 * escalated. Each message lists its alerts (a storm lists them all, up to a hundred, and counts the
 * rest); text messages and calls get the first few. In-app cannot be switched off; the route decides
 * which of a person's channels are used.
 */
@Component
class AlertingNoticeTypes implements NoticeTypes {

	private static final Set<Channel> LOUD = Set.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS);

	private static final Set<Channel> QUIET = Set.of(Channel.IN_APP, Channel.EMAIL);

	private static final Set<Channel> MANDATORY = Set.of(Channel.IN_APP);

	private static final String LIST_ZH = "{{#alerts}}【{{severityZh}}】{{title}}\n资源：{{resource}}　开始：{{startedAt}}\n"
			+ "{{#hasSummary}}{{summary}}\n{{/hasSummary}}{{#hasAckLink}}一键确认：{{ackLink}}\n{{/hasAckLink}}\n\n{{/alerts}}"
			+ "{{#hasMore}}……及另外 {{more}} 条告警，请在系统中查看。\n{{/hasMore}}";

	private static final String LIST_EN = "{{#alerts}}[{{severityEn}}] {{title}}\nResource: {{resource}}  Since: {{startedAt}}\n"
			+ "{{#hasSummary}}{{summary}}\n{{/hasSummary}}{{#hasAckLink}}Acknowledge: {{ackLink}}\n{{/hasAckLink}}\n\n{{/alerts}}"
			+ "{{#hasMore}}…and {{more}} more alerts: see OpsGuard.\n{{/hasMore}}";

	private static final String HEAD_ZH = "{{#single}}{{title}}{{/single}}{{#multiple}}{{count}} 条告警：{{title}} 等{{/multiple}}";

	private static final String HEAD_EN = "{{#single}}{{title}}{{/single}}{{#multiple}}{{count}} alerts: {{title}} and more{{/multiple}}";

	@Override
	public List<NoticeType> types() {
		return List.of(
				new NoticeType(StepKind.FIRING.noticeType(), "告警通知", "Alert firing",
						new Template("【{{severityZh}}告警】" + HEAD_ZH, LIST_ZH),
						new Template("[{{severityEn}} alert] " + HEAD_EN, LIST_EN), LOUD, MANDATORY, sample(false)),
				new NoticeType(StepKind.RESOLVED.noticeType(), "告警恢复", "Alert resolved",
						new Template("【已恢复】" + HEAD_ZH,
								"{{#alerts}}【{{severityZh}}】{{title}}\n资源：{{resource}}　开始：{{startedAt}}　恢复：{{resolvedAt}}\n\n{{/alerts}}"
										+ "{{#hasMore}}……及另外 {{more}} 条，请在系统中查看。\n{{/hasMore}}"),
						new Template("[Resolved] " + HEAD_EN,
								"{{#alerts}}[{{severityEn}}] {{title}}\nResource: {{resource}}  Since: {{startedAt}}  Resolved: "
										+ "{{resolvedAt}}\n\n{{/alerts}}{{#hasMore}}…and {{more}} more: see OpsGuard.\n{{/hasMore}}"),
						QUIET, MANDATORY, sample(true)),
				new NoticeType(StepKind.FLAPPING.noticeType(), "告警抖动", "Alert flapping",
						new Template("【告警抖动】{{title}}",
								"以下告警在 {{flapWindowMinutes}} 分钟内反复触发和恢复，已标记为抖动：此后不再逐次通知，稳定后通知恢复。\n\n"
										+ LIST_ZH),
						new Template("[Flapping alert] {{title}}",
								"These alerts fired and resolved again and again within {{flapWindowMinutes}} minutes and are marked "
										+ "flapping: they are not told each time any more, and told resolved once stable.\n\n" + LIST_EN),
						QUIET, MANDATORY, sample(false)),
				new NoticeType(StepKind.REPEAT.noticeType(), "告警未确认提醒", "Unacknowledged alert reminder",
						new Template("【{{severityZh}}告警·仍未确认】" + HEAD_ZH,
								"以下告警仍未恢复且无人确认（每 {{repeatMinutes}} 分钟提醒一次，确认后不再提醒）：\n\n" + LIST_ZH),
						new Template("[{{severityEn}} alert, not acknowledged] " + HEAD_EN,
								"These alerts still fire and nobody acknowledged them (a reminder every {{repeatMinutes}} minutes "
										+ "until acknowledged):\n\n" + LIST_EN),
						LOUD, MANDATORY, sample(false)),
				new NoticeType(StepKind.ESCALATION.noticeType(), "告警升级", "Alert escalated",
						new Template("【告警升级】" + HEAD_ZH,
								"以下告警超过 {{escalateAfterMinutes}} 分钟无人确认，现升级通知您，请尽快处理：\n\n" + LIST_ZH),
						new Template("[Alert escalated] " + HEAD_EN,
								"Nobody acknowledged these alerts within {{escalateAfterMinutes}} minutes; they are escalated to "
										+ "you:\n\n" + LIST_EN),
						LOUD, MANDATORY, sample(false)));
	}

	/** The variables the templates use, for previews and for checking an administrator's template. */
	static Map<String, Object> sample(boolean resolved) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("id", 42);
		alert.put("severityZh", "紧急");
		alert.put("severityEn", "Critical");
		alert.put("title", "核心交换机 CS-01：CPU 使用率 > 90%");
		alert.put("summary", "CPU 使用率 96.5%，已持续 3 分钟");
		alert.put("hasSummary", true);
		alert.put("resource", "核心交换机 CS-01");
		alert.put("startedAt", "2026-12-08 09:30:00");
		alert.put("resolvedAt", resolved ? "2026-12-08 09:42:10" : "");
		alert.put("flapCount", 3);
		alert.put("ackLink", resolved ? "" : "https://ops.example.gov.cn/ack/AQAAAAAAAAAq");
		alert.put("hasAckLink", !resolved);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("kind", resolved ? "RESOLVED" : "FIRING");
		model.put("route", "核心网络");
		model.put("count", 1);
		model.put("single", true);
		model.put("multiple", false);
		model.put("severityZh", "紧急");
		model.put("severityEn", "Critical");
		model.put("title", alert.get("title"));
		model.put("escalateAfterMinutes", 15);
		model.put("repeatMinutes", 30);
		model.put("flapWindowMinutes", 30);
		model.put("alerts", List.of(alert));
		model.put("more", 0);
		model.put("hasMore", false);
		model.put("link", "https://ops.example.gov.cn/alerting/alerts/42");
		model.put("recipient", "张三");
		return model;
	}

}
