package io.opsguard.servicelevel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Guarantee-level grading (HS/T 42 §5, R-GRD-04/06): a proposal states the factors with the
 * grader's reasons and names the four parties; each confirms or rejects with a comment; the level
 * takes effect when all four have confirmed. A re-grading (the O&M party finds the level no longer
 * fits) follows the same path. The model's tables are versioned; every proposal records the
 * version it used.
 */
@Service
public class GradingService {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final ConfigurationItems cmdb;

	private final SystemLevels levels;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	GradingService(JdbcClient jdbc, ObjectMapper json, ConfigurationItems cmdb, SystemLevels levels, Users users,
			AuditTrail audit, Clock clock, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.jdbc = jdbc;
		this.json = json;
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
		return this.jdbc.sql("select version, tables, note, created_at, created_by from sl_grading_model "
				+ "order by version desc limit 1")
			.query((rs, i) -> modelVersion(rs))
			.single();
	}

	/** The current model with its note in the reader's language. */
	@Transactional(readOnly = true)
	public ModelVersion model(Locale locale) {
		return localised(model(), locale);
	}

	private ModelVersion localised(ModelVersion v, Locale locale) {
		return new ModelVersion(v.version(), v.model(), SystemNotes.render(v.note(), this.messages, locale), v.createdAt(),
				v.createdBy());
	}

	@Transactional(readOnly = true)
	public List<ModelVersion> modelVersions(Locale locale) {
		return modelVersions().stream().map(v -> localised(v, locale)).toList();
	}

	List<ModelVersion> modelVersions() {
		return this.jdbc.sql("select version, tables, note, created_at, created_by from sl_grading_model order by version desc")
			.query((rs, i) -> modelVersion(rs))
			.list();
	}

	ModelVersion modelVersion(int version) {
		return this.jdbc.sql("select version, tables, note, created_at, created_by from sl_grading_model where version = :v")
			.param("v", version)
			.query((rs, i) -> modelVersion(rs))
			.single();
	}

