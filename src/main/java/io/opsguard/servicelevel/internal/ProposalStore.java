package io.opsguard.servicelevel.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.CurrentUser;
import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.PartyRole;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.servicelevel.internal.GradingService.Decision;
import io.opsguard.servicelevel.internal.GradingService.Kind;
import io.opsguard.servicelevel.internal.GradingService.PartyRow;
import io.opsguard.servicelevel.internal.GradingService.Proposal;
import io.opsguard.servicelevel.internal.GradingService.Status;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of grading proposals and their four parties ({@code sl_grading},
 * {@code sl_grading_party}). "One pending proposal per system" is the unique
 * {@code pending_system_id}, set only while a proposal is pending.
 */
@Repository
class ProposalStore {

	private static final String COLUMNS = """
			id, system_id, organisation_id, kind, status, realtime, realtime_reason, sensitivity, sensitivity_reason,
			  dependence, dependence_reason, impact, proposed_level, model_version, reason, proposed_by, proposed_at,
			  decided_at""";

	private final JdbcClient jdbc;

	ProposalStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes a pending proposal with its parties; a second pending one for the system breaks the unique key. */
	long insert(Proposal p) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sl_grading (system_id, pending_system_id, organisation_id, kind, status, realtime, realtime_reason,
				  sensitivity, sensitivity_reason, dependence, dependence_reason, impact, proposed_level, model_version, reason,
				  proposed_by, proposed_at)
				values (:system, :system, :org, :kind, 'PENDING', :realtime, :realtimeReason, :sensitivity, :sensitivityReason,
				  :dependence, :dependenceReason, :impact, :level, :model, :reason, :by, :at)""")
			.param("system", p.systemId())
			.param("org", p.organisationId())
			.param("kind", p.kind().name())
			.param("realtime", p.realtime().name())
			.param("realtimeReason", p.realtimeReason())
			.param("sensitivity", p.sensitivity().name())
			.param("sensitivityReason", p.sensitivityReason())
			.param("dependence", p.dependence().name())
			.param("dependenceReason", p.dependenceReason())
			.param("impact", p.impact().name())
			.param("level", p.level())
			.param("model", p.modelVersion())
			.param("reason", p.reason())
			.param("by", p.proposedBy())
			.param("at", Timestamp.from(p.proposedAt()))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		for (PartyRow party : p.parties()) {
			this.jdbc.sql("insert into sl_grading_party (grading_id, role, user_id, decision) values (:id, :role, :user, 'PENDING')")
				.param("id", id)
				.param("role", party.role().name())
				.param("user", party.userId())
				.update();
		}
		return id;
	}

	boolean hasPending(long systemId) {
		return this.jdbc.sql("select count(*) from sl_grading where pending_system_id = :id")
			.param("id", systemId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Proposal> find(long id) {
		return find(id, false);
	}

	/** The proposal with a row lock held until the transaction ends: decisions on it take turns. */
	Optional<Proposal> findForUpdate(long id) {
		return find(id, true);
	}

	private Optional<Proposal> find(long id, boolean lock) {
		Optional<Proposal> proposal = this.jdbc.sql("select " + COLUMNS + " from sl_grading where id = :id"
				+ (lock ? " for update" : ""))
			.param("id", id)
			.query((rs, i) -> new Proposal(rs.getLong(1), rs.getLong(2), rs.getLong(3), Kind.valueOf(rs.getString(4)),
					Status.valueOf(rs.getString(5)), RealtimeRequirement.valueOf(rs.getString(6)), rs.getString(7),
					Degree.valueOf(rs.getString(8)), rs.getString(9), Degree.valueOf(rs.getString(10)), rs.getString(11),
					SystemImpact.valueOf(rs.getString(12)), rs.getInt(13), rs.getInt(14), rs.getString(15), rs.getLong(16),
					rs.getTimestamp(17).toInstant(), rs.getTimestamp(18) == null ? null : rs.getTimestamp(18).toInstant(),
					List.of()))
			.optional();
		return proposal.map(p -> p.withParties(parties(id)));
	}

	private List<PartyRow> parties(long id) {
		return this.jdbc.sql("select role, user_id, decision, comment, decided_at from sl_grading_party where grading_id = :id")
			.param("id", id)
			.query((rs, i) -> new PartyRow(PartyRole.valueOf(rs.getString(1)), rs.getLong(2), Decision.valueOf(rs.getString(3)),
					rs.getString(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
			.list()
			.stream()
			.sorted(Comparator.comparing(PartyRow::role))
			.toList();
	}

	void decide(long id, PartyRole role, Decision decision, String comment, Instant at) {
		this.jdbc.sql("update sl_grading_party set decision = :d, comment = :c, decided_at = :at where grading_id = :id and role = :role")
			.param("d", decision.name())
			.param("c", comment)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("role", role.name())
			.update();
	}

	/** Closes a pending proposal: the system may get a new one. */
	void close(long id, Status status, Instant at) {
		this.jdbc.sql("update sl_grading set status = :s, decided_at = :at, pending_system_id = null where id = :id")
			.param("s", status.name())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/**
	 * A page of proposals the user may see: with {@code wholeScope}, those of systems in their data
	 * scope; always those where they are a party.
	 */
	PageResult<Long> page(CurrentUser user, boolean wholeScope, Status status, Long systemId, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		String party = "exists (select 1 from sl_grading_party p where p.grading_id = g.id and p.user_id = :me)";
		conditions.add(wholeScope ? "(" + user.scope().sqlCondition("g.organisation_id") + " or " + party + ")" : party);
		params.put("me", user.id());
		if (status != null) {
			conditions.add("g.status = :status");
			params.put("status", status.name());
		}
		if (systemId != null) {
			conditions.add("g.system_id = :system");
			params.put("system", systemId);
		}
		return SqlPages.ids(this.jdbc, "g.id", "sl_grading g", String.join(" and ", conditions), params, paging);
	}

	/** The pending proposals waiting for the user's decision, oldest first. */
	List<Long> awaiting(long userId) {
		return this.jdbc.sql("""
				select g.id from sl_grading g join sl_grading_party p on p.grading_id = g.id
				where g.status = 'PENDING' and p.user_id = :me and p.decision = 'PENDING' order by g.proposed_at, g.id""")
			.param("me", userId)
			.query(Long.class)
			.list();
	}

	List<Long> ofSystem(long systemId) {
		return this.jdbc.sql("select id from sl_grading where system_id = :id order by proposed_at desc, id desc")
			.param("id", systemId)
			.query(Long.class)
			.list();
	}

	/** The pending proposal of each system that has one. */
	Map<Long, Long> pendingBySystem() {
		Map<Long, Long> pending = new HashMap<>();
		this.jdbc.sql("select pending_system_id, id from sl_grading where pending_system_id is not null")
			.query((rs, i) -> pending.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return pending;
	}

}
