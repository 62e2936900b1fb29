package io.opsguard.notify.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.notify.internal.Endpoint;
import io.opsguard.notify.internal.Endpoints;
import io.opsguard.notify.internal.Endpoints.EndpointInput;
import io.opsguard.notify.internal.Endpoints.TestResult;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Webhook robots (WeCom, DingTalk, Feishu, generic JSON) and SMS / voice gateways. */
@RestController
@RequestMapping("/api/v1/notification-endpoints")
@Tag(name = "notification-endpoints",
		description = "Webhook robots and SMS / voice gateways configured by administrators. Secrets are write-only: "
				+ "answers say only `secretSet`.")
class EndpointController {

	private final Endpoints endpoints;

	EndpointController(Endpoints endpoints) {
		this.endpoints = endpoints;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "List endpoints", description = "Every robot and gateway, by kind and name.")
	List<EndpointView> list() {
		return this.endpoints.all().stream().map(EndpointController::view).toList();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Read an endpoint", description = "One robot or gateway, without its secret.")
	@ErrorResponses({ "NT-0001" })
	EndpointView get(@PathVariable long id) {
		return view(this.endpoints.get(id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Add an endpoint",
			description = "`kind` GENERIC, WECOM, DINGTALK, FEISHU, SMS or VOICE; `url` http(s). Gateways take `method`, "
					+ "`headers` and `bodyTemplate` with {{phone}}, {{text}}, {{subject}} and {{secret}}. `secret`: the "
					+ "robot's signing key or the gateway's credential.")
	@ErrorResponses(value = { "NT-0010" }, fields = { "NT-0002", "NT-0003", "NT-0004", "NT-0005", "NT-0006", "NT-0007",
			"NT-0019", "NT-0024" })
	ResponseEntity<EndpointView> create(@RequestBody EndpointInput input) {
		EndpointInput body = input == null ? new EndpointInput(null, null, null, null, null, null, null, null) : input;
		return ResponseEntity.status(HttpStatus.CREATED).body(view(this.endpoints.create(body)));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Change an endpoint",
			description = "Everything with the `version` read; `secret` left out (null) keeps the one set, empty removes it.")
	@ErrorResponses(value = { "NT-0001", "NT-0008", "NT-0010" }, fields = { "NT-0002", "NT-0003", "NT-0004", "NT-0005",
			"NT-0006", "NT-0007", "NT-0009", "NT-0019", "NT-0024" })
	EndpointView update(@PathVariable long id, @RequestBody EndpointEdit edit) {
		EndpointEdit body = edit == null ? new EndpointEdit(null, null, null, null, null, null, null, null, null) : edit;
		return view(this.endpoints.update(id, new EndpointInput(body.name(), body.kind(), body.url(), body.method(),
				body.headers(), body.bodyTemplate(), body.secret(), body.enabled()), body.version()));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Remove an endpoint",
			description = "Messages still queued for it are given up (DEAD, reason: endpoint removed).")
	@ErrorResponses({ "NT-0001" })
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.endpoints.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/test")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Send a test message",
			description = "Sends the test notice to the endpoint now (gateways: to `phone`) and answers whether it was "
					+ "accepted, with the reason in words and the server's answer when not.")
	@ErrorResponses(value = { "NT-0001" }, fields = { "NT-0018" })
	TestResult test(@PathVariable long id, @RequestBody(required = false) TestRequest request) {
		return this.endpoints.test(CurrentUsers.require(), id, request == null ? null : request.phone(),
				LocaleContextHolder.getLocale());
	}

	static EndpointView view(Endpoint e) {
		return new EndpointView(e.id(), e.name(), e.kind().name(), e.url(), e.method(), e.headers(), e.bodyTemplate(),
				e.secretSet(), e.enabled(), e.kind().maxBytes(), e.kind().splits(), e.version(), e.createdAt(), e.updatedAt());
	}

	/** An endpoint as administrators see it: never the secret, only whether one is set. */
	record EndpointView(long id, String name, String kind, String url, String method, Map<String, String> headers,
			String bodyTemplate, boolean secretSet, boolean enabled, int maxBytes, boolean splitsLongMessages, int version,
			Instant createdAt, Instant updatedAt) {
	}

	record EndpointEdit(Integer version, String name, String kind, String url, String method, Map<String, String> headers,
			String bodyTemplate, String secret, Boolean enabled) {

		@Override
		public String toString() {
			return "EndpointEdit[" + this.name + "]";
		}

	}

	record TestRequest(String phone) {
	}

}
