/**
 * Notifications (R-ALR-01): a module tells people and systems that something happened through
 * {@link io.opsguard.notify.Notifications#send}, inside its own transaction; the notice is rendered
 * from its type's template in each recipient's language and written to the in-app inbox and to an
 * outbox, from which a dispatcher delivers e-mail, webhook robots (WeCom, DingTalk, Feishu, generic
 * JSON), SMS and voice gateways with retries and a delivery log (ADR 0011). Modules declare their
 * event types through {@link io.opsguard.notify.NoticeTypes}; {@link io.opsguard.notify.LivePush}
 * reaches a user's open browser windows at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "identity", "calendar" })
package io.opsguard.notify;
