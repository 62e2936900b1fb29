package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The help centre's entries (R-DSK-12): questions with answers in plain text or simple markdown
 * (rendered escaped by the UI), a category, optionally the business system they concern, ordered,
 * published or kept as drafts. Everyone signed in reads the published ones in the portal; the desk
 * edits them. Small enough that the SQL lives here.
 */
@Service
public class FaqEntries {

	private static final String COLUMNS = """
			f.id, f.question, f.answer, f.category, f.business_system_id, f.published, f.sort_order, f.version,
			  f.created_at, f.updated_at""";

	private final JdbcClient jdbc;

	private final ConfigurationItems cmdb;

	private final AuditTrail audit;

	private final Clock clock;

	FaqEntries(JdbcClient jdbc, ConfigurationItems cmdb, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.cmdb = cmdb;
		this.audit = audit;
		this.clock = clock;
	}

	/** One page of entries, in their order; {@code text} searches questions and answers. */
	@Transactional(readOnly = true)
	public PageResult<Entry> list(String text, String category, Boolean published, PageQuery paging) {
		Map<String, Object> params = new HashMap<>();
		String condition = condition(text, category, published, params);
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "f.id", "sd_faq f", condition, params, paging);
		return new PageResult<>(findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	/** The published entries, in their order (the portal's help centre). */
	@Transactional(readOnly = true)
	public List<Entry> published(String text, String category) {
		Map<String, Object> params = new HashMap<>();
		String condition = condition(text, category, true, params);
		return this.jdbc.sql("select " + COLUMNS + " from sd_faq f where " + condition + " order by f.sort_order, f.id limit 200")
			.params(params)
			.query(FaqEntries::row)
			.list();
	}

	/** The categories in use, for the filters. */
	@Transactional(readOnly = true)
	public List<String> categories(boolean publishedOnly) {
		return this.jdbc.sql("select distinct category from sd_faq where category is not null"
				+ (publishedOnly ? " and published = true" : "") + " order by category")
			.query(String.class)
			.list();
	}

	@Transactional(readOnly = true)
	public Entry get(long id) {
		return find(id).orElseThrow(() -> new OpsGuardException(PortalError.UNKNOWN_FAQ, String.valueOf(id)));
	}

	@Transactional
	public Entry create(CurrentUser user, Input input) {
		Input checked = check(input);
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_faq (question, answer, category, business_system_id, published, sort_order, version, created_at,
				  updated_at, created_by, updated_by)
				values (:question, :answer, :category, :system, :published, :order, 0, :now, :now, :user, :user)""")
			.param("question", checked.question())
			.param("answer", checked.answer())
			.param("category", checked.category())
			.param("system", checked.businessSystemId())
			.param("published", Boolean.TRUE.equals(checked.published()))
			.param("order", checked.sortOrder() == null ? 0 : checked.sortOrder())
			.param("now", ts(now))
			.param("user", user.id())
			.update(keys, "id");
		Entry entry = get(keys.getKeyAs(Number.class).longValue());
		this.audit.recordChange("FAQ_CREATED", "faq", entry.id(), null, entry);
		return entry;
	}

	@Transactional
	public Entry update(CurrentUser user, long id, Input input) {
		Entry before = get(id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		Input checked = check(input);
		int rows = this.jdbc.sql("""
				update sd_faq set question = :question, answer = :answer, category = :category, business_system_id = :system,
				  published = :published, sort_order = :order, version = version + 1, updated_at = :now, updated_by = :user
				where id = :id and version = :version""")
			.param("question", checked.question())
			.param("answer", checked.answer())
			.param("category", checked.category())
			.param("system", checked.businessSystemId())
			.param("published", checked.published() == null ? before.published() : checked.published())
			.param("order", checked.sortOrder() == null ? before.sortOrder() : checked.sortOrder())
			.param("now", ts(this.clock.instant()))
			.param("user", user.id())
			.param("id", id)
			.param("version", input.version())
			.update();
		if (rows == 0) {
			throw new OpsGuardException(PortalError.STALE, before.version());
		}
		Entry after = get(id);
		this.audit.recordChange("FAQ_UPDATED", "faq", id, before, after);
		return after;
	}

	@Transactional
	public void delete(long id, Integer version) {
		Entry before = get(id);
		if (version == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		int rows = this.jdbc.sql("delete from sd_faq where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update();
		if (rows == 0) {
			throw new OpsGuardException(PortalError.STALE, before.version());
		}
		this.audit.recordChange("FAQ_DELETED", "faq", id, before, null);
	}

	private Input check(Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		String question = text(input.question(), "question", 300, PortalError.QUESTION_REQUIRED, problems);
		String answer = text(input.answer(), "answer", 8000, PortalError.ANSWER_REQUIRED, problems);
		String category = text(input.category(), "category", 100, null, problems);
		if (input.businessSystemId() != null && this.cmdb.find(input.businessSystemId())
			.filter(ci -> this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM"))
			.isEmpty()) {
			problems.add(new FieldProblem("businessSystemId", ServiceDeskError.UNKNOWN_SYSTEM,
					new Object[] { String.valueOf(input.businessSystemId()) }));
		}
		if (input.sortOrder() != null && (input.sortOrder() < 0 || input.sortOrder() > 100_000)) {
			problems.add(new FieldProblem("sortOrder", io.opsguard.shared.CommonError.BAD_PARAMETER, new Object[] { "sortOrder" }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return new Input(question, answer, category, input.businessSystemId(), input.published(), input.sortOrder(),
				input.version());
	}

	private static String text(String value, String field, int max, PortalError required, List<FieldProblem> problems) {
		String text = value == null ? null : value.strip();
		if (text == null || text.isEmpty()) {
			if (required != null) {
				problems.add(new FieldProblem(field, required, new Object[0]));
			}
			return null;
		}
		if (text.length() > max) {
			problems.add(new FieldProblem(field, ServiceDeskError.TOO_LONG, new Object[] { max }));
		}
		return text;
	}

	private static String condition(String text, String category, Boolean published, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		conditions.add("1 = 1");
		if (published != null) {
			conditions.add("f.published = :published");
			params.put("published", published);
		}
		if (category != null && !category.isBlank()) {
			conditions.add("f.category = :category");
			params.put("category", category.strip());
		}
		if (text != null && !text.isBlank()) {
			conditions.add("(lower(f.question) like :text escape '\\' or lower(f.answer) like :text escape '\\')");
			params.put("text", "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%");
		}
		return String.join(" and ", conditions);
	}

	private Optional<Entry> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_faq f where f.id = :id").param("id", id).query(FaqEntries::row).optional();
	}

	private List<Entry> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, Entry> byId = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from sd_faq f where f.id in (:ids)")
			.param("ids", ids)
			.query(FaqEntries::row)
			.list()
			.forEach(e -> byId.put(e.id(), e));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	private static Entry row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Entry(rs.getLong("id"), rs.getString("question"), rs.getString("answer"), rs.getString("category"),
				nullableLong(rs, "business_system_id"), rs.getBoolean("published"), rs.getInt("sort_order"),
				rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	/** An entry of the help centre. */
	public record Entry(long id, String question, String answer, String category, Long businessSystemId, boolean published,
			int sortOrder, int version, Instant createdAt, Instant updatedAt) {
	}

	/** What an entry is made of; {@code version} the one read, when changing it. */
	public record Input(String question, String answer, String category, Long businessSystemId, Boolean published,
			Integer sortOrder, Integer version) {
	}

}
