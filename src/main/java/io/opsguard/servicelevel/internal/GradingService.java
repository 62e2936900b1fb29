package io.opsguard.servicelevel.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.PartyRole;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.servicelevel.internal.GradingModel.Evaluation;
import io.opsguard.servicelevel.internal.LevelResolver.Resolved;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SystemNotes;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Guarantee-level grading (HS/T 42 §5, R-GRD-04/06): a proposal states the factors with the
 * grader's reasons and names the four parties; each confirms or rejects with a comment; the level
 * takes effect when all four have confirmed. A re-grading (the O&M party finds the level no longer
 * fits) follows the same path. The model's tables are versioned; every proposal records the
 * version it used. Proposals are readable by the parties named in them and, with the permission to
 * read levels, by whoever sees the system's organisation.
 */
@Service
public class GradingService {

	/** Reads every proposal of the data scope, not only the reader's own. */
	static final String READ_LEVELS = "servicelevel:level:read";

	private static final int MAX_TEXT = 1000;

	private final ProposalStore proposals;

	private final ModelStore models;

	private final ConfigurationItems cmdb;

	private final SystemLevels levels;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	GradingService(ProposalStore proposals, ModelStore models, ConfigurationItems cmdb, SystemLevels levels, Users users,
			AuditTrail audit, Clock clock) {
		this.proposals = proposals;
		this.models = models;
		this.cmdb = cmdb;
		this.levels = levels;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	public enum Status {

		PENDING, CONFIRMED, REJECTED, WITHDRAWN

	}

	public enum Kind {

		INITIAL, REGRADE

	}

	public enum Decision {

		PENDING, CONFIRMED, REJECTED

	}

	// ---- the model ------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public ModelVersion model() {
		return this.models.latest();
	}

	@Transactional(readOnly = true)
	public List<ModelVersion> modelVersions() {
		return this.models.all();
	}

	/** An edited model becomes the next version; proposals already made keep theirs. */
	@Transactional
	public ModelVersion updateModel(CurrentUser user, GradingModel model, String note) {
		if (model == null) {
			throw OpsGuardException.onField("impact", ServiceLevelError.MODEL_INCOMPLETE, "");
		}
		model.checked();
		ModelVersion current = model();
		if (current.model().equals(model)) {
			return current;
		}
		int next = current.version() + 1;
		this.models.insert(new ModelVersion(next, model, SystemNotes.typed(note), this.clock.instant(), user.id()));
		this.audit.recordChange("GRADING_MODEL_UPDATED", "GRADING_MODEL", next, Map.of("version", current.version()),
				Map.of("version", next, "note", note == null ? "" : note));
		return model();
	}

	@Transactional
	void ensureModel() {
		if (this.models.count() == 0) {
			this.models.insert(new ModelVersion(1, GradingModel.standard(), SystemNotes.of("grading.default"),
					this.clock.instant(), null));
		}
	}

	@Transactional(readOnly = true)
	public EvaluationView evaluate(RealtimeRequirement realtime, Degree sensitivity, Degree dependence) {
		List<FieldProblem> missing = new ArrayList<>();
		requireFactor("realtime", realtime, missing);
		requireFactor("sensitivity", sensitivity, missing);
		requireFactor("dependence", dependence, missing);
		if (!missing.isEmpty()) {
			throw OpsGuardException.onFields(ServiceLevelError.FACTOR_REQUIRED, missing, missing.get(0).args());
		}
		ModelVersion model = model();
		Evaluation e = model.model().evaluate(realtime, sensitivity, dependence);
		return new EvaluationView(e.impact(), e.impactLevel(), e.realtimeCap(), e.level(), model.version());
	}

	// ---- proposals --------------------------------------------------------------------------

