package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.servicedesk.internal.CatalogueForm.Field;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The service catalogue (R-DSK-14): what requesters may ask for, each item with its form as data
 * ({@link CatalogueForm}) and the group that usually receives it. A ticket raised from an item keeps
 * the values filled in ({@code sd_ticket_form}). Small enough that the SQL lives here.
 */
@Service
public class CatalogueItems {

	static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{0,39}");

	/** The size of the {@code fields} and {@code form_values} columns. */
	static final int MAX_JSON = 16000;

	private static final TypeReference<List<Field>> FIELDS = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			id, code, name, name_en, description, category, ticket_type, fields, default_group_id, sort_order, enabled,
			  version""";

	private final JdbcClient jdbc;

	private final SupportGroups groups;

	private final AuditTrail audit;

	private final ObjectMapper json;

	private final Clock clock;

	CatalogueItems(JdbcClient jdbc, SupportGroups groups, AuditTrail audit, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** The items in catalogue order; the disabled ones only when asked for (the administrators' page). */
	@Transactional(readOnly = true)
	public List<Item> list(boolean withDisabled) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_catalogue_item" + (withDisabled ? "" : " where enabled = true")
				+ " order by sort_order, id")
			.query((rs, n) -> row(rs))
			.list();
	}

	@Transactional(readOnly = true)
	public Item get(long id) {
		return find(id).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_CATALOGUE_ITEM, String.valueOf(id)));
	}

	Optional<Item> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_catalogue_item where id = :id")
			.param("id", id)
			.query((rs, n) -> row(rs))
			.optional();
	}

	@Transactional
	public Item create(CurrentUser user, ItemInput input) {
		ItemInput checked = check(user, input, null);
		var now = ts(this.clock.instant());
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_catalogue_item (code, name, name_en, description, category, ticket_type, fields,
				  default_group_id, sort_order, enabled, version, created_at, updated_at)
				values (:code, :name, :nameEn, :description, :category, :type, :fields, :group, :sort, :enabled, 0, :now, :now)""")
			.params(params(checked))
			.param("now", now)
			.update(keys, "id");
		Item item = get(keys.getKeyAs(Number.class).longValue());
		this.audit.recordChange("CATALOGUE_ITEM_CREATED", "catalogueItem", item.id(), null, item);
		return item;
	}

	@Transactional
	public Item update(CurrentUser user, long id, ItemInput input, Integer version) {
		Item before = get(id);
		if (version == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		ItemInput checked = check(user, input, id);
		int rows = this.jdbc.sql("""
				update sd_catalogue_item set code = :code, name = :name, name_en = :nameEn, description = :description,
				  category = :category, ticket_type = :type, fields = :fields, default_group_id = :group,
				  sort_order = :sort, enabled = :enabled, version = version + 1, updated_at = :now
				where id = :id and version = :version""")
			.params(params(checked))
			.param("now", ts(this.clock.instant()))
			.param("id", id)
			.param("version", version)
			.update();
		if (rows == 0) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, before.version());
		}
		Item after = get(id);
		this.audit.recordChange("CATALOGUE_ITEM_UPDATED", "catalogueItem", id, before, after);
		return after;
	}

	/**
	 * The enabled item a ticket is raised from, with the values checked against its form; problems
	 * are added, nothing is written.
	 */
	Optional<Filled> fill(Long itemId, Map<String, ?> values, List<FieldProblem> problems) {
		if (itemId == null) {
			if (values != null && !values.isEmpty()) {
				problems.add(new FieldProblem("catalogueItemId", ServiceDeskError.BAD_CATALOGUE_ITEM, new Object[] { "" }));
			}
			return Optional.empty();
		}
		Optional<Item> item = find(itemId).filter(Item::enabled);
		if (item.isEmpty()) {
			problems.add(new FieldProblem("catalogueItemId", ServiceDeskError.BAD_CATALOGUE_ITEM, new Object[] { itemId }));
			return Optional.empty();
		}
		Map<String, String> stored = CatalogueForm.checkValues(item.get().fields(), values, problems);
		if (write(stored).length() > MAX_JSON) {
			// each value fits its field, but all of them together do not fit the column
			problems.add(new FieldProblem("formValues", ServiceDeskError.TOO_LONG, new Object[] { MAX_JSON }));
		}
		return Optional.of(new Filled(item.get(), stored));
	}

	/** Keeps what a ticket was raised with. */
	void save(long ticketId, Filled filled) {
		this.jdbc.sql("insert into sd_ticket_form (ticket_id, catalogue_item_id, form_values) values (:ticket, :item, :values)")
			.param("ticket", ticketId)
			.param("item", filled.item().id())
			.param("values", write(filled.values()))
			.update();
	}

	/** The item a ticket was raised from and the values, each with its field as the form has it now. */
	@Transactional(readOnly = true)
	public Optional<TicketForm> formOf(long ticketId) {
		return this.jdbc.sql("select catalogue_item_id, form_values from sd_ticket_form where ticket_id = :ticket")
			.param("ticket", ticketId)
			.query((rs, n) -> {
				Item item = get(rs.getLong("catalogue_item_id"));
				Map<String, String> values = read(rs.getString("form_values"), VALUES);
				List<Answer> answers = new ArrayList<>();
				for (Field f : item.fields()) {
					if (values.containsKey(f.key())) {
						answers.add(new Answer(f.key(), f.label(), f.labelEn(), f.kind(), values.get(f.key())));
					}
				}
				// values of fields removed from the form since stay visible under their key
				values.forEach((key, value) -> {
					if (item.fields().stream().noneMatch(f -> f.key().equals(key))) {
						answers.add(new Answer(key, key, key, CatalogueForm.Kind.TEXT, value));
					}
				});
				return new TicketForm(item.id(), item.code(), item.name(), item.nameEn(), item.defaultGroupId(), answers);
			})
			.optional();
	}

	private ItemInput check(CurrentUser user, ItemInput input, Long id) {
		List<FieldProblem> problems = new ArrayList<>();
		if (input == null) {
			throw OpsGuardException.onField("name", ServiceDeskError.NAME_REQUIRED);
		}
		String code = input.code() == null ? "" : input.code().strip().toUpperCase(java.util.Locale.ROOT);
		if (!CODE.matcher(code).matches()) {
			problems.add(new FieldProblem("code", ServiceDeskError.CATALOGUE_CODE_BAD, new Object[0]));
		}
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", ServiceDeskError.NAME_REQUIRED, new Object[0]));
		}
		longest(problems, "name", name, 100);
		longest(problems, "nameEn", input.nameEn(), 100);
		longest(problems, "description", input.description(), 1000);
		longest(problems, "category", input.category(), 100);
		TicketType type = input.ticketType() == null ? TicketType.SERVICE_REQUEST : input.ticketType();
		if (type == TicketType.INCIDENT || type == TicketType.COMPLAINT) {
			// faults and complaints are reported, not ordered from a catalogue
			problems.add(new FieldProblem("ticketType", ServiceDeskError.TYPE_REQUIRED, new Object[0]));
		}
		List<Field> fields = input.fields() == null ? List.of() : input.fields();
		problems.addAll(CatalogueForm.checkDefinition(fields));
		if (input.defaultGroupId() != null && this.groups.find(user, input.defaultGroupId()).isEmpty()) {
			problems.add(new FieldProblem("defaultGroupId", ServiceDeskError.UNKNOWN_GROUP, new Object[] { input.defaultGroupId() }));
		}
		if (problems.isEmpty() && this.jdbc.sql("select count(*) from sd_catalogue_item where code = :code and id <> :id")
			.param("code", code)
			.param("id", id == null ? -1L : id)
			.query(Integer.class)
			.single() > 0) {
			throw OpsGuardException.onField("code", ServiceDeskError.CATALOGUE_CODE_TAKEN, code);
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		// options belong to a selection only
		List<Field> stripped = fields.stream()
			.map(f -> new Field(f.key(), f.label().strip(), blank(f.labelEn()) ? null : f.labelEn().strip(), f.kind(), f.required(),
					f.kind() == CatalogueForm.Kind.SELECT ? f.options().stream().map(String::strip).toList() : List.of(),
					blank(f.hint()) ? null : f.hint().strip()))
			.toList();
		if (write(stripped).length() > MAX_JSON) {
			throw OpsGuardException.onField("fields", ServiceDeskError.TOO_LONG, MAX_JSON);
		}
		return new ItemInput(code, name, blank(input.nameEn()) ? null : input.nameEn().strip(),
				blank(input.description()) ? null : input.description().strip(),
				blank(input.category()) ? null : input.category().strip(), type, stripped, input.defaultGroupId(),
				input.sortOrder() == null ? 0 : input.sortOrder(), input.enabled() == null || input.enabled());
	}

	private static void longest(List<FieldProblem> problems, String field, String value, int max) {
		if (value != null && value.strip().length() > max) {
			problems.add(new FieldProblem(field, ServiceDeskError.TOO_LONG, new Object[] { max }));
		}
	}

	private Map<String, Object> params(ItemInput in) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("code", in.code());
		params.put("name", in.name());
		params.put("nameEn", in.nameEn());
		params.put("description", in.description());
		params.put("category", in.category());
		params.put("type", in.ticketType().name());
		params.put("fields", write(in.fields()));
		params.put("group", in.defaultGroupId());
		params.put("sort", in.sortOrder());
		params.put("enabled", in.enabled());
		return params;
	}

	private Item row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Item(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("name_en"),
				rs.getString("description"), rs.getString("category"), TicketType.valueOf(rs.getString("ticket_type")),
				read(rs.getString("fields"), FIELDS), nullableLong(rs, "default_group_id"), rs.getInt("sort_order"),
				rs.getBoolean("enabled"), rs.getInt("version"));
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> T read(String text, TypeReference<T> type) {
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored catalogue form cannot be read", ex);
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	/** A catalogue item. */
	public record Item(long id, String code, String name, String nameEn, String description, String category,
			TicketType ticketType, List<Field> fields, Long defaultGroupId, int sortOrder, boolean enabled, int version) {
	}

	/** An item as an administrator writes it; {@code ticketType} a service request when absent. */
	public record ItemInput(String code, String name, String nameEn, String description, String category,
			TicketType ticketType, List<Field> fields, Long defaultGroupId, Integer sortOrder, Boolean enabled) {
	}

	/** An item with the values checked against its form. */
	record Filled(Item item, Map<String, String> values) {
	}

	/** A value filled in, with its field's names. */
	public record Answer(String key, String label, String labelEn, CatalogueForm.Kind kind, String value) {
	}

	/** What a ticket was raised with. */
	public record TicketForm(long itemId, String code, String name, String nameEn, Long defaultGroupId,
			List<Answer> answers) {
	}

}
