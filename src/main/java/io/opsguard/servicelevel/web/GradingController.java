package io.opsguard.servicelevel.web;

import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.PartyRole;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.servicelevel.internal.GradingModel;
import io.opsguard.servicelevel.internal.GradingService;
import io.opsguard.servicelevel.internal.GradingService.Decision;
import io.opsguard.servicelevel.internal.GradingService.EvaluationView;
import io.opsguard.servicelevel.internal.GradingService.ModelVersion;
import io.opsguard.servicelevel.internal.GradingService.NewProposal;
import io.opsguard.servicelevel.internal.GradingService.Status;
import io.opsguard.servicelevel.web.ProposalViews.ProposalView;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SelfService;
import io.opsguard.shared.SystemNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
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

/**
 * Guarantee-level grading (定级, HS/T 42): the model, proposals and the four-party confirmation.
 * The proposal endpoints are self-service: a user without a service-level permission sees only
 * the proposals naming them as a party.
 */
@RestController
@RequestMapping("/api/v1/grading")
@Tag(name = "service levels")
class GradingController {

	private final GradingService gradings;

	private final ProposalViews views;

	private final MessageSource messages;

	GradingController(GradingService gradings, ProposalViews views, MessageSource messages) {
		this.gradings = gradings;
		this.views = views;
		this.messages = messages;
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
		return localised(this.gradings.model());
	}

	@GetMapping("/model/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	List<ModelVersion> modelVersions() {
		return this.gradings.modelVersions().stream().map(this::localised).toList();
	}

	@PutMapping("/model")
	@PreAuthorize("hasAuthority('servicelevel:model:manage')")
	@Operation(summary = "Edit the model's tables: a new version; proposals keep the version they used")
	ModelVersion updateModel(@RequestBody ModelUpdate update) {
		return localised(this.gradings.updateModel(CurrentUsers.require(),
				new GradingModel(update.impact(), update.impactLevels(), update.realtimeCaps()), update.note()));
	}

	@GetMapping("/proposals")
	@SelfService
	@Operation(summary = "Grading proposals, newest first",
			description = "With servicelevel:level:read those of the caller's data scope; without it only those naming the caller as a party.")
	PageResult<ProposalView> proposals(@RequestParam(required = false) Status status,
			@RequestParam(required = false) Long systemId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		CurrentUser user = CurrentUsers.require();
		PageResult<GradingService.Proposal> found = this.gradings.list(user, status, systemId, page, size);
		return new PageResult<>(this.views.of(found.items(), user), found.total(), found.page(), found.size());
	}

	@PostMapping("/proposals")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	@Operation(summary = "Propose a grading (or a re-grading) naming the four parties who must confirm it",
			description = "The parties are enabled users in the proposer's data scope.")
	ResponseEntity<ProposalView> propose(@RequestBody ProposalInput input) {
		CurrentUser user = CurrentUsers.require();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.of(this.gradings.propose(user,
					new NewProposal(input.systemId(), input.factors(), input.reason(), input.parties())), user));
	}

	@GetMapping("/proposals/{id}")
	@SelfService
	ProposalView proposal(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.get(user, id), user);
	}

	@PostMapping("/proposals/{id}/decision")
	@SelfService
	@Operation(summary = "Confirm or reject as one of the four parties (a rejection needs a comment)")
	ProposalView decide(@PathVariable long id, @RequestBody DecisionInput input) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.decide(user, id, input.decision(), input.comment()), user);
	}

	@PostMapping("/proposals/{id}/withdraw")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	ProposalView withdraw(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.withdraw(user, id), user);
	}

	@GetMapping("/inbox")
	@SelfService
	@Operation(summary = "The proposals waiting for the signed-in user's confirmation")
	List<ProposalView> inbox() {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.inbox(user), user);
	}

	private ModelVersion localised(ModelVersion v) {
		return new ModelVersion(v.version(), v.model(),
				SystemNotes.render(v.note(), this.messages, LocaleContextHolder.getLocale()), v.createdAt(), v.createdBy());
	}

	record Factors(RealtimeRequirement realtime, Degree sensitivity, Degree dependence) {
	}

	record ProposalInput(Long systemId, GradingService.Factors factors, String reason, Map<PartyRole, Long> parties) {
	}

	record ModelUpdate(Map<Degree, Map<Degree, SystemImpact>> impact, Map<SystemImpact, Integer> impactLevels,
			Map<RealtimeRequirement, Integer> realtimeCaps, String note) {
	}

	record DecisionInput(Decision decision, String comment) {
	}

}
