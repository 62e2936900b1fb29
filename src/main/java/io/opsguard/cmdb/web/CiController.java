package io.opsguard.cmdb.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiFilter;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiService;
import io.opsguard.cmdb.internal.CiService.AsOf;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.cmdb.internal.ImpactAnalysis;
import io.opsguard.cmdb.internal.ImpactAnalysis.Direction;
import io.opsguard.cmdb.internal.VerificationReview;
import io.opsguard.cmdb.internal.VerificationReview.ReviewLine;
import io.opsguard.cmdb.web.CiHistoryViews.HistoryView;
import io.opsguard.cmdb.web.CiViews.CiView;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.RequestTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Configuration items (配置项): list, detail, writes, history, impact and the monthly review. */
@RestController
@RequestMapping("/api/v1/cmdb")
@Tag(name = "cmdb-cis",
		description = "Configuration items (配置项) in the caller's data scope: list, detail, create, update, "
		+ "retire, their history and state at a moment, impact analysis, and the monthly review "
		+ "(核实).")
class CiController {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final CiService cis;

	private final CiViews views;

	private final CiHistoryViews histories;

	private final ImpactAnalysis impact;

	private final VerificationReview review;

	private final ImpactViews impacts;

	CiController(CiService cis, CiViews views, CiHistoryViews histories, ImpactAnalysis impact, VerificationReview review,
			ImpactViews impacts) {
		this.impacts = impacts;
		this.cis = cis;
		this.views = views;
		this.histories = histories;
		this.impact = impact;
		this.review = review;
	}

