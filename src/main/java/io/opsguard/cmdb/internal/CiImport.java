package io.opsguard.cmdb.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.cmdb.internal.CiChecks.Checked;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.AuditMessage;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.identity.Users;
import io.opsguard.shared.Foreground;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Importing the CIs of one class from a file: every row is checked first, without writing and
 * without holding a lock, and every fault of every row is reported (with the allowed values where
 * there is a choice); only a file without a fault is then written, all rows in one short
 * transaction that locks the CIs it changes in ascending id order. A dry run stops after the
 * check. References are by code or username and must be in the caller's scope: one outside it is
 * refused exactly like one that does not exist. At most {@link ImportSlots#capacity()} imports run
 * at once, and each gives way to people's sign-ins between its rows ({@link Foreground}).
 */
@Service
public class CiImport {

	public static final int MAX_ROWS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(CiImport.class);

	/** The statuses a file may give; retiring is an action of its own. */
	private static final List<CiStatus> STATUSES = List.of(CiStatus.PLANNED, CiStatus.IN_USE, CiStatus.MAINTENANCE);

	private final CiService cis;

	private final CiChecks checks;

	private final CiStore store;

	private final ClassCatalog catalog;

	private final Organisations organisations;

	private final Users users;

	private final AuditTrail audit;

	private final CmdbGraph graph;

	private final ImportSlots slots;

	private final Clock clock;

	private final Foreground foreground;

	private final org.springframework.context.MessageSource messages;

	private final TransactionTemplate reading;

	private final TransactionTemplate writing;

	CiImport(CiService cis, CiChecks checks, CiStore store, ClassCatalog catalog, Organisations organisations, Users users,
			AuditTrail audit, CmdbGraph graph, ImportSlots slots, Clock clock, PlatformTransactionManager transactions,
			org.springframework.context.MessageSource messages, Foreground foreground) {
		this.messages = messages;
		this.foreground = foreground;
		this.cis = cis;
		this.checks = checks;
		this.store = store;
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
		this.audit = audit;
		this.graph = graph;
		this.slots = slots;
		this.clock = clock;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
		this.writing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/** The columns of a class's file, in order: the fields every CI has, then the class's attributes. */
	public List<Column> columns(ClassDef def) {
		List<Column> columns = new ArrayList<>();
		boolean physical = this.catalog.physical(def.id());
		for (String field : CiInputFields.ORDERED) {
			if (physical || !CiInputFields.ASSET.contains(field)) {
				boolean required = field.equals("code") || field.equals("name") || field.equals("organisationId");
				columns.add(new Column(field, CiChecks.label(field), required, null));
			}
		}
		for (AttributeDef attribute : this.catalog.attributes(def.id())) {
			columns.add(new Column("attributes." + attribute.code(), ClassCatalog.label(attribute), attribute.required(),
					attribute));
		}
		return columns;
	}

	/** Reads the rows from {@code source} and checks them; writes them all unless there is a fault or {@code dryRun}. */
	public Outcome run(CurrentUser user, long classId, ImportSource source, boolean dryRun) {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		if (!this.slots.tryAcquire()) {
			throw new OpsGuardException(CmdbError.IMPORT_BUSY, this.slots.capacity());
		}
		try {
			List<Column> columns = columns(def);
			Foreground.Batch work = this.foreground.batch();
			ImportSource.Table table = source.read(def.code(), columns, MAX_ROWS, work);
			List<ImportSource.Row> rows = table.rows();
			Plan plan = this.reading.execute(status -> check(user, def, table, work));
			if (!plan.problems().isEmpty() || dryRun) {
				return new Outcome(plan.problems().isEmpty(), false, rows.size(), plan.created(), plan.updated(),
						plan.problems());
			}
			long started = System.nanoTime();
			this.writing.executeWithoutResult(status -> write(user, def, plan, work));
			this.graph.invalidate();
			log.info("Imported {} rows of class {} ({} new, {} changed) in {} ms, of which {} ms waiting for sign-ins",
					rows.size(), def.code(), plan.created(), plan.updated(), (System.nanoTime() - started) / 1_000_000,
					work.waitedNanos() / 1_000_000);
			return new Outcome(true, true, rows.size(), plan.created(), plan.updated(), List.of());
		}
		finally {
			this.slots.release();
		}
	}

	private Plan check(CurrentUser user, ClassDef def, ImportSource.Table table, Foreground.Batch work) {
		References references = new References(user);
		Instant now = this.clock.instant();
		Map<String, Integer> codes = new HashMap<>();
		Map<String, Integer> uniqueValues = new HashMap<>();
		List<Planned> planned = new ArrayList<>();
		List<RowProblem> problems = new ArrayList<>();
		for (ImportSource.Row row : table.rows()) {
			work.giveWay();
			List<FieldProblem> found = new ArrayList<>();
			String code = row.values().get("code");
			CiRecord existing = null;
			if (code != null) {
				Integer first = codes.putIfAbsent(code.toLowerCase(Locale.ROOT), row.number());
				if (first != null) {
					found.add(new FieldProblem("code", CmdbError.CODE_TWICE_IN_FILE, new Object[] { code, first }));
				}
				existing = updatable(user, def, code, found);
			}
			CiInput input = input(def, new Cells(table.columns(), row.values(), existing), existing, references, found);
			Checked checked = this.checks.check(user, def, existing, input, now);
			Set<String> reported = new HashSet<>();
			found.forEach(p -> reported.add(p.field()));
			checked.problems().stream().filter(p -> !reported.contains(p.field())).forEach(found::add);
			for (AttributeDef attribute : this.catalog.attributes(def.id())) {
				String key = checked.uniqueKeys().get(attribute.id());
				Integer first = key == null ? null : uniqueValues.putIfAbsent(attribute.id() + "\u0000" + key, row.number());
				if (first != null) {
					found.add(new FieldProblem("attributes." + attribute.code(), CmdbError.NOT_UNIQUE_IN_FILE, new Object[] {
							ClassCatalog.label(attribute), checked.candidate().attributes().get(attribute.code()), first }));
				}
			}
			if (found.isEmpty()) {
				planned.add(new Planned(existing == null ? null : existing.id(), input));
			}
			found.forEach(p -> problems.add(new RowProblem(row.number(), p.field(), p, choices(def, p))));
		}
		return new Plan(planned, problems);
	}

	/**
	 * The CI a row with this code updates, or null for a new one. A code of a CI outside the scope
	 * is left to the check of a new CI, which refuses it in the same neutral words as a form does.
	 */
	private CiRecord updatable(CurrentUser user, ClassDef def, String code, List<FieldProblem> found) {
		CiRecord holder = this.store.findByCode(code).orElse(null);
		if (holder == null || !user.scope().includes(holder.organisationId())) {
			return null;
		}
		if (holder.classId() != def.id()) {
			found.add(new FieldProblem("code", CmdbError.CODE_OF_OTHER_CLASS,
					new Object[] { code, this.catalog.find(holder.classId()).map(ClassCatalog::label).orElse(null) }));
			return null;
		}
		if (holder.status() == CiStatus.RETIRED) {
			found.add(new FieldProblem("code", CmdbError.CI_RETIRED, new Object[] { holder.name() }));
			return null;
		}
		return holder;
	}

	/**
	 * The row as a CI input, references turned into ids; what cannot be read is reported and left
	 * out. A field whose column the file does not have stays as the CI has it.
	 */
	private CiInput input(ClassDef def, Cells cells, CiRecord existing, References references, List<FieldProblem> found) {
		Long organisationId = existing == null ? null : existing.organisationId();
		if (cells.has("organisationId")) {
			String organisation = cells.get("organisationId");
			organisationId = organisation == null ? null : references.organisation(organisation).orElse(null);
			if (organisation != null && organisationId == null) {
				found.add(unknown("organisationId", CiChecks.label("organisationId")));
			}
		}
		Long ownerId = existing == null ? null : existing.ownerId();
		if (cells.has("ownerId")) {
			String owner = cells.get("ownerId");
			if (owner != null) {
				ownerId = references.user(owner).orElse(null);
				if (ownerId == null) {
					found.add(unknown("ownerId", CiChecks.label("ownerId")));
				}
			}
			else if (ownerId != null && references.userVisible(ownerId)) {
				ownerId = null;
			}
			// an owner the importer cannot see was left blank in the file they exported: it stays
		}
		CiStatus status = choice(cells, "status", STATUSES, "cmdb.status.", found);
		Importance importance = choice(cells, "importance", List.of(Importance.values()), "cmdb.importance.", found);
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (AttributeDef attribute : this.catalog.attributes(def.id())) {
			String field = "attributes." + attribute.code();
			if (!cells.has(field)) {
				if (existing != null && existing.attributes().get(attribute.code()) != null) {
					attributes.put(attribute.code(), existing.attributes().get(attribute.code()));
				}
				continue;
			}
			String value = cells.get(field);
			if (value == null) {
				continue;
			}
			Optional<Long> reference = switch (attribute.type()) {
				case CI -> references.ci(value);
				case USER -> references.user(value);
				case ORGANISATION -> this.organisations.findByCode(value).map(OrganisationView::id);
				default -> null;
			};
			if (reference == null) {
				attributes.put(attribute.code(), value);
			}
			else if (reference.isPresent()) {
				attributes.put(attribute.code(), reference.get());
			}
			else {
				found.add(unknown(field, ClassCatalog.label(attribute)));
			}
		}
		List<String> tags = existing == null ? List.of() : existing.tags();
		if (cells.has("tags")) {
			String text = cells.get("tags");
			tags = text == null ? List.of()
					: Arrays.stream(text.split("[,，]")).map(String::trim).filter(t -> !t.isEmpty()).toList();
		}
		return new CiInput(cells.get("code"), cells.get("name"), organisationId, ownerId,
				status == null && existing != null ? existing.status() : status,
				importance == null && existing != null ? existing.importance() : importance,
				cells.text("location", existing == null ? null : existing.location()),
				cells.text("vendor", existing == null ? null : existing.vendor()),
				cells.text("model", existing == null ? null : existing.model()),
				cells.text("serialNumber", existing == null ? null : existing.serialNumber()),
				cells.text("contract", existing == null ? null : existing.contract()),
				existing == null ? List.of() : existing.documents(), tags,
				cells.text("notes", existing == null ? null : existing.notes()), attributes,
				existing == null ? null : existing.version());
	}

	/** The cells of a row, knowing which columns the file has. */
	private record Cells(java.util.Set<String> columns, Map<String, String> values, CiRecord existing) {

		boolean has(String key) {
			return this.columns.contains(key);
		}

		String get(String key) {
			return this.values.get(key);
		}

		/** The cell's text, or what the CI has when the file has no such column. */
		String text(String key, String kept) {
			return has(key) ? get(key) : kept;
		}

	}

	private static FieldProblem unknown(String field, Object label) {
		return new FieldProblem(field, CmdbError.UNKNOWN_REFERENCE, new Object[] { label });
	}

	/** An enum value by its code or its label in either language; a bad one is reported with the choices. */
	private <E extends Enum<E>> E choice(Cells cells, String field, List<E> allowed, String prefix,
			List<FieldProblem> found) {
		String text = cells.get(field);
		if (text == null) {
			return null;
		}
		for (E constant : allowed) {
			if (constant.name().equalsIgnoreCase(text)
					|| text.equals(this.messages.getMessage(prefix + constant.name(), null, "", Locale.SIMPLIFIED_CHINESE))
					|| text.equalsIgnoreCase(this.messages.getMessage(prefix + constant.name(), null, "", Locale.ENGLISH))) {
				return constant;
			}
		}
		found.add(new FieldProblem(field, CmdbError.NOT_AN_OPTION, new Object[] { CiChecks.label(field), text,
				Localised.joined(allowed.stream().map(c -> Localised.key(prefix + c.name())).toList()) }));
		return null;
	}

	/** The values a field may take, when a fault is about a choice. */
	private List<MessageSourceResolvable> choices(ClassDef def, FieldProblem problem) {
		boolean aboutChoice = problem.errorCode() == CmdbError.NOT_AN_OPTION || problem.errorCode() == CmdbError.WRONG_TYPE;
		if (!aboutChoice) {
			return List.of();
		}
		return switch (problem.field()) {
			case "status" -> STATUSES.stream().map(s -> Localised.key("cmdb.status." + s.name())).toList();
			case "importance" -> Arrays.stream(Importance.values()).map(i -> Localised.key("cmdb.importance." + i.name())).toList();
			default -> this.catalog.attributes(def.id())
				.stream()
				.filter(a -> problem.field().equals("attributes." + a.code()))
				.findFirst()
				.map(AttributeValues::choices)
				.orElse(List.of());
		};
	}

	private void write(CurrentUser user, ClassDef def, Plan plan, Foreground.Batch work) {
		this.store.lock(plan.planned().stream().map(Planned::existing).filter(java.util.Objects::nonNull).toList());
		for (Planned p : plan.planned()) {
			work.giveWay();
			if (p.existing() == null) {
				this.cis.createRecord(user, def.id(), p.input(), Action.IMPORTED);
			}
			else {
				this.cis.updateRecord(user, p.existing(), p.input(), Action.IMPORTED);
			}
		}
		this.audit.record("CI_IMPORTED", "CI_CLASS", def.id(),
				AuditMessage.of("cmdb.audit.imported", def.code(), plan.created(), plan.updated()), true);
	}

	/** References by code or username as the importer may make them (within the scope), looked up once per value. */
	private final class References {

		private final CurrentUser user;

		private final Map<String, Optional<Long>> userIds = new HashMap<>();

		private final Map<String, Optional<Long>> ciIds = new HashMap<>();

		private final Map<String, Optional<Long>> organisationIds = new HashMap<>();

		private Map<String, List<Long>> organisationsByName;

		References(CurrentUser user) {
			this.user = user;
		}

		Optional<Long> user(String username) {
			return this.userIds.computeIfAbsent(username.toLowerCase(Locale.ROOT), u -> CiImport.this.users.findByUsername(u)
				.filter(s -> this.user.scope().includes(s.organisationId()))
				.map(s -> s.id()));
		}

		boolean userVisible(long id) {
			return CiImport.this.checks.userInScope(this.user.scope(), id);
		}

		Optional<Long> ci(String code) {
			return this.ciIds.computeIfAbsent(code.toLowerCase(Locale.ROOT), c -> CiImport.this.store.findByCode(c)
				.filter(r -> this.user.scope().includes(r.organisationId()))
				.map(CiRecord::id));
		}

		/** An organisation of the scope by its code, or by its name where that is unambiguous (as exports write it). */
		Optional<Long> organisation(String codeOrName) {
			return this.organisationIds.computeIfAbsent(codeOrName, text -> {
				Optional<Long> byCode = CiImport.this.organisations.findByCode(text)
					.map(OrganisationView::id)
					.filter(id -> this.user.scope().includes(id));
				if (byCode.isPresent()) {
					return byCode;
				}
				List<Long> named = byName().getOrDefault(text, List.of());
				return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
			});
		}

		private Map<String, List<Long>> byName() {
			if (this.organisationsByName == null) {
				this.organisationsByName = new HashMap<>();
				Set<Long> ids = new HashSet<>(this.user.scope().organisationIds());
				if (this.user.scope().all()) {
					CiImport.this.organisations.path(this.user.organisationId())
						.stream()
						.findFirst()
						.ifPresent(root -> ids.addAll(CiImport.this.organisations.subtree(root.id())));
				}
				for (Long id : ids) {
					CiImport.this.organisations.find(id)
						.ifPresent(o -> this.organisationsByName.computeIfAbsent(o.name(), n -> new ArrayList<>()).add(o.id()));
				}
			}
			return this.organisationsByName;
		}

	}

	/**
	 * A column of a class's file: its key, its title (rendered in the reader's language), whether it
	 * must be filled, the attribute behind it (null for the fields every CI has).
	 */
	public record Column(String key, MessageSourceResolvable title, boolean required, AttributeDef attribute) {
	}

	private record Planned(Long existing, CiInput input) {
	}

	private record Plan(List<Planned> planned, List<RowProblem> problems) {

		int created() {
			return (int) this.planned.stream().filter(p -> p.existing() == null).count();
		}

		int updated() {
			return (int) this.planned.stream().filter(p -> p.existing() != null).count();
		}

	}

	/** A fault of a row: the field it concerns, the problem, and the values allowed there (if it is a choice). */
	public record RowProblem(int row, String field, FieldProblem problem, List<MessageSourceResolvable> allowed) {
	}

	/**
	 * The outcome of an import: whether the file is valid, whether it was written, how many rows it
	 * had and how many CIs it creates and updates, or the faults of its rows.
	 */
	public record Outcome(boolean valid, boolean written, int rows, int created, int updated, List<RowProblem> problems) {
	}

}
