package io.opsguard.servicedesk.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.NoticeType.Template;
import io.opsguard.notify.NoticeTypes;

import org.springframework.stereotype.Component;

/**
 * What the service desk tells people (R-DSK-04/06/07, R-SLA-04, R-ALR-01 channels): a ticket
 * assigned to them or their group, an SLA warning or breach, a ticket resolved, a reply. Texts are
 * the defaults; administrators edit them in 通知模板.
 */
@Component
class ServiceDeskNotices implements NoticeTypes {

	static final String ASSIGNED = "servicedesk.ticket.assigned";

	static final String SLA_WARNING = "servicedesk.sla.warning";

	static final String SLA_BREACH = "servicedesk.sla.breach";

	static final String RESOLVED = "servicedesk.ticket.resolved";

	static final String REPLIED = "servicedesk.ticket.replied";

	static final String SURVEY = "servicedesk.survey.invited";

	static final String WATCHED = "servicedesk.ticket.watched";

	static final String REGISTRATION_SUBMITTED = "servicedesk.registration.submitted";

	static final String REGISTRATION_APPROVED = "servicedesk.registration.approved";

	static final String REGISTRATION_REJECTED = "servicedesk.registration.rejected";

	private static final Map<String, Object> REGISTRATION_SAMPLE = Map.of("name", "张三", "username", "zhangsan",
			"phone", "13912345678", "organisation", "市公安局", "unit", "办公室", "reason", "请使用单位邮箱重新申请", "link",
			"http://opsguard.example/login");

	private static final Map<String, Object> SAMPLE = Map.ofEntries(Map.entry("number", "GZ-20261206-0007"),
			Map.entry("title", "办案系统无法登录"), Map.entry("level", 2), Map.entry("group", "一线支持组"),
			Map.entry("metric", "解决时限"), Map.entry("metricEn", "resolution time"), Map.entry("percent", 80),
			Map.entry("dueAt", "2026-12-06 16:30"), Map.entry("late", false), Map.entry("solution", "重启应用服务后恢复"),
			Map.entry("reply", "已安排工程师上门处理"), Map.entry("expiresAt", "2026-12-20 18:00"), Map.entry("state", "处理中"), Map.entry("stateEn", "in progress"), Map.entry("link", "http://opsguard.example/servicedesk/tickets/7"));

