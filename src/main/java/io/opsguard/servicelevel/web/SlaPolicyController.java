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
@Tag(name = "service levels")
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
	@Operation(summary = "List SLA policies, one page", description = "q: in code or names; kind: SERVICE_GRADE, CONTRACT,"
			+ " GUARANTEE_LEVEL (presets) or CUSTOM (the organisations' own); sort: name, code, builtIn, currentVersion"
			+ " or updatedAt, with ,asc or ,desc.")
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
	@Operation(summary = "Every SLA policy the user sees, for pickers (code, names, kind, calendar)")
	List<PolicyOption> options() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.policies.options(CurrentUsers.require()).stream().map(p -> this.views.option(p, locale)).toList();
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "A policy with its current definition and the note of its current version")
	PolicyDetail get(@PathVariable String code) {
		return this.views.detail(this.policies.get(CurrentUsers.require(), code, null), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The versions of a policy, newest first, one page")
	PageResult<VersionView> versions(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.views.versions(this.policies.versions(CurrentUsers.require(), code, page, size),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions/{version}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "A policy as one of its versions defined it (what tickets opened under it keep)")
	PolicyDetail version(@PathVariable String code, @PathVariable int version) {
		return this.views.detail(this.policies.get(CurrentUsers.require(), code, version), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Create a policy, usually a copy of a preset (basedOn) to adjust",
			description = "Without basedOn and definition the policy starts with the provincial contract's targets.")
	ResponseEntity<PolicyDetail> create(@RequestBody NewPolicy input) {
		NewDefinition<SlaDefinition> definition = new NewDefinition<>(input.code(), input.nameZh(), input.nameEn(),
				input.organisationId(), input.basedOn(), input.definition(), input.note());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.detail(this.policies.create(CurrentUsers.require(), definition), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Rename and, when the definition changes, write the next version",
			description = "version: the policy's version as read (required; another one answers 409 SL-0034).")
	PolicyDetail update(@PathVariable String code, @RequestBody PolicyUpdate input) {
		DefinitionEdit<SlaDefinition> edit = new DefinitionEdit<>(input.nameZh(), input.nameEn(), input.definition(),
				input.version(), input.note());
		return this.views.detail(this.policies.update(CurrentUsers.require(), code, edit), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Delete a policy no business system chose", description = "One in use answers 409 SL-0028 naming the systems.")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.policies.delete(CurrentUsers.require(), code);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/targets")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The targets a ticket of this system, type and fault level (1–4) gets")
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