	@Transactional
	public Proposal propose(CurrentUser user, NewProposal input) {
		CiView system = businessSystem(user, input.systemId());
		List<FieldProblem> problems = new ArrayList<>();
		Factors f = input.factors() == null ? new Factors(null, null, null, null, null, null) : input.factors();
		requireFactor("factors.realtime", f.realtime(), problems);
		requireFactor("factors.sensitivity", f.sensitivity(), problems);
		requireFactor("factors.dependence", f.dependence(), problems);
		requireReason("factors.realtimeReason", f.realtimeReason(), problems);
		requireReason("factors.sensitivityReason", f.sensitivityReason(), problems);
		requireReason("factors.dependenceReason", f.dependenceReason(), problems);
		boolean graded = this.levels.row(system.id()).map(r -> r.gradedLevel() != null).orElse(false);
		Kind kind = graded ? Kind.REGRADE : Kind.INITIAL;
		if (kind == Kind.REGRADE) {
			requireReason("reason", input.reason(), problems);
		}
		else if (input.reason() != null && input.reason().length() > MAX_TEXT) {
			problems.add(new FieldProblem("reason", ServiceLevelError.TOO_LONG, new Object[] { MAX_TEXT }));
		}
		Map<PartyRole, Long> parties = input.parties() == null ? Map.of() : input.parties();
		Set<Long> seen = new HashSet<>();
		for (PartyRole role : PartyRole.values()) {
			Long userId = parties.get(role);
			String field = "parties." + role.name();
			if (userId == null) {
				problems.add(new FieldProblem(field, ServiceLevelError.PARTY_REQUIRED, new Object[] { label(role.name()) }));
			}
			else if (!eligibleParty(user, userId)) {
				// one answer for a user who does not exist and one outside the proposer's scope
				problems.add(new FieldProblem(field, ServiceLevelError.UNKNOWN_USER, new Object[] { String.valueOf(userId) }));
			}
			else if (!seen.add(userId)) {
				problems.add(new FieldProblem(field, ServiceLevelError.PARTY_TWICE, new Object[] { label(role.name()) }));
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		if (this.proposals.hasPending(system.id())) {
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_PENDING, system.name());
		}
		ModelVersion model = model();
		Evaluation e = model.model().evaluate(f.realtime(), f.sensitivity(), f.dependence());
		Resolved inherited = this.levels.inherited(system.id());
		if (inherited.level() != null && e.level() > inherited.level()) {
			throw OpsGuardException.onField("factors", ServiceLevelError.BELOW_SUPPORTED, e.level(), inherited.level(),
					this.cmdb.find(inherited.origin() == null ? inherited.inheritedFrom() : inherited.origin())
						.map(CiView::name)
						.orElse(""));
		}
		List<PartyRow> partyRows = new ArrayList<>();
		for (PartyRole role : PartyRole.values()) {
			partyRows.add(new PartyRow(role, parties.get(role), Decision.PENDING, null, null));
		}
		Proposal proposal = new Proposal(0, system.id(), system.organisationId(), kind, Status.PENDING, f.realtime(),
				f.realtimeReason().strip(), f.sensitivity(), f.sensitivityReason().strip(), f.dependence(),
				f.dependenceReason().strip(), e.impact(), e.level(), model.version(),
				input.reason() == null || input.reason().isBlank() ? null : input.reason().strip(), user.id(),
				this.clock.instant(), null, partyRows);
		long id;
		try {
			id = this.proposals.insert(proposal);
		}
		catch (DuplicateKeyException ex) {
			// another proposal for the system was made a moment ago
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_PENDING, system.name());
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("system", system.name());
		after.put("kind", kind.name());
		after.put("level", e.level());
		after.put("factors", f.realtime() + " / " + f.sensitivity() + " / " + f.dependence());
		after.put("modelVersion", model.version());
		this.audit.recordChange("GRADING_PROPOSED", "GRADING", id, null, after);
		return proposal(id);
	}

	/** An enabled user in the proposer's data scope. */
	private boolean eligibleParty(CurrentUser proposer, long userId) {
		return this.users.find(userId)
			.filter(Users.UserSummary::enabled)
			.filter(u -> proposer.scope().includes(u.organisationId()))
			.isPresent();
	}

	/**
	 * A party confirms or rejects; all four confirmations make the level effective. The proposal's
	 * row is locked first, so two parties deciding at once take turns and the last one sees every
	 * other confirmation.
	 */
	@Transactional
	public Proposal decide(CurrentUser user, long id, Decision decision, String comment) {
		if (decision == null || decision == Decision.PENDING) {
			throw OpsGuardException.onField("decision", ServiceLevelError.FACTOR_REQUIRED, "decision");
		}
		if (decision == Decision.REJECTED && (comment == null || comment.isBlank())) {
			throw OpsGuardException.onField("comment", ServiceLevelError.COMMENT_REQUIRED);
		}
		if (comment != null && comment.length() > MAX_TEXT) {
			throw OpsGuardException.onField("comment", ServiceLevelError.TOO_LONG, MAX_TEXT);
		}
		Proposal proposal = this.proposals.findForUpdate(id).orElseThrow(() -> unknown(id));
		List<PartyRow> mine = proposal.parties().stream().filter(p -> p.userId() == user.id()).toList();
		if (mine.isEmpty()) {
			// a proposal the caller may not read does not exist for them
			throw mayRead(user, proposal) ? new OpsGuardException(ServiceLevelError.NOT_A_PARTY) : unknown(id);
		}
		if (proposal.status() != Status.PENDING) {
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_CLOSED);
		}
		PartyRow party = mine.get(0);
		if (party.decision() != Decision.PENDING) {
			throw new OpsGuardException(ServiceLevelError.ALREADY_DECIDED);
		}
		Instant now = this.clock.instant();
		this.proposals.decide(id, party.role(), decision, comment == null || comment.isBlank() ? null : comment.strip(), now);
		this.audit.recordChange("GRADING_" + decision.name(), "GRADING", id, Map.of("role", party.role().name()),
				Map.of("role", party.role().name(), "decision", decision.name(), "comment", comment == null ? "" : comment));
		Proposal decided = proposal(id);
		long confirmed = decided.parties().stream().filter(p -> p.decision() == Decision.CONFIRMED).count();
		if (decision == Decision.REJECTED) {
			this.proposals.close(id, Status.REJECTED, now);
		}
		else if (confirmed == PartyRole.values().length) {
			this.proposals.close(id, Status.CONFIRMED, now);
			this.levels.graded(proposal.systemId(), proposal.level(), id, user.id());
			this.audit.recordChange("GUARANTEE_LEVEL_SET", "BUSINESS_SYSTEM", proposal.systemId(), null,
					Map.of("level", proposal.level(), "grading", id));
		}
		return proposal(id);
	}

