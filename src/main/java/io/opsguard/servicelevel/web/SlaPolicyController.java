package io.opsguard.servicelevel.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.SlaPolicies;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.SlaPolicyService;
import io.opsguard.servicelevel.internal.SlaPolicyService.NewPolicy;
import io.opsguard.servicelevel.internal.SlaPolicyService.PolicyDetail;
import io.opsguard.servicelevel.internal.SlaPolicyService.PolicySummary;
import io.opsguard.servicelevel.internal.SlaPolicyService.PolicyUpdate;
import io.opsguard.servicelevel.internal.SlaPolicyService.PolicyVersion;
import io.opsguard.servicelevel.internal.SystemServices;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
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

	private final SlaPolicies targets;

	private final SystemServices systems;

	SlaPolicyController(SlaPolicyService policies, SlaPolicies targets, SystemServices systems) {
		this.policies = policies;
		this.targets = targets;
		this.systems = systems;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	List<PolicySummary> list() {
		return this.policies.list(CurrentUsers.require(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	PolicyDetail get(@PathVariable String code) {
		return this.policies.get(CurrentUsers.require(), code, LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	List<PolicyVersion> versions(@PathVariable String code) {
		return this.policies.versions(CurrentUsers.require(), code, LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Create a policy, usually a copy of a preset (basedOn) to adjust")
	ResponseEntity<PolicyDetail> create(@RequestBody NewPolicy input) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.policies.create(CurrentUsers.require(), input, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	@Operation(summary = "Rename and, when the definition changes, write the next version")
	PolicyDetail update(@PathVariable String code, @RequestBody PolicyUpdate input) {
		return this.policies.update(CurrentUsers.require(), code, input, LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('servicelevel:policy:manage')")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.policies.delete(CurrentUsers.require(), code, this.systems.systemsUsing(code));
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

}