	private ModelVersion modelVersion(ResultSet rs) throws SQLException {
		try {
			return new ModelVersion(rs.getInt(1), this.json.readValue(rs.getString(2), GradingModel.class), rs.getString(3),
					rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5, Long.class));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable grading model: " + ex.getOriginalMessage(), ex);
		}
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
		insertModel(current.version() + 1, model, note, user.id());
		this.audit.recordChange("GRADING_MODEL_UPDATED", "GRADING_MODEL", current.version() + 1,
				Map.of("version", current.version()), Map.of("version", current.version() + 1, "note", note == null ? "" : note));
		return model();
	}

	@Transactional
	void ensureModel() {
		long count = this.jdbc.sql("select count(*) from sl_grading_model").query(Long.class).single();
		if (count == 0) {
			insertModel(1, GradingModel.standard(), SystemNotes.of("grading.default"), null);
		}
	}

	private void insertModel(int version, GradingModel model, String note, Long userId) {
		try {
			this.jdbc.sql("insert into sl_grading_model (version, tables, note, created_at, created_by) "
					+ "values (:v, :tables, :note, :at, :by)")
				.param("v", version)
				.param("tables", this.json.writeValueAsString(model))
				.param("note", note != null && note.startsWith("@") && userId == null ? note : SystemNotes.typed(note))
				.param("at", Timestamp.from(this.clock.instant()))
				.param("by", userId)
				.update();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Transactional(readOnly = true)
	public EvaluationView evaluate(RealtimeRequirement realtime, Degree sensitivity, Degree dependence) {
		List<FieldProblem> missing = new ArrayList<>();
		if (realtime == null) {
			missing.add(new FieldProblem("realtime", ServiceLevelError.FACTOR_REQUIRED, new Object[] { label("factors.realtime") }));
		}
		if (sensitivity == null) {
			missing.add(new FieldProblem("sensitivity", ServiceLevelError.FACTOR_REQUIRED,
					new Object[] { label("factors.sensitivity") }));
		}
		if (dependence == null) {
			missing.add(new FieldProblem("dependence", ServiceLevelError.FACTOR_REQUIRED,
					new Object[] { label("factors.dependence") }));
		}
		if (!missing.isEmpty()) {
			throw OpsGuardException.onFields(ServiceLevelError.FACTOR_REQUIRED, missing, missing.get(0).args());
		}
		ModelVersion model = model();
		Evaluation e = model.model().evaluate(realtime, sensitivity, dependence);
		return new EvaluationView(e.impact(), e.impactLevel(), e.realtimeCap(), e.level(), model.version());
	}

	// ---- proposals --------------------------------------------------------------------------

	@Transactional
	public ProposalView propose(CurrentUser user, NewProposal input, Locale locale) {
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
		else if (input.reason() != null && input.reason().length() > 1000) {
			problems.add(new FieldProblem("reason", ServiceLevelError.TOO_LONG, new Object[] { 1000 }));
		}
		Map<PartyRole, Long> parties = input.parties() == null ? Map.of() : input.parties();
		Set<Long> seen = new HashSet<>();
		for (PartyRole role : PartyRole.values()) {
			Long userId = parties.get(role);
			String field = "parties." + role.name();
			if (userId == null) {
				problems.add(new FieldProblem(field, ServiceLevelError.PARTY_REQUIRED, new Object[] { label(role.name()) }));
			}
			else if (this.users.find(userId).filter(Users.UserSummary::enabled).isEmpty()) {
				problems.add(new FieldProblem(field, ServiceLevelError.UNKNOWN_USER, new Object[] { userId }));
			}
			else if (!seen.add(userId)) {
				problems.add(new FieldProblem(field, ServiceLevelError.PARTY_TWICE, new Object[] { label(role.name()) }));
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		long pending = this.jdbc.sql("select count(*) from sl_grading where system_id = :id and status = 'PENDING'")
			.param("id", system.id())
			.query(Long.class)
			.single();
		if (pending > 0) {
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
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sl_grading (system_id, organisation_id, kind, status, realtime, realtime_reason, sensitivity,
				  sensitivity_reason, dependence, dependence_reason, impact, proposed_level, model_version, reason, proposed_by,
				  proposed_at)
				values (:system, :org, :kind, 'PENDING', :realtime, :realtimeReason, :sensitivity, :sensitivityReason,
				  :dependence, :dependenceReason, :impact, :level, :model, :reason, :by, :at)""")
			.param("system", system.id())
			.param("org", system.organisationId())
			.param("kind", kind.name())
			.param("realtime", f.realtime().name())
			.param("realtimeReason", f.realtimeReason().strip())
			.param("sensitivity", f.sensitivity().name())
			.param("sensitivityReason", f.sensitivityReason().strip())
			.param("dependence", f.dependence().name())
			.param("dependenceReason", f.dependenceReason().strip())
			.param("impact", e.impact().name())
			.param("level", e.level())
			.param("model", model.version())
			.param("reason", input.reason() == null || input.reason().isBlank() ? null : input.reason().strip())
			.param("by", user.id())
			.param("at", Timestamp.from(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		for (PartyRole role : PartyRole.values()) {
			this.jdbc.sql("insert into sl_grading_party (grading_id, role, user_id, decision) values (:id, :role, :user, 'PENDING')")
				.param("id", id)
				.param("role", role.name())
				.param("user", parties.get(role))
				.update();
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("system", system.name());
		after.put("kind", kind.name());
		after.put("level", e.level());
		after.put("factors", f.realtime() + " / " + f.sensitivity() + " / " + f.dependence());
		after.put("modelVersion", model.version());
		this.audit.recordChange("GRADING_PROPOSED", "GRADING", id, null, after);
		return get(user, id, locale);
	}

	/** A party confirms or rejects; all four confirmations make the level effective. */
	@Transactional
	public ProposalView decide(CurrentUser user, long id, Decision decision, String comment, Locale locale) {
		if (decision == null || decision == Decision.PENDING) {
			throw OpsGuardException.onField("decision", ServiceLevelError.FACTOR_REQUIRED, "decision");
		}
		if (decision == Decision.REJECTED && (comment == null || comment.isBlank())) {
			throw OpsGuardException.onField("comment", ServiceLevelError.COMMENT_REQUIRED);
		}
		if (comment != null && comment.length() > 1000) {
			throw OpsGuardException.onField("comment", ServiceLevelError.TOO_LONG, 1000);
		}
		Proposal proposal = proposal(id);
		List<PartyRow> mine = proposal.parties().stream().filter(p -> p.userId() == user.id()).toList();
		if (mine.isEmpty()) {
			// a proposal outside the caller's scope does not exist for them
			throw user.scope().includes(proposal.organisationId()) ? new OpsGuardException(ServiceLevelError.NOT_A_PARTY)
					: new OpsGuardException(ServiceLevelError.UNKNOWN_PROPOSAL, id);
		}
		if (proposal.status() != Status.PENDING) {
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_CLOSED);
		}
		PartyRow party = mine.get(0);
		if (party.decision() != Decision.PENDING) {
			throw new OpsGuardException(ServiceLevelError.ALREADY_DECIDED);
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("update sl_grading_party set decision = :d, comment = :c, decided_at = :at where grading_id = :id and role = :role")
			.param("d", decision.name())
			.param("c", comment == null || comment.isBlank() ? null : comment.strip())
			.param("at", Timestamp.from(now))
			.param("id", id)
			.param("role", party.role().name())
			.update();
		this.audit.recordChange("GRADING_" + decision.name(), "GRADING", id, Map.of("role", party.role().name()),
				Map.of("role", party.role().name(), "decision", decision.name(), "comment", comment == null ? "" : comment));
		long confirmed = proposal.parties().stream().filter(p -> p.decision() == Decision.CONFIRMED).count()
				+ (decision == Decision.CONFIRMED ? 1 : 0);
		if (decision == Decision.REJECTED) {
			close(id, Status.REJECTED, now);
		}
		else if (confirmed == PartyRole.values().length) {
			close(id, Status.CONFIRMED, now);
			this.levels.graded(proposal.systemId(), proposal.level(), id, user.id());
			this.audit.recordChange("GUARANTEE_LEVEL_SET", "BUSINESS_SYSTEM", proposal.systemId(), null,
					Map.of("level", proposal.level(), "grading", id));
		}
		return get(user, id, locale);
	}

	@Transactional
	public ProposalView withdraw(CurrentUser user, long id, Locale locale) {
		Proposal proposal = proposal(id);
		if (proposal.proposedBy() != user.id() && !user.scope().includes(proposal.organisationId())) {
			throw new OpsGuardException(ServiceLevelError.UNKNOWN_PROPOSAL, id);
		}
		if (proposal.status() != Status.PENDING) {
			throw new OpsGuardException(ServiceLevelError.PROPOSAL_CLOSED);
		}
		close(id, Status.WITHDRAWN, this.clock.instant());
		this.audit.recordChange("GRADING_WITHDRAWN", "GRADING", id, Map.of("status", "PENDING"), Map.of("status", "WITHDRAWN"));
		return get(user, id, locale);
	}

	private void close(long id, Status status, Instant at) {
		this.jdbc.sql("update sl_grading set status = :s, decided_at = :at where id = :id")
			.param("s", status.name())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	// ---- reading ----------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public ProposalView get(CurrentUser user, long id, Locale locale) {
		Proposal proposal = proposal(id);
		boolean party = proposal.parties().stream().anyMatch(p -> p.userId() == user.id());
		if (!party && !user.scope().includes(proposal.organisationId())) {
			throw new OpsGuardException(ServiceLevelError.UNKNOWN_PROPOSAL, id);
		}
		return view(proposal, user);
	}

	@Transactional(readOnly = true)
	public PageResult<ProposalView> list(CurrentUser user, Status status, Long systemId, Integer page, Integer size) {
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "g.proposed_at desc, g.id desc");
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		conditions.add("(" + user.scope().sqlCondition("g.organisation_id")
				+ " or exists (select 1 from sl_grading_party p where p.grading_id = g.id and p.user_id = :me))");
		params.put("me", user.id());
		if (status != null) {
			conditions.add("g.status = :status");
			params.put("status", status.name());
		}
		if (systemId != null) {
			conditions.add("g.system_id = :system");
			params.put("system", systemId);
		}
		String where = " where " + String.join(" and ", conditions);
		long total = this.jdbc.sql("select count(*) from sl_grading g" + where).params(params).query(Long.class).single();
		List<Long> ids = this.jdbc.sql("select g.id from sl_grading g" + where + " order by " + paging.orderBy()
				+ " limit :limit offset :offset")
			.params(params)
			.param("limit", paging.size())
			.param("offset", paging.offset())
			.query(Long.class)
			.list();
		return new PageResult<>(ids.stream().map(id -> view(proposal(id), user)).toList(), total, paging.page(), paging.size());
	}

	/** The proposals waiting for the user's confirmation. */
	@Transactional(readOnly = true)
	public List<ProposalView> inbox(CurrentUser user) {
		return this.jdbc.sql("""
				select g.id from sl_grading g join sl_grading_party p on p.grading_id = g.id
				where g.status = 'PENDING' and p.user_id = :me and p.decision = 'PENDING' order by g.proposed_at""")
			.param("me", user.id())
			.query(Long.class)
			.list()
			.stream()
			.map(id -> view(proposal(id), user))
			.toList();
	}

	List<Proposal> proposalsOf(long systemId) {
		return this.jdbc.sql("select id from sl_grading where system_id = :id order by proposed_at desc, id desc")
			.param("id", systemId)
			.query(Long.class)
			.list()
			.stream()
			.map(this::proposal)
			.toList();
	}

	/** The pending proposal of each system that has one. */
	Map<Long, Long> pending() {
		Map<Long, Long> pending = new java.util.HashMap<>();
		this.jdbc.sql("select system_id, id from sl_grading where status = 'PENDING'")
			.query((rs, i) -> pending.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return pending;
	}

	record PartyRow(PartyRole role, long userId, Decision decision, String comment, Instant decidedAt) {
	}

	record Proposal(long id, long systemId, long organisationId, Kind kind, Status status, RealtimeRequirement realtime,
			String realtimeReason, Degree sensitivity, String sensitivityReason, Degree dependence, String dependenceReason,
			SystemImpact impact, int level, int modelVersion, String reason, long proposedBy, Instant proposedAt,
			Instant decidedAt, List<PartyRow> parties) {
	}

	Proposal proposal(long id) {
		List<PartyRow> parties = this.jdbc.sql("select role, user_id, decision, comment, decided_at from sl_grading_party "
				+ "where grading_id = :id")
			.param("id", id)
			.query((rs, i) -> new PartyRow(PartyRole.valueOf(rs.getString(1)), rs.getLong(2), Decision.valueOf(rs.getString(3)),
					rs.getString(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
			.list()
			.stream()
			.sorted((a, b) -> a.role().compareTo(b.role()))
			.toList();
		return this.jdbc.sql("""
				select id, system_id, organisation_id, kind, status, realtime, realtime_reason, sensitivity, sensitivity_reason,
				  dependence, dependence_reason, impact, proposed_level, model_version, reason, proposed_by, proposed_at,
				  decided_at from sl_grading where id = :id""")
			.param("id", id)
			.query((rs, i) -> new Proposal(rs.getLong(1), rs.getLong(2), rs.getLong(3), Kind.valueOf(rs.getString(4)),
					Status.valueOf(rs.getString(5)), RealtimeRequirement.valueOf(rs.getString(6)), rs.getString(7),
					Degree.valueOf(rs.getString(8)), rs.getString(9), Degree.valueOf(rs.getString(10)), rs.getString(11),
					SystemImpact.valueOf(rs.getString(12)), rs.getInt(13), rs.getInt(14), rs.getString(15), rs.getLong(16),
					rs.getTimestamp(17).toInstant(), rs.getTimestamp(18) == null ? null : rs.getTimestamp(18).toInstant(),
					parties))
			.optional()
			.orElseThrow(() -> new OpsGuardException(ServiceLevelError.UNKNOWN_PROPOSAL, id));
	}

	ProposalView view(Proposal p, CurrentUser user) {
		Set<Long> ids = new HashSet<>();
		ids.add(p.proposedBy());
		p.parties().forEach(party -> ids.add(party.userId()));
		Map<Long, String> names = this.users.displayNames(ids);
		Map<PartyRole, PartyView> parties = new EnumMap<>(PartyRole.class);
		for (PartyRow party : p.parties()) {
			parties.put(party.role(), new PartyView(party.role(), party.userId(), names.get(party.userId()), party.decision(),
					party.comment(), party.decidedAt()));
		}
		String systemName = this.cmdb.find(p.systemId()).map(CiView::name).orElse("#" + p.systemId());
		boolean myTurn = p.status() == Status.PENDING && p.parties()
			.stream()
			.anyMatch(party -> party.userId() == user.id() && party.decision() == Decision.PENDING);
		return new ProposalView(p.id(), p.systemId(), systemName, p.kind(), p.status(),
				new Factors(p.realtime(), p.realtimeReason(), p.sensitivity(), p.sensitivityReason(), p.dependence(),
						p.dependenceReason()),
				p.impact(), p.level(), p.modelVersion(), p.reason(), p.proposedBy(), names.get(p.proposedBy()), p.proposedAt(),
				p.decidedAt(), List.copyOf(parties.values()), myTurn);
	}

	/** A business system named in a path: one the caller cannot see answers 404. */
	CiView visibleSystem(CurrentUser user, long systemId) {
		CiView system = this.cmdb.find(systemId)
			.filter(ci -> user.scope().includes(ci.organisationId()))
			.filter(ci -> ci.status() != CiStatus.RETIRED && this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM"))
			.orElseThrow(OpsGuardException::notFound);
		return system;
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

	/** What people call a field or a party (the argument of a message), in the request's language. */
	private String label(String key) {
		return this.messages.getMessage("servicelevel.label." + key, null, key,
				org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	private void requireFactor(String field, Object value, List<FieldProblem> problems) {
		if (value == null) {
			problems.add(new FieldProblem(field, ServiceLevelError.FACTOR_REQUIRED, new Object[] { label(field) }));
		}
	}

	private void requireReason(String field, String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, ServiceLevelError.REASON_REQUIRED, new Object[] { label(field) }));
		}
		else if (value.length() > 1000) {
			problems.add(new FieldProblem(field, ServiceLevelError.TOO_LONG, new Object[] { 1000 }));
		}
	}

	// ---- views ----------------------------------------------------------------------------

	public record ModelVersion(int version, GradingModel model, String note, Instant createdAt, Long createdBy) {
	}

	public record EvaluationView(SystemImpact impact, int impactLevel, Integer realtimeCap, int level, int modelVersion) {
	}

	/** The grading factors with the grader's reason for each. */
	public record Factors(RealtimeRequirement realtime, String realtimeReason, Degree sensitivity, String sensitivityReason,
			Degree dependence, String dependenceReason) {
	}

	public record NewProposal(Long systemId, Factors factors, String reason, Map<PartyRole, Long> parties) {
	}

	public record PartyView(PartyRole role, long userId, String userName, Decision decision, String comment,
			Instant decidedAt) {
	}

	public record ProposalView(long id, long systemId, String systemName, Kind kind, Status status, Factors factors,
			SystemImpact impact, int level, int modelVersion, String reason, long proposedBy, String proposedByName,
			Instant proposedAt, Instant decidedAt, List<PartyView> parties, boolean awaitingMe) {
	}

}
