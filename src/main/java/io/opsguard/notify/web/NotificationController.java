package io.opsguard.notify.web;

import java.io.IOException;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.notify.internal.Inbox;
import io.opsguard.notify.internal.Inbox.Notification;
import io.opsguard.notify.internal.SseHub;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The signed-in user's in-app notifications (the bell) and their live stream. */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "notifications", description = "The caller's own in-app notifications: the inbox behind the bell, "
		+ "unread count, marking read, and a Server-Sent Events stream of new ones.")
class NotificationController {

	private final Inbox inbox;

	private final SseHub hub;

	NotificationController(Inbox inbox, SseHub hub) {
		this.inbox = inbox;
		this.hub = hub;
	}

	@GetMapping
	@SelfService
	@Operation(summary = "My notifications",
			description = "One page of the caller's notifications, newest first; `unread=true` lists the unread ones only.")
	PageResult<Notification> list(@RequestParam(required = false) Boolean unread,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "n.id desc");
		return this.inbox.page(CurrentUsers.require().id(), Boolean.TRUE.equals(unread), paging);
	}

	@GetMapping("/unread-count")
	@SelfService
	@Operation(summary = "How many are unread", description = "The number of the caller's unread notifications.")
	Map<String, Long> unreadCount() {
		return Map.of("count", this.inbox.unreadCount(CurrentUsers.require().id()));
	}

	@PostMapping("/{id}/read")
	@SelfService
	@Operation(summary = "Mark one read", description = "Marks one of the caller's notifications read (again is fine).")
	@ErrorResponses({ "NT-0013" })
	ResponseEntity<Void> read(@PathVariable long id) {
		this.inbox.markRead(CurrentUsers.require().id(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/read-all")
	@SelfService
	@Operation(summary = "Mark all read", description = "Marks every notification of the caller read; `count` says how many were unread.")
	Map<String, Integer> readAll() {
		return Map.of("count", this.inbox.markAllRead(CurrentUsers.require().id()));
	}

	/**
	 * The live stream (text/event-stream): first an {@code unread-count} event, then a
	 * {@code notification} event per new notification (with {@code unreadCount}) and whatever other
	 * modules push ({@code LivePush}); a comment line every 25 s. Browsers open it with
	 * {@code EventSource} and the session cookie. Left out of the OpenAPI document, which cannot
	 * describe an endless response (docs/api/notifications.md describes it).
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@SelfService
	@Operation(hidden = true)
	SseEmitter stream() throws IOException {
		CurrentUser user = CurrentUsers.require();
		SseEmitter emitter = this.hub.open(user.id());
		emitter.send(SseEmitter.event().name("unread-count")
			.data(Map.of("count", this.inbox.unreadCount(user.id())), MediaType.APPLICATION_JSON)
			.reconnectTime(5000));
		return emitter;
	}

	/** A browser that closed its stream: nothing to answer, nothing to report. */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void disconnected() {
		// the stream's end is handled by SseHub
	}

}
