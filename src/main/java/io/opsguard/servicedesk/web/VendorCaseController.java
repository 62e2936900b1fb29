package io.opsguard.servicedesk.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.internal.ComplaintAccountability;
import io.opsguard.servicedesk.internal.VendorCases;
import io.opsguard.servicedesk.internal.VendorCases.CaseEvent;
import io.opsguard.servicedesk.internal.VendorCases.Kind;
import io.opsguard.servicedesk.internal.VendorCases.NewCase;
import io.opsguard.servicedesk.internal.VendorCases.State;
import io.opsguard.servicedesk.internal.VendorCases.Step;
import io.opsguard.servicedesk.internal.VendorCases.VendorCase;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Defects and requirements handed to vendors (R-DSK-09) and the accountability record of
 * complaints (R-DSK-06): what follows a ticket beyond the desk.
 */
@RestController
@Tag(name = "vendor-cases", description = "Defects and requirements handed to the system vendor; complaint accountability.")
class VendorCaseController {

	private static final Map<String, String> SORTABLE = Map.of("updatedAt", "c.updated_at", "createdAt", "c.created_at",
			"state", "c.state", "vendorName", "c.vendor_name");

	private final VendorCases cases;

	private final ComplaintAccountability accountability;

	private final Users users;

	VendorCaseController(VendorCases cases, ComplaintAccountability accountability, Users users) {
		this.cases = cases;
		this.accountability = accountability;
		this.users = users;
	}

	@GetMapping("/api/v1/tickets/{id}/vendor-cases")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's vendor cases", description = "Defects and requirements written up on the ticket, oldest first.")
	@ErrorResponses({ "SD-0001" })
	List<VendorCase> ofTicket(@PathVariable long id) {
		return this.cases.ofTicket(CurrentUsers.require(), id);
	}

	@PostMapping("/api/v1/tickets/{id}/vendor-cases")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Write up a defect or requirement",
			description = "`kind` DEFECT or REQUIREMENT, a title and a description (what happens, its impact, what is "
					+ "expected). The case then waits for the client's project lead to confirm it.")
	@ErrorResponses(value = { "SD-0001", "SD-0008", "SD-0018", "SD-0046", "SD-0047" })
	ResponseEntity<VendorCase> create(@PathVariable long id, @RequestBody NewCase input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.cases.create(CurrentUsers.require(), id, input));
	}

	@GetMapping("/api/v1/vendor-cases")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Track vendor cases",
			description = "The cases of the caller's scope, the open ones unless `state` or `open=false` says otherwise, "
					+ "filtered by kind and text (title, vendor, vendor's reference, ticket number); sortable by "
					+ "updatedAt, createdAt, state and vendorName.")
	PageResult<VendorCase> list(@RequestParam(required = false) State state, @RequestParam(required = false) Kind kind,
			@RequestParam(defaultValue = "true") boolean open, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "c.updated_at desc, c.id desc");
		return this.cases.list(CurrentUsers.require(), new VendorCases.Filter(state, kind, open, q), paging);
	}

	@GetMapping("/api/v1/vendor-cases/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A vendor case with its steps", description = "The case and every step taken, with who and when.")
	@ErrorResponses({ "SD-0042" })
	CaseDetail get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		VendorCase found = this.cases.get(user, id);
		List<CaseEvent> events = this.cases.history(id);
		Map<Long, String> names = this.users.displayNames(events.stream().map(CaseEvent::userId).filter(Objects::nonNull).toList());
		return new CaseDetail(found, events.stream()
			.map(e -> new StepView(e.id(), e.at(), e.userId(), e.userId() == null ? null : names.get(e.userId()), e.action(),
					e.from(), e.to(), e.comment()))
			.toList());
	}

	@PostMapping("/api/v1/vendor-cases/{id}/actions/{action}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Take a step",
			description = "`confirm` (with `confirmedBy`, the client's project lead), `hand-over` (with `vendorName` and "
					+ "the vendor's reference `vendorRef`), `fixed` (with `fixNote`), `verify`, `reject-fix` and "
					+ "`withdraw` (each with a `comment`), with the `version` read. A step the state does not allow "
					+ "answers 409 with `allowedActions`.")
	@ErrorResponses(value = { "SD-0009", "SD-0013", "SD-0018", "SD-0021", "SD-0022", "SD-0042", "SD-0043", "SD-0044",
			"SD-0045" })
	VendorCase act(@PathVariable long id, @PathVariable String action, @RequestBody(required = false) Step input) {
		return this.cases.act(CurrentUsers.require(), id, action, input);
	}

	@GetMapping("/api/v1/tickets/{id}/accountability")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A complaint's accountability record",
			description = "Whether the complaint was founded, the staff concerned (with names), the finding and the "
					+ "measure; 204 while none is recorded.")
	@ErrorResponses(value = { "SD-0001", "SD-0048" })
	ResponseEntity<AccountabilityView> accountability(@PathVariable long id) {
		return this.accountability.get(CurrentUsers.require(), id)
			.map(record -> ResponseEntity.ok(view(record)))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PutMapping("/api/v1/tickets/{id}/accountability")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Record a complaint's accountability",
			description = "`established`, `staffIds` (required when established), `finding`, `measure`; replacing a "
					+ "record needs its `version`. A complaint cannot be closed before this is recorded.")
	@ErrorResponses(value = { "SD-0001", "SD-0007", "SD-0009", "SD-0018", "SD-0021", "SD-0048", "SD-0049", "SD-0050" })
	AccountabilityView record(@PathVariable long id, @RequestBody ComplaintAccountability.Input input) {
		return view(this.accountability.record(CurrentUsers.require(), id, input));
	}

	private AccountabilityView view(ComplaintAccountability.Record record) {
		Map<Long, String> names = this.users.displayNames(
				java.util.stream.Stream.concat(record.staffIds().stream(), java.util.stream.Stream.of(record.recordedBy())).toList());
		return new AccountabilityView(record.ticketId(), record.established(),
				record.staffIds().stream().map(id -> new TicketViews.Ref(id, names.get(id))).toList(), record.finding(),
				record.measure(), new TicketViews.Ref(record.recordedBy(), names.get(record.recordedBy())), record.recordedAt(),
				record.version());
	}

	/** A case and its steps. */
	record CaseDetail(VendorCase vendorCase, List<StepView> steps) {
	}

	/** A step with the name of who took it: {@code CREATE} or an action's name ({@code HAND_OVER}). */
	record StepView(long id, java.time.Instant at, Long userId, String userName, String action, State from, State to,
			String comment) {
	}

	record AccountabilityView(long ticketId, boolean established, List<TicketViews.Ref> staff, String finding, String measure,
			TicketViews.Ref recordedBy, java.time.Instant recordedAt, int version) {
	}

}
