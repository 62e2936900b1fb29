package io.opsguard.servicelevel.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.internal.GradingModel;
import io.opsguard.servicelevel.internal.GradingService;
import io.opsguard.servicelevel.internal.GradingService.Decision;
import io.opsguard.servicelevel.internal.GradingService.EvaluationView;
import io.opsguard.servicelevel.internal.GradingService.ModelVersion;
import io.opsguard.servicelevel.internal.GradingService.NewProposal;
import io.opsguard.servicelevel.internal.GradingService.ProposalView;
import io.opsguard.servicelevel.internal.GradingService.Status;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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

/** Guarantee-level grading (定级, HS/T 42): the model, proposals and the four-party confirmation. */
@RestController
@RequestMapping("/api/v1/grading")
@Tag(name = "service levels")
class GradingController {

	private final GradingService gradings;

	GradingController(GradingService gradings) {
		this.gradings = gradings;
	}

	@PostMapping("/evaluate")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The system impact and guarantee level the current model gives for the three factors")
	EvaluationView evaluate(@RequestBody Factors factors) {
		return this.gradings.evaluate(factors.realtime(), factors.sensitivity(), factors.dependence());
	}

	@GetMapping("/model")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	ModelVersion model() {
		return this.gradings.model(LocaleContextHolder.getLocale());
	}

	@GetMapping("/model/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	List<ModelVersion> modelVersions() {
		return this.gradings.modelVersions(LocaleContextHolder.getLocale());
	}

	@PutMapping("/model")
	@PreAuthorize("hasAuthority('servicelevel:model:manage')")
	@Operation(summary = "Edit the model's tables: a new version; proposals keep the version they used")
	ModelVersion updateModel(@RequestBody ModelUpdate update) {
		return this.gradings.updateModel(CurrentUsers.require(),
				new GradingModel(update.impact(), update.impactLevels(), update.realtimeCaps()), update.note());
	}

	@GetMapping("/proposals")
	@SelfService
	PageResult<ProposalView> proposals(@RequestParam(required = false) Status status,
			@RequestParam(required = false) Long systemId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.gradings.list(CurrentUsers.require(), status, systemId, page, size);
	}

	@PostMapping("/proposals")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	@Operation(summary = "Propose a grading (or a re-grading) naming the four parties who must confirm it")
	ResponseEntity<ProposalView> propose(@RequestBody NewProposal proposal) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.gradings.propose(CurrentUsers.require(), proposal, LocaleContextHolder.getLocale()));
	}

	@GetMapping("/proposals/{id}")
	@SelfService
	ProposalView proposal(@PathVariable long id) {
		return this.gradings.get(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@PostMapping("/proposals/{id}/decision")
	@SelfService
	@Operation(summary = "Confirm or reject as one of the four parties (a rejection needs a comment)")
	ProposalView decide(@PathVariable long id, @RequestBody DecisionInput input) {
		return this.gradings.decide(CurrentUsers.require(), id, input.decision(), input.comment(),
				LocaleContextHolder.getLocale());
	}

	@PostMapping("/proposals/{id}/withdraw")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	ProposalView withdraw(@PathVariable long id) {
		return this.gradings.withdraw(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@GetMapping("/inbox")
	@SelfService
	@Operation(summary = "The proposals waiting for the signed-in user's confirmation")
	List<ProposalView> inbox() {
		return this.gradings.inbox(CurrentUsers.require());
	}

	record Factors(RealtimeRequirement realtime, Degree sensitivity, Degree dependence) {
	}

	record ModelUpdate(java.util.Map<Degree, java.util.Map<Degree, io.opsguard.servicelevel.SystemImpact>> impact,
			java.util.Map<io.opsguard.servicelevel.SystemImpact, Integer> impactLevels,
			java.util.Map<RealtimeRequirement, Integer> realtimeCaps, String note) {
	}

	record DecisionInput(Decision decision, String comment) {
	}

}
