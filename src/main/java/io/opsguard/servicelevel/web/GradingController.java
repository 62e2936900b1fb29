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
import io.opsguard.shared.ErrorResponses;
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
@Tag(name = "grading",
		description = "Guarantee-level grading (定级, HS/T 42): the versioned grading model, proposals, and the "
		+ "confirmation by four parties. Proposals are readable by the parties they name, whatever "
		+ "their permissions.")
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
	@Operation(summary = "Evaluate grading factors",
			description = "The system impact and guarantee level the current model gives for real-time requirement, "
				+ "sensitivity and dependence; nothing is stored.")
	@ErrorResponses({ "SL-0003" })
	EvaluationView evaluate(@RequestBody Factors factors) {
		return this.gradings.evaluate(factors.realtime(), factors.sensitivity(), factors.dependence());
	}

	@GetMapping("/model")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The grading model",
			description = "The current version of the grading model's tables (impact by sensitivity and dependence, "
				+ "level per impact, caps per real-time requirement) with its note.")
	ModelVersion model() {
		return localised(this.gradings.model());
	}

	@GetMapping("/model/versions")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Versions of the grading model",
			description = "Every version of the grading model, newest first.")
	List<ModelVersion> modelVersions() {
		return this.gradings.modelVersions().stream().map(this::localised).toList();
	}

	@PutMapping("/model")
	@PreAuthorize("hasAuthority('servicelevel:model:manage')")
	@Operation(summary = "Update the grading model",
			description = "Writes the edited tables as the next model version; every cell must be filled. Proposals "
				+ "keep the version they used. Audited.")
	@ErrorResponses({ "SL-0001" })
	ModelVersion updateModel(@RequestBody ModelUpdate update) {
		return localised(this.gradings.updateModel(CurrentUsers.require(),
				new GradingModel(update.impact(), update.impactLevels(), update.realtimeCaps()), update.note()));
	}

	@GetMapping("/proposals")
	@SelfService
	@Operation(summary = "List grading proposals",
			description = "Grading proposals, newest first, paged; with `servicelevel:level:read` those of the "
				+ "caller's scope, otherwise only those naming the caller as a party. Filters: `status`, "
				+ "`systemId`.")
	PageResult<ProposalView> proposals(@RequestParam(required = false) Status status,
			@RequestParam(required = false) Long systemId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		CurrentUser user = CurrentUsers.require();
		PageResult<GradingService.Proposal> found = this.gradings.list(user, status, systemId, page, size);
		return new PageResult<>(this.views.of(found.items(), user), found.total(), found.page(), found.size());
	}

	@PostMapping("/proposals")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	@Operation(summary = "Propose a grading",
			description = "Proposes the grading (or re-grading) of a business system in the caller's scope: the "
				+ "three factors, each with a reason, and the four parties (enabled users in the proposer's "
				+ "scope, each once) who must confirm. Not while another proposal is pending; not below the "
				+ "level a system it supports needs. Audited.")
	@ErrorResponses({ "SL-0002", "SL-0003", "SL-0004", "SL-0005", "SL-0006", "SL-0007", "SL-0008", "SL-0013",
			"SL-0031" })
	ResponseEntity<ProposalView> propose(@RequestBody ProposalInput input) {
		CurrentUser user = CurrentUsers.require();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.of(this.gradings.propose(user,
					new NewProposal(input.systemId(), input.factors(), input.reason(), input.parties())), user));
	}

	@GetMapping("/proposals/{id}")
	@SelfService
	@Operation(summary = "Get a grading proposal",
			description = "One proposal with its factors, evaluation and the decisions of the four parties; for "
				+ "parties, and for readers of levels in scope.")
	@ErrorResponses({ "SL-0014" })
	ProposalView proposal(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.get(user, id), user);
	}

	@PostMapping("/proposals/{id}/decision")
	@SelfService
	@Operation(summary = "Confirm or reject a grading",
			description = "Confirms or rejects a pending proposal as one of its parties (a rejection needs a "
				+ "comment). When all four have confirmed, the level is set on the system; one rejection "
				+ "closes the proposal. Audited.")
	@ErrorResponses({ "SL-0003", "SL-0009", "SL-0010", "SL-0011", "SL-0012", "SL-0014", "SL-0031" })
	ProposalView decide(@PathVariable long id, @RequestBody DecisionInput input) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.decide(user, id, input.decision(), input.comment()), user);
	}

	@PostMapping("/proposals/{id}/withdraw")
	@PreAuthorize("hasAuthority('servicelevel:grading:propose')")
	@Operation(summary = "Withdraw a grading proposal",
			description = "Withdraws a pending proposal: its proposer, or a holder of the permission whose scope "
				+ "includes the system's organisation. Audited.")
	@ErrorResponses({ "SL-0011", "SL-0014" })
	ProposalView withdraw(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.of(this.gradings.withdraw(user, id), user);
	}

	@GetMapping("/inbox")
	@SelfService
	@Operation(summary = "Proposals awaiting me",
			description = "The pending proposals waiting for the signed-in user's decision.")
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