	@Transactional
	public Proposal withdraw(CurrentUser user, long id) {
		Proposal proposal = this.proposals.findForUpdate(id).orElseThrow(() -> unknown(id));
		if (proposal.proposedBy() != user.id() && !user.scope().includes(proposal.organisationId())) {
			throw unknown(id);
		}
		if (proposal.status() != Status.PENDING) {
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_CLOSED);
		}
		this.proposals.close(id, Status.WITHDRAWN, this.clock.instant());
		this.audit.recordChange("GRADING_WITHDRAWN", "GRADING", id, Map.of("status", "PENDING"), Map.of("status", "WITHDRAWN"));
		return proposal(id);
	}

	// ---- reading ----------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Proposal get(CurrentUser user, long id) {
		Proposal proposal = proposal(id);
		if (!mayRead(user, proposal)) {
			throw unknown(id);
		}
		return proposal;
	}

	/**
	 * The proposals the user may read, newest first: with the permission to read levels those of
	 * their data scope and their own; without it only those naming them as a party.
	 */
	@Transactional(readOnly = true)
	public PageResult<Proposal> list(CurrentUser user, Status status, Long systemId, Integer page, Integer size) {
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "g.proposed_at desc, g.id desc");
		return this.proposals.page(user, user.hasPermission(READ_LEVELS), status, systemId, paging).map(this::proposal);
	}

	/** The proposals waiting for the user's confirmation. */
	@Transactional(readOnly = true)
	public List<Proposal> inbox(CurrentUser user) {
		return this.proposals.awaiting(user.id()).stream().map(this::proposal).toList();
	}

	List<Proposal> proposalsOf(long systemId) {
		return this.proposals.ofSystem(systemId).stream().map(this::proposal).toList();
	}

	/** The pending proposal of each system that has one. */
	Map<Long, Long> pending() {
		return this.proposals.pendingBySystem();
	}

	private Proposal proposal(long id) {
		return this.proposals.find(id).orElseThrow(() -> unknown(id));
	}

	/** A party always; anyone else with the permission to read levels and the system's organisation in scope. */
	private static boolean mayRead(CurrentUser user, Proposal proposal) {
		return proposal.parties().stream().anyMatch(p -> p.userId() == user.id())
				|| user.hasPermission(READ_LEVELS) && user.scope().includes(proposal.organisationId());
	}

	private static OpsGuardException unknown(long id) {
		return new OpsGuardException(ServiceLevelError.UNKNOWN_PROPOSAL, id);
	}

	/** A business system named in a path: one the caller cannot see answers 404. */
	CiView visibleSystem(CurrentUser user, long systemId) {
		return this.cmdb.find(systemId)
			.filter(ci -> user.scope().includes(ci.organisationId()))
			.filter(ci -> ci.status() != CiStatus.RETIRED && this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM"))
			.orElseThrow(OpsGuardException::notFound);
	}

	/** The business system a proposal is for: visible to the user, not retired, of the business-system class. */
	CiView businessSystem(CurrentUser user, Long systemId) {
		if (systemId == null) {
			throw OpsGuardException.onField("systemId", ServiceLevelError.NOT_A_BUSINESS_SYSTEM, "");
		}
		CiView system = this.cmdb.find(systemId)
			.filter(ci -> user.scope().includes(ci.organisationId()))
			.orElseThrow(() -> OpsGuardException.onField("systemId", ServiceLevelError.NOT_A_BUSINESS_SYSTEM, systemId));
		if (system.status() == CiStatus.RETIRED || !this.cmdb.isA(system.classCode(), "BUSINESS_SYSTEM")) {
			throw OpsGuardException.onField("systemId", ServiceLevelError.NOT_A_BUSINESS_SYSTEM, system.name());
		}
		return system;
	}

	/** What people call a field or a party: resolved in the reader's language when the error is rendered. */
	private static DefaultMessageSourceResolvable label(String key) {
		return new DefaultMessageSourceResolvable(new String[] { "servicelevel.label." + key }, key);
	}

	private static void requireFactor(String field, Object value, List<FieldProblem> problems) {
		if (value == null) {
			String labelKey = field.startsWith("factors.") ? field : "factors." + field;
			problems.add(new FieldProblem(field, ServiceLevelError.FACTOR_REQUIRED, new Object[] { label(labelKey) }));
		}
	}

	private static void requireReason(String field, String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, ServiceLevelError.REASON_REQUIRED, new Object[] { label(field) }));
		}
		else if (value.length() > MAX_TEXT) {
			problems.add(new FieldProblem(field, ServiceLevelError.TOO_LONG, new Object[] { MAX_TEXT }));
		}
	}

	// ---- domain records ----------------------------------------------------------------------

	/** A version of the grading model; {@code note} may be a {@link SystemNotes} key. */
	public record ModelVersion(int version, GradingModel model, String note, Instant createdAt, Long createdBy) {
	}

	public record EvaluationView(SystemImpact impact, int impactLevel, Integer realtimeCap, int level, int modelVersion) {
	}

	/** The grading factors with the grader's reason for each. */
	public record Factors(RealtimeRequirement realtime, String realtimeReason, Degree sensitivity, String sensitivityReason,
			Degree dependence, String dependenceReason) {
	}

	/** What a proposer states. */
	public record NewProposal(Long systemId, Factors factors, String reason, Map<PartyRole, Long> parties) {
	}

	/** A party of a proposal and what it decided. */
	public record PartyRow(PartyRole role, long userId, Decision decision, String comment, Instant decidedAt) {
	}

	/** A grading proposal with its four parties. */
	public record Proposal(long id, long systemId, long organisationId, Kind kind, Status status, RealtimeRequirement realtime,
			String realtimeReason, Degree sensitivity, String sensitivityReason, Degree dependence, String dependenceReason,
			SystemImpact impact, int level, int modelVersion, String reason, long proposedBy, Instant proposedAt,
			Instant decidedAt, List<PartyRow> parties) {

		Proposal withParties(List<PartyRow> parties) {
			return new Proposal(this.id, this.systemId, this.organisationId, this.kind, this.status, this.realtime,
					this.realtimeReason, this.sensitivity, this.sensitivityReason, this.dependence, this.dependenceReason,
					this.impact, this.level, this.modelVersion, this.reason, this.proposedBy, this.proposedAt, this.decidedAt,
					parties);
		}

		public Factors factors() {
			return new Factors(this.realtime, this.realtimeReason, this.sensitivity, this.sensitivityReason, this.dependence,
					this.dependenceReason);
		}

	}

}
