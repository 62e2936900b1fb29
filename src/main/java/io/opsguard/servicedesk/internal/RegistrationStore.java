package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.DataScope;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/** The applications for an account ({@code sd_registration}). */
@Repository
public class RegistrationStore {

	private static final String COLUMNS = "id, username, display_name, phone, email, organisation_id, unit, password_hash, "
			+ "state, reason, created_at, decided_at, decided_by, user_id, source_address, version";

	private final JdbcClient jdbc;

	RegistrationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Registration r) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_registration (username, display_name, phone, email, organisation_id, unit, password_hash,
				  state, created_at, source_address, version)
				values (:username, :displayName, :phone, :email, :organisationId, :unit, :passwordHash, :state, :createdAt,
				  :sourceAddress, 0)""")
			.param("username", r.username())
			.param("displayName", r.displayName())
			.param("phone", r.phone())
			.param("email", r.email())
			.param("organisationId", r.organisationId())
			.param("unit", r.unit())
			.param("passwordHash", r.passwordHash())
			.param("state", r.state().name())
			.param("createdAt", ts(r.createdAt()))
			.param("sourceAddress", r.sourceAddress())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	Optional<Registration> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_registration where id = :id")
			.param("id", id)
			.query(RegistrationStore::map)
			.optional();
	}

	/** Whether an application waiting for a decision asks for this username (case ignored). */
	boolean pendingWithUsername(String username) {
		return this.jdbc.sql("select count(*) from sd_registration where state = 'PENDING' and lower(username) = lower(:u)")
			.param("u", username)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records the decision when the application still has {@code version}; false when someone else
	 * changed it meanwhile.
	 */
	boolean decide(long id, int version, RegistrationState state, String reason, Instant at, long by, Long userId) {
		return this.jdbc.sql("""
				update sd_registration set state = :state, reason = :reason, decided_at = :at, decided_by = :by,
				  user_id = :userId, version = version + 1
				where id = :id and version = :version and state = 'PENDING'""")
			.param("state", state.name())
			.param("reason", reason)
			.param("at", ts(at))
			.param("by", by)
			.param("userId", userId)
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	PageResult<Registration> search(DataScope scope, RegistrationState state, String text, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!scope.all()) {
			conditions.add(scope.sqlCondition("r.organisation_id"));
		}
		if (state != null) {
			conditions.add("r.state = :state");
			params.put("state", state.name());
		}
		if (text != null && !text.isBlank()) {
			conditions.add("(lower(r.display_name) like :text escape '\\' or lower(r.username) like :text escape '\\'"
					+ " or r.phone like :text escape '\\')");
			params.put("text", "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%");
		}
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "r.id", "sd_registration r", String.join(" and ", conditions), params,
				paging);
		if (ids.items().isEmpty()) {
			return new PageResult<>(List.of(), ids.total(), ids.page(), ids.size());
		}
		Map<Long, Registration> byId = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from sd_registration where id in (:ids)")
			.param("ids", ids.items())
			.query(RegistrationStore::map)
			.list()
			.forEach(r -> byId.put(r.id(), r));
		return ids.map(byId::get);
	}

	private static Registration map(ResultSet rs, int row) throws SQLException {
		return new Registration(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("phone"), rs.getString("email"), rs.getLong("organisation_id"), rs.getString("unit"),
				rs.getString("password_hash"), RegistrationState.valueOf(rs.getString("state")), rs.getString("reason"),
				instant(rs, "created_at"), instant(rs, "decided_at"), nullableLong(rs, "decided_by"),
				nullableLong(rs, "user_id"), rs.getString("source_address"), rs.getInt("version"));
	}

	/** Where an application stands. */
	public enum RegistrationState {

		PENDING, APPROVED, REJECTED

	}

	/** An application for an account; the password only as its hash. */
	public record Registration(long id, String username, String displayName, String phone, String email,
			long organisationId, String unit, String passwordHash, RegistrationState state, String reason,
			Instant createdAt, Instant decidedAt, Long decidedBy, Long userId, String sourceAddress, int version) {

		@Override
		public String toString() {
			return "Registration[" + this.id + ", " + this.username + ", " + this.state + "]";
		}

	}

}