	@Override
	public List<NoticeType> types() {
		return List.of(
				new NoticeType(ASSIGNED, "工单派给我或我的组", "A ticket assigned to me or my group",
						new Template("【工单】{{number}} 已派给{{group}}", """
								工单 {{number}}「{{title}}」已派给{{group}}，请及时处理。
								故障级别：{{level}} 级
								查看：{{link}}"""),
						new Template("[Ticket] {{number}} assigned to {{group}}", """
								Ticket {{number}} "{{title}}" has been assigned to {{group}}; please attend to it.
								Fault level: {{level}}
								Open: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(Channel.IN_APP), SAMPLE),
				new NoticeType(SLA_WARNING, "SLA 即将超时", "SLA about to be breached",
						new Template("【SLA 预警】{{number}} {{metric}}已用 {{percent}}%", """
								工单 {{number}}「{{title}}」的{{metric}}已用去 {{percent}}%，将于 {{dueAt}} 到期。
								{{#late}}（系统停机期间到达，补发）{{/late}}
								查看：{{link}}"""),
						new Template("[SLA warning] {{number}}: {{percent}}% of the {{metricEn}} used", """
								Ticket {{number}} "{{title}}" has used {{percent}}% of its {{metricEn}}; it is due at {{dueAt}}.
								{{#late}}(Reached while the platform was down; sent late.){{/late}}
								Open: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(Channel.IN_APP), SAMPLE),
				new NoticeType(SLA_BREACH, "SLA 已超时", "SLA breached",
						new Template("【SLA 超时】{{number}} {{metric}}已超时", """
								工单 {{number}}「{{title}}」的{{metric}}已于 {{dueAt}} 超时，已升级告知组长。
								{{#late}}（系统停机期间到达，补发）{{/late}}
								查看：{{link}}"""),
						new Template("[SLA breached] {{number}}: {{metricEn}} exceeded", """
								Ticket {{number}} "{{title}}" exceeded its {{metricEn}} at {{dueAt}}; the group lead has been told.
								{{#late}}(Reached while the platform was down; sent late.){{/late}}
								Open: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS), Set.of(Channel.IN_APP), SAMPLE),
				new NoticeType(RESOLVED, "我报告的工单已解决", "My ticket was resolved",
						new Template("【工单已解决】{{number}} {{title}}", """
								您报告的工单 {{number}}「{{title}}」已解决：{{solution}}
								如问题仍未解决，可在 7 天内回复重新打开；欢迎对本次服务进行评价。
								查看与评价：{{link}}"""),
						new Template("[Resolved] {{number}} {{title}}", """
								Your ticket {{number}} "{{title}}" has been resolved: {{solution}}
								If the problem persists, reply within 7 days to reopen it; please rate the service.
								View and rate: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS), Set.of(), SAMPLE),
				new NoticeType(REPLIED, "我的工单有新回复", "A reply on my ticket",
						new Template("【工单回复】{{number}} {{title}}", """
								您的工单 {{number}}「{{title}}」有新回复：
								{{reply}}
								查看：{{link}}"""),
						new Template("[Reply] {{number}} {{title}}", """
								There is a reply on your ticket {{number}} "{{title}}":
								{{reply}}
								Open: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(), SAMPLE),
				new NoticeType(WATCHED, "我关注的工单有进展", "A ticket I follow moved on",
						new Template("【关注】{{number}} {{state}}", """
								您关注的工单 {{number}}「{{title}}」现在是“{{state}}”。
								查看：{{link}}"""),
						new Template("[Following] {{number}} {{stateEn}}", """
								The ticket you follow, {{number}} "{{title}}", is now {{stateEn}}.
								Open: {{link}}"""),
						Set.of(Channel.IN_APP), Set.of(), SAMPLE),
				new NoticeType(SURVEY, "满意度调查邀请", "Satisfaction survey invitation",
						new Template("【满意度调查】{{title}}", """
								您好，诚邀您参加“{{title}}”满意度调查，只需一两分钟。
								请在 {{expiresAt}} 前填写：{{link}}"""),
						new Template("[Survey] {{title}}", """
								You are kindly invited to answer the survey "{{title}}"; it takes a minute or two.
								Please answer before {{expiresAt}}: {{link}}"""),
						Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(), SAMPLE),
				// self-registration (R-DSK-12): the reviewers in-app, the applicant (no account yet) by SMS and e-mail
				new NoticeType(REGISTRATION_SUBMITTED, "新的账号注册申请", "A new application for an account",
						new Template("【注册申请】{{name}} 申请开通账号", """
								{{name}}（{{organisation}}{{#unit}} {{unit}}{{/unit}}，电话 {{phone}}）申请以用户名 {{username}} 开通服务门户账号，请审核。
								审核：{{link}}"""),
						new Template("[Registration] {{name}} applies for an account", """
								{{name}} ({{organisation}}{{#unit}}, {{unit}}{{/unit}}; phone {{phone}}) applies for a portal account with the username {{username}}; please review it.
								Review: {{link}}"""),
						Set.of(Channel.IN_APP), Set.of(), REGISTRATION_SAMPLE),
				new NoticeType(REGISTRATION_APPROVED, "注册申请已通过", "Application for an account approved",
						new Template("【账号已开通】{{username}}", """
								{{name}}，您申请的运维服务门户账号 {{username}} 已审核通过，请使用申请时设置的密码登录。
								登录：{{link}}"""),
						new Template("[Account opened] {{username}}", """
								{{name}}, your application for the service portal account {{username}} has been approved; sign in with the password you chose.
								Sign in: {{link}}"""),
						Set.of(Channel.SMS, Channel.EMAIL), Set.of(), REGISTRATION_SAMPLE),
				new NoticeType(REGISTRATION_REJECTED, "注册申请未通过", "Application for an account rejected",
						new Template("【注册未通过】{{username}}", """
								{{name}}，您申请的运维服务门户账号 {{username}} 未通过审核：{{reason}}
								如有疑问请联系服务台。"""),
						new Template("[Application rejected] {{username}}", """
								{{name}}, your application for the service portal account {{username}} was not approved: {{reason}}
								Please contact the service desk with any questions."""),
						Set.of(Channel.SMS, Channel.EMAIL), Set.of(), REGISTRATION_SAMPLE));
	}

}
