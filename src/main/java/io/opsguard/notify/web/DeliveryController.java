package io.opsguard.notify.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.notify.Channel;
import io.opsguard.notify.internal.Deliveries;
import io.opsguard.notify.internal.DeliveryStatus;
import io.opsguard.notify.internal.NoticeTypeRegistry;
import io.opsguard.notify.internal.OutboxMessage;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.RequestTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of e-mail, webhooks, SMS and voice, and "retry now". */
@RestController
@RequestMapping("/api/v1/notification-deliveries")
@Tag(name = "notification-deliveries",
		description = "Every message sent or to send outside the web UI, with its status (PENDING, SENDING, SENT, FAILED, "
				+ "DEAD), attempts and the reason of the last failure in words. Scoped by the organisation a notice concerns.")
class DeliveryController {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final Map<String, String> SORTABLE = Map.of("createdAt", "o.created_at", "status", "o.status",
			"channel", "o.channel", "nextAttemptAt", "o.next_attempt_at");

	private final Deliveries deliveries;

	private final NoticeTypeRegistry types;

	private final MessageSource messages;

	DeliveryController(Deliveries deliveries, NoticeTypeRegistry types, MessageSource messages) {
		this.deliveries = deliveries;
		this.types = types;
		this.messages = messages;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('notify:delivery:read')")
	@Operation(summary = "The delivery log",
			description = "One page, newest first, filtered by `status`, `channel`, `type`, `from`/`to` (dates or instants) "
					+ "and `q` (recipient, subject or type); sortable by createdAt, status, channel and nextAttemptAt.")
	PageResult<DeliveryView> list(@RequestParam(required = false) DeliveryStatus status,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) String type,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		if (q != null && q.length() > 200) {
			throw OpsGuardException.onField("q", CommonError.BAD_PARAMETER, "q");
		}
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "o.created_at desc, o.id desc");
		CurrentUser user = CurrentUsers.require();
		return this.deliveries
			.page(user, new Deliveries.Filter(status, channel, instant(from, "from", false), instant(to, "to", true), q, type),
					paging)
			.map(this::view);
	}

	@PostMapping("/{id}/retry")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Retry now",
			description = "Makes a FAILED or DEAD message due at once (a DEAD one gets its attempts back); 409 NT-0015 "
					+ "for one sent or still waiting.")
	@ErrorResponses({ "NT-0014", "NT-0015" })
	DeliveryView retry(@PathVariable long id) {
		return view(this.deliveries.retry(CurrentUsers.require(), id));
	}

	private DeliveryView view(OutboxMessage m) {
		java.util.Locale locale = LocaleContextHolder.getLocale();
		String typeName = this.types.find(m.typeCode()).map(t -> t.name(locale)).orElse(m.typeCode());
		String reason = m.lastErrorKey() == null ? null
				: this.messages.getMessage(m.lastErrorKey(), null, m.lastErrorKey(), locale);
		return new DeliveryView(m.id(), m.typeCode(), typeName, m.channel().name(), m.recipient(), m.endpointId(),
				m.subject(), m.part(), m.parts(), m.severity(), m.status().name(), m.attempts(),
				m.status() == DeliveryStatus.FAILED || m.status() == DeliveryStatus.PENDING ? m.nextAttemptAt() : null, reason,
				m.lastError(), m.createdAt(), m.sentAt());
	}

	static Instant instant(String value, String name, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = RequestTimes.within(name, LocalDate.parse(value));
				if (date.getYear() >= 9999) {
					throw OpsGuardException.onField(name, CommonError.TIME_OUT_OF_RANGE);
				}
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(CHINA).toInstant();
			}
			return RequestTimes.within(name, OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
	}

	/** A message of the log: to whom, through what, how it went and why it failed, in words. */
	record DeliveryView(long id, String type, String typeName, String channel, String recipient, Long endpointId,
			String subject, int part, int parts, String severity, String status, int attempts, Instant nextAttemptAt,
			String lastError, String lastErrorDetail, Instant createdAt, Instant sentAt) {
	}

}