	@GetMapping("/cis")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Search configuration items",
			description = "CIs in the caller's scope, paged, retired ones only on request (`includeRetired`, or "
				+ "`status=RETIRED`). Filters: `q` (contained in code, name or text values), `name` (starts "
				+ "with), `classId` (with subclasses unless `includeSubclasses=false`), `organisationId`, "
				+ "`status`, `importance`, `tag`, `ownerId`, `unverifiedDays` (not verified for 1–3650 "
				+ "days). `sort` by `name`, `code`, `updatedAt`, `lastVerifiedAt`, `importance` or "
				+ "`createdAt`.")
	PageResult<CiView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String name,
			@RequestParam(required = false) Long classId,
			@RequestParam(required = false, defaultValue = "true") boolean includeSubclasses,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Integer unverifiedDays,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CiFilter filter = filter(q, name, classId, includeSubclasses, organisationId, status, importance, tag, ownerId,
				unverifiedDays, includeRetired);
		CurrentUser user = CurrentUsers.require();
		PageResult<CiRecord> found = this.cis.search(user, filter, page, size, sort);
		return new PageResult<>(this.views.views(user.scope(), found.items(), LocaleContextHolder.getLocale(), false),
				found.total(), found.page(), found.size());
	}

	static CiFilter filter(String q, String name, Long classId, boolean includeSubclasses, Long organisationId,
			CiStatus status, Importance importance, String tag, Long ownerId, Integer unverifiedDays,
			boolean includeRetired) {
		if (unverifiedDays != null && (unverifiedDays < 1 || unverifiedDays > 3650)) {
			throw OpsGuardException.onField("unverifiedDays", CommonError.BAD_PARAMETER, "unverifiedDays");
		}
		return new CiFilter(q, name, classId, includeSubclasses,
				organisationId, status, importance, tag, ownerId, unverifiedDays,
				includeRetired || status == CiStatus.RETIRED);
	}

	@GetMapping("/cis/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Get a configuration item",
			description = "One CI with its class, organisation, owner, attributes (labels in the request's "
				+ "language) and `version`; 404 outside the caller's scope.")
	CiView get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.get(user, id), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis")
	@PreAuthorize("hasAuthority('cmdb:ci:create')")
	@Operation(summary = "Create a configuration item",
			description = "Creates a CI of a class in an organisation of the caller's scope. The fixed fields and "
				+ "the class's attributes are checked together and every fault is answered at once "
				+ "(`SYS-0001` with `errors`). Audited, and recorded in the CI's history.")
	@ErrorResponses(value = { "CMDB-0008" },
			fields = { "CMDB-0010", "CMDB-0011", "CMDB-0012", "CMDB-0013", "CMDB-0014", "CMDB-0015",
			"CMDB-0016", "CMDB-0017", "CMDB-0018", "CMDB-0022" })
	ResponseEntity<CiView> create(@Valid @RequestBody NewCi body) {
		CurrentUser user = CurrentUsers.require();
		CiRecord created = this.cis.create(user, body.classId(), body.input());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.view(user.scope(), created, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/cis/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	@Operation(summary = "Update a configuration item",
			description = "Changes a CI; carries the `version` read: without it 400 `CMDB-0012`, with another one "
				+ "409 `SYS-0008`. A retired CI cannot be changed; retiring goes through its own operation. "
				+ "Every fault is answered at once. Audited with the changed fields, and recorded in the "
				+ "CI's history.")
	@ErrorResponses(value = { "CMDB-0012", "CMDB-0021" },
			fields = { "CMDB-0010", "CMDB-0011", "CMDB-0012", "CMDB-0013", "CMDB-0014", "CMDB-0015",
			"CMDB-0016", "CMDB-0017", "CMDB-0018", "CMDB-0022" })
	CiView update(@PathVariable long id, @Valid @RequestBody CiUpdate body) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.update(user, id, body.input()), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/{id}/retire")
	@PreAuthorize("hasAuthority('cmdb:ci:retire')")
	@Operation(summary = "Retire a configuration item",
			description = "Retires a CI (status RETIRED): it leaves lists and impact analysis but keeps its "
				+ "history; its unique values are freed. Retiring a retired CI changes nothing. Audited.")
	CiView retire(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.retire(user, id), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/verify")
	@PreAuthorize("hasAuthority('cmdb:ci:verify')")
	@Operation(summary = "Verify configuration items",
			description = "Marks up to 1,000 CIs of the caller's scope as checked against reality today (the "
				+ "monthly review); retired ones are skipped. Answers how many were verified; an id the "
				+ "caller cannot see answers 404. Audited.")
	@ErrorResponses({ "CMDB-0046", "SYS-0004" })
	Map<String, Integer> verify(@Valid @RequestBody Verify body) {
		return Map.of("verified", this.cis.verify(CurrentUsers.require(), body.ids()));
	}

	@GetMapping("/cis/{id}/history")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "History of a configuration item",
			description = "The CI and its versions, newest first: who changed what, when, with the values before "
				+ "and after.")
	List<HistoryView> history(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.histories.views(user.scope(), this.cis.history(user, id), LocaleContextHolder.getLocale());
	}

	@GetMapping("/cis/{id}/as-of")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "A configuration item at a moment",
			description = "The CI as it was at `at` (an instant with offset, or a date meaning the end of that day, "
				+ "China time), rebuilt from its history, with the version then in force.")
	@ErrorResponses({ "CMDB-0020", "SYS-0015" })
	AsOfView asOf(@PathVariable long id, @RequestParam String at) {
		CurrentUser user = CurrentUsers.require();
		AsOf then = this.cis.asOf(user, id, moment(at));
		return new AsOfView(this.views.view(user.scope(), then.ci(), LocaleContextHolder.getLocale()), then.version(),
				then.changedAt(), then.asOf());
	}

	@GetMapping("/cis/{id}/impact")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Impact analysis",
			description = "`direction=UP` (default): the business systems affected if this CI fails, each with its "
				+ "distance and a path; `DOWN`: what this CI depends on. With a graph (nodes and edges) to "
				+ "draw. CIs outside the caller's scope are shown without their names.")
	ImpactViews.ImpactView impact(@PathVariable long id,
			@RequestParam(required = false, defaultValue = "UP") Direction direction) {
		return this.impacts.view(this.impact.analyse(CurrentUsers.require(), id, direction), LocaleContextHolder.getLocale());
	}

	@GetMapping("/verification/summary")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Monthly review summary",
			description = "Per organisation and owner in the caller's scope: CIs in use, and how many have not been "
				+ "verified for `days` (1–3650, default 30).")
	List<ReviewLine> verificationSummary(@RequestParam(required = false, defaultValue = "30") int days) {
		if (days < 1 || days > 3650) {
			throw OpsGuardException.onField("days", CommonError.BAD_PARAMETER, "days");
		}
		return this.review.summary(CurrentUsers.require(), days);
	}

	static Instant moment(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).plusDays(1).atStartOfDay(CHINA).toInstant().minusNanos(1);
			}
			return RequestTimes.within("at", OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField("at", CommonError.BAD_PARAMETER, "at");
		}
	}

	/** A CI as it was at a moment: the version in force then. */
	record AsOfView(CiView ci, int version, Instant changedAt, Instant asOf) {
	}

	record NewCi(@NotNull Long classId, @NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 200) String name,
			@NotNull Long organisationId, Long ownerId, CiStatus status, Importance importance,
			@Size(max = 200) String location, @Size(max = 100) String vendor, @Size(max = 100) String model,
			@Size(max = 100) String serialNumber, @Size(max = 200) String contract, List<Document> documents,
			List<String> tags, @Size(max = 4000) String notes, Map<String, Object> attributes) {

		CiInput input() {
			return new CiInput(this.code, this.name, this.organisationId, this.ownerId, this.status, this.importance,
					this.location, this.vendor, this.model, this.serialNumber, this.contract, this.documents, this.tags,
					this.notes, this.attributes, null);
		}

	}

	/** A change of a CI; {@code version} is the version it was based on. */
	record CiUpdate(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 200) String name,
			@NotNull Long organisationId, Long ownerId, CiStatus status, Importance importance,
			@Size(max = 200) String location, @Size(max = 100) String vendor, @Size(max = 100) String model,
			@Size(max = 100) String serialNumber, @Size(max = 200) String contract, List<Document> documents,
			List<String> tags, @Size(max = 4000) String notes, Map<String, Object> attributes, @NotNull Integer version) {

		CiInput input() {
			return new CiInput(this.code, this.name, this.organisationId, this.ownerId, this.status, this.importance,
					this.location, this.vendor, this.model, this.serialNumber, this.contract, this.documents, this.tags,
					this.notes, this.attributes, this.version);
		}

	}

	record Verify(@NotNull @Size(min = 1, max = 1000) List<Long> ids) {
	}

}
