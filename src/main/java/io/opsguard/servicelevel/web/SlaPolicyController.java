package io.opsguard.servicelevel.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.SlaPolicies;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.SlaDefinition;
import io.opsguard.servicelevel.internal.SlaPolicyService;
import io.opsguard.servicelevel.internal.SlaPolicyService.Kind;
import io.opsguard.servicelevel.internal.SystemServices;
import io.opsguard.servicelevel.web.SlaPolicyViews.PolicyDetail;
import io.opsguard.servicelevel.web.SlaPolicyViews.PolicyOption;
import io.opsguard.servicelevel.web.SlaPolicyViews.PolicySummary;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.DefinitionEdit;
import io.opsguard.shared.definition.DefinitionPresenter;
import io.opsguard.shared.definition.NewDefinition;
import io.opsguard.shared.definition.VersionView;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLA policies (SLA 策略) as data, and the targets a ticket gets. */
@RestController
@RequestMapping("/api/v1/sla-policies")
@Tag(name = "sla-policies",
		description = "SLA policies (SLA 策略) as versioned definitions: response and resolution targets per "
		+ "ticket type and fault level on a working-time calendar, warning thresholds and "
		+ "escalations. Presets are built in; organisations copy and adjust them. Tickets keep the "
		+ "version they were opened under.")
class SlaPolicyController {

	private final SlaPolicyService policies;

	private final SlaPolicyViews views;

	private final SlaPolicies targets;

	private final SystemServices systems;

	SlaPolicyController(SlaPolicyService policies, SlaPolicyViews views, SlaPolicies targets, SystemServices systems) {
		this.policies = policies;
		this.views = views;
		this.targets = targets;
		this.systems = systems;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "List SLA policies",
			description = "The policies the caller sees (platform-wide ones and those of organisations in scope), "
				+ "paged. `q` matches code or names; `kind`: SERVICE_GRADE, CONTRACT, GUARANTEE_LEVEL "
				+ "(presets) or CUSTOM (the organisations' own). `sort` by `name` (in the request's "
				+ "language), `code`, `builtIn`, `currentVersion` or `updatedAt`.")
	PageResult<PolicySummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) Kind kind,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.policies
			.list(CurrentUsers.require(), SlaPolicyService.filter(q, kind), page, size, DefinitionPresenter.sort(sort, locale))
			.map(state -> this.views.summary(state, locale));
	}

	@GetMapping("/options")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "SLA policy options",
			description = "Every SLA policy the caller sees, for pickers: code, names, kind and calendar.")
	List<PolicyOption> options() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.policies.options(CurrentUsers.require()).stream().map(p -> this.views.option(p, locale)).toList();
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Get an SLA policy",
			description = "A policy with its current definition and the note of its current version.")
	@ErrorResponses({ "SL-0020" })
	PolicyDetail get(@PathVariable String code) {
		return this.views.detail(this.policies.get(CurrentUsers.require(), code, null), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Versions of an SLA policy",
			description = "The versions of a policy, newest first, paged (`page`, `size`): number, note, author and "
				+ "time.")
	@ErrorResponses({ "SL-0020" })
	PageResult<VersionView> versions(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.views.versions(this.policies.versions(CurrentUsers.require(), code, page, size),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions/{version}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "One version of an SLA policy",
			description = "A policy as one of its versions defined it: what tickets opened under that version keep.")
	@ErrorResponses({ "SL-0020", "SL-0050" })
	PolicyDetail version(@PathVariable String code, @PathVariable int version) {
		return this.views.detail(this.policies.get(CurrentUsers.require(), code, version), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Create an SLA policy",
			description = "Creates a policy for an organisation in the caller's scope (none: platform-wide, needs "
				+ "every organisation), usually a copy of a preset (`basedOn`) to adjust; without `basedOn` "
				+ "and `definition` it starts with the provincial contract's targets. The definition is "
				+ "checked whole (calendar, targets for each fault level, thresholds). Audited; version 1 "
				+ "carries `note`.")
	@ErrorResponses({ "SL-0020", "SL-0021", "SL-0027", "SL-0029", "SL-0033", "SL-0023", "SL-0024", "SL-0025",
			"SL-0026", "SL-0032" })
	ResponseEntity<PolicyDetail> create(@RequestBody NewPolicy input) {
		NewDefinition<SlaDefinition> definition = new NewDefinition<>(input.code(), input.nameZh(), input.nameEn(),
				input.organisationId(), input.basedOn(), input.definition(), input.note());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.detail(this.policies.create(CurrentUsers.require(), definition), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Update an SLA policy",
			description = "Renames the policy and, when the definition changes, writes the next version (tickets "
				+ "already opened keep theirs). Carries the `version` read: without it 400 `DEF-0001`, "
				+ "another one 409 `SL-0034`. Built-in presets cannot be changed. Audited.")
	@ErrorResponses({ "DEF-0001", "SL-0020", "SL-0022", "SL-0029", "SL-0034", "SL-0023", "SL-0024", "SL-0025",
			"SL-0026", "SL-0032" })
	PolicyDetail update(@PathVariable String code, @RequestBody PolicyUpdate input) {
		DefinitionEdit<SlaDefinition> edit = new DefinitionEdit<>(input.nameZh(), input.nameEn(), input.definition(),
				input.version(), input.note());
		return this.views.detail(this.policies.update(CurrentUsers.require(), code, edit), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Delete an SLA policy",
			description = "Deletes a policy no business system chose; one in use answers 409 `SL-0028` naming the "
				+ "systems. Built-in presets cannot be deleted. Audited.")
	@ErrorResponses({ "SL-0020", "SL-0022", "SL-0028" })
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.policies.delete(CurrentUsers.require(), code);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/targets")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "SLA targets for a ticket",
			description = "The response and resolution targets, calendar and policy version a ticket of this "
				+ "business system (`systemId`, optional), `ticketType` and `faultLevel` (1–4, required) "
				+ "gets.")
	@ErrorResponses({ "SL-0002" })
	SlaTargets targets(@RequestParam(required = false) Long systemId,
			@RequestParam(required = false) TicketType ticketType, @RequestParam(required = false) Integer faultLevel) {
		if (faultLevel == null || faultLevel < 1 || faultLevel > 4) {
			throw OpsGuardException.onField("faultLevel", CommonError.BAD_PARAMETER, "faultLevel");
		}
		if (systemId != null) {
			this.systems.requireVisible(CurrentUsers.require(), systemId);
		}
		return this.targets.targetsFor(systemId, ticketType, faultLevel);
	}

	/** A new policy: a copy of {@code basedOn} unless a definition is given. */
	record NewPolicy(String code, String nameZh, String nameEn, Long organisationId, String basedOn,
			SlaDefinition definition, String note) {
	}

	/** A change: names, definition (null: unchanged), the version that was read, a note for the new version. */
	record PolicyUpdate(String nameZh, String nameEn, SlaDefinition definition, Integer version, String note) {
	}

}
