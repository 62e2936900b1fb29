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
@Tag(name = "cmdb")
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
	@Operation(summary = "Search configuration items (paged)")
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
	CiView get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.get(user, id), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis")
	@PreAuthorize("hasAuthority('cmdb:ci:create')")
	ResponseEntity<CiView> create(@Valid @RequestBody NewCi body) {
		CurrentUser user = CurrentUsers.require();
		CiRecord created = this.cis.create(user, body.classId(), body.input());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.view(user.scope(), created, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/cis/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	@Operation(summary = "Change a configuration item",
			description = "Carries the version the change is based on: without it 400, with an older one 409 (SYS-0008).")
	CiView update(@PathVariable long id, @Valid @RequestBody CiUpdate body) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.update(user, id, body.input()), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/{id}/retire")
	@PreAuthorize("hasAuthority('cmdb:ci:retire')")
	CiView retire(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user.scope(), this.cis.retire(user, id), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/verify")
	@PreAuthorize("hasAuthority('cmdb:ci:verify')")
	@Operation(summary = "Mark CIs as verified today (monthly review)")
	Map<String, Integer> verify(@Valid @RequestBody Verify body) {
		return Map.of("verified", this.cis.verify(CurrentUsers.require(), body.ids()));
	}

	@GetMapping("/cis/{id}/history")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	List<HistoryView> history(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.histories.views(user.scope(), this.cis.history(user, id), LocaleContextHolder.getLocale());
	}

	@GetMapping("/cis/{id}/as-of")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "The CI as it was at a moment (ISO instant, or a date meaning the end of that day)")
	AsOfView asOf(@PathVariable long id, @RequestParam String at) {
		CurrentUser user = CurrentUsers.require();
		AsOf then = this.cis.asOf(user, id, moment(at));
		return new AsOfView(this.views.view(user.scope(), then.ci(), LocaleContextHolder.getLocale()), then.version(),
				then.changedAt(), then.asOf());
	}

	@GetMapping("/cis/{id}/impact")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Business systems affected (UP) or components (DOWN), with paths and a graph")
	ImpactViews.ImpactView impact(@PathVariable long id,
			@RequestParam(required = false, defaultValue = "UP") Direction direction) {
		return this.impacts.view(this.impact.analyse(CurrentUsers.require(), id, direction), LocaleContextHolder.getLocale());
	}

	@GetMapping("/verification/summary")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
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
