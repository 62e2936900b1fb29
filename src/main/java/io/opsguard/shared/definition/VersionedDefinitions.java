package io.opsguard.shared.definition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SystemNotes;
import io.opsguard.shared.Texts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules every versioned definition shares (ADR 0009): listing within the actor's scope
 * (platform-wide ones for everyone), reading a version, creating blank or as a copy, updating with
 * the optimistic lock (the content makes a new immutable version only when it changes), deleting
 * unless in use, synchronising presets, and auditing each change. The calling module's service
 * holds the transaction; this class holds no module's rules.
 */
public final class VersionedDefinitions<D> {

	static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,49}";

	static final Set<String> ALWAYS_RESERVED = Set.of("new", "options");

	/** Sortable list columns: request name → SQL column. */
	public static final Map<String, String> SORTABLE = Map.of("code", "code", "nameZh", "name_zh", "nameEn", "name_en",
			"builtIn", "built_in", "currentVersion", "current_version", "updatedAt", "updated_at");

	static final String DEFAULT_ORDER = "built_in desc, code";

	static final int MAX_NAME = 100;

	private final DefinitionType<D> type;

	private final DefinitionStore<D> store;

	private final DefinitionAudit audit;

	private final LongPredicate organisationExists;

	private final Clock clock;

	/** Versions never change once written: read once (kept only once their transaction committed). */
	private final Map<String, DefinitionVersion<D>> cache = new ConcurrentHashMap<>();

	VersionedDefinitions(DefinitionType<D> type, DefinitionStore<D> store, DefinitionAudit audit,
			LongPredicate organisationExists, Clock clock) {
		this.type = type;
		this.store = store;
		this.audit = audit;
		this.organisationExists = organisationExists;
		this.clock = clock;
	}

	public DefinitionType<D> type() {
		return this.type;
	}

	// ---- reading --------------------------------------------------------------------------

	/** One page of the definitions the actor sees ({@code sort} keys: {@link #SORTABLE}). */
	public PageResult<DefinitionRow> list(Actor actor, DefinitionFilter filter, Integer page, Integer size, String sort) {
		return this.store.page(actor, filter, PageQuery.of(page, size, sort, SORTABLE, DEFAULT_ORDER));
	}

	/** Every definition the actor sees, presets first (for pickers). */
	public List<DefinitionRow> visible(Actor actor) {
		return this.store.all().stream().filter(r -> actor.sees(r.organisationId())).toList();
	}

	/** Every definition, regardless of scope (for other modules and start-up work). */
	public List<DefinitionRow> all() {
		return this.store.all();
	}

	/** A definition the actor sees; unknown and invisible ones are the same 404. */
	public DefinitionRow visible(Actor actor, String code) {
		return this.store.find(code == null ? "" : code.strip())
			.filter(row -> actor.sees(row.organisationId()))
			.orElseThrow(() -> new OpsGuardException(this.type.errors().unknown(), code));
	}

	/** A definition regardless of scope. */
	public Optional<DefinitionRow> find(String code) {
		return code == null ? Optional.empty() : this.store.find(code.strip());
	}

	/** The current version of a definition the actor sees. */
	public DefinitionState<D> current(Actor actor, String code) {
		DefinitionRow row = visible(actor, code);
		return new DefinitionState<>(row, version(row, row.currentVersion()));
	}

	/** The current version regardless of scope. */
	public Optional<DefinitionState<D>> current(String code) {
		return find(code).map(row -> new DefinitionState<>(row, version(row, row.currentVersion())));
	}

	/** A version of a definition the actor sees: the current one when {@code number} is null. */
	public DefinitionState<D> at(Actor actor, String code, Integer number) {
		DefinitionRow row = visible(actor, code);
		return new DefinitionState<>(row, versionOrRefuse(row, number == null ? row.currentVersion() : number));
	}

	/** A version regardless of scope; empty when the definition or the version does not exist. */
	public Optional<DefinitionState<D>> at(String code, int number) {
		return find(code).flatMap(row -> number < 1 || number > row.currentVersion() ? Optional.empty()
				: Optional.of(new DefinitionState<>(row, version(row, number))));
	}

	/** The versions of a definition the actor sees, newest first. */
	public PageResult<VersionInfo> versions(Actor actor, String code, Integer page, Integer size) {
		DefinitionRow row = visible(actor, code);
		PageQuery query = PageQuery.of(page, size, null, Map.of(), DEFAULT_ORDER);
		return this.store.versions(row.id(), row.currentVersion(), query.page(), query.size());
	}

	private DefinitionVersion<D> versionOrRefuse(DefinitionRow row, int number) {
		if (number < 1 || number > row.currentVersion()) {
			throw OpsGuardException.onField("version", this.type.errors().unknownVersion(), row.code(), number);
		}
		return version(row, number);
	}

	private DefinitionVersion<D> version(DefinitionRow row, int number) {
		String key = row.id() + ":" + number;
		DefinitionVersion<D> known = this.cache.get(key);
		if (known != null) {
			return known;
		}
		DefinitionVersion<D> read = this.store.version(row.id(), number)
			.orElseThrow(() -> new IllegalStateException(this.type.table() + " " + row.code() + " has no version " + number));
		remember(key, read);
		return read;
	}

	private void remember(String key, DefinitionVersion<D> version) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					VersionedDefinitions.this.cache.put(key, version);
				}
			});
		}
		else {
			this.cache.put(key, version);
		}
	}

	// ---- writing --------------------------------------------------------------------------

	/** A new definition: blank, given, or a copy of {@code basedOn}; its first version is 1. */
	public DefinitionState<D> create(Actor actor, NewDefinition<D> input) {
		String code = input.code() == null ? "" : input.code().strip();
		List<FieldProblem> problems = new ArrayList<>();
		if (!code.matches(CODE_PATTERN) || ALWAYS_RESERVED.contains(code.toLowerCase(Locale.ROOT))
				|| this.type.reservedCodes().contains(code.toLowerCase(Locale.ROOT))) {
			problems.add(new FieldProblem("code", this.type.errors().badCode(), new Object[] { code }));
		}
		else if (this.store.find(code).isPresent()) {
			throw OpsGuardException.onField("code", this.type.errors().codeTaken(), code);
		}
		names(input.nameZh(), input.nameEn(), problems);
		Long organisationId = input.organisationId();
		if (organisationId == null ? !actor.allOrganisations()
				: !actor.includes(organisationId) || !this.organisationExists.test(organisationId)) {
			problems.add(new FieldProblem("organisationId", this.type.errors().outOfScope(), new Object[0]));
		}
		refuse(problems);
		D content = input.content();
		DefinitionRow source = null;
		if (input.basedOn() != null && !input.basedOn().isBlank()) {
			source = this.store.find(input.basedOn().strip())
				.filter(row -> actor.sees(row.organisationId()))
				.orElseThrow(() -> OpsGuardException.onField("basedOn", this.type.errors().unknown(), input.basedOn()));
			if (content == null) {
				content = version(source, source.currentVersion()).content();
			}
		}
		D checked = this.type.validate(content == null ? this.type.blank() : content);
		Instant at = this.clock.instant();
		long id;
		try {
			id = this.store.insert(code, input.nameZh().strip(), input.nameEn().strip(), organisationId, false,
					source == null ? null : source.code(), at);
		}
		catch (DuplicateKeyException ex) {
			throw OpsGuardException.onField("code", this.type.errors().codeTaken(), code);
		}
		String note = SystemNotes.typed(input.note());
		if (note == null) {
			note = source == null ? SystemNotes.of("created")
					: SystemNotes.of("copiedFrom", source.code(), source.nameZh(), source.nameEn());
		}
		writeFirstVersion(id, checked, note, actor.userId(), at);
		DefinitionRow row = this.store.find(code).orElseThrow();
		this.audit.recordChange(action("CREATED"), this.type.auditTarget(), code, null,
				auditView(row.nameZh(), checked));
		return new DefinitionState<>(row, version(row, 1));
	}

	/**
	 * Renames and, when the content differs from the current version, writes the next version.
	 * Needs the {@code version} (lock) that was read: missing is a 400, another one a 409.
	 */
	public DefinitionState<D> update(Actor actor, String code, DefinitionEdit<D> edit) {
		DefinitionRow row = manageable(actor, code);
		List<FieldProblem> problems = new ArrayList<>();
		names(edit.nameZh(), edit.nameEn(), problems);
		if (edit.version() == null) {
			problems.add(new FieldProblem("version", DefinitionError.VERSION_REQUIRED, new Object[0]));
		}
		refuse(problems);
		if (edit.version() != row.version()) {
			throw new OpsGuardException(this.type.errors().stale(), row.currentVersion());
		}
		DefinitionVersion<D> current = version(row, row.currentVersion());
		boolean changed = edit.content() != null && !same(edit.content(), current.content());
		D content = changed ? this.type.validate(edit.content()) : current.content();
		String nameZh = edit.nameZh().strip();
		String nameEn = edit.nameEn().strip();
		if (!changed && nameZh.equals(row.nameZh()) && nameEn.equals(row.nameEn())) {
			return new DefinitionState<>(row, current);
		}
		Instant at = this.clock.instant();
		int number = changed ? row.currentVersion() + 1 : row.currentVersion();
		if (!this.store.update(row.id(), row.version(), nameZh, nameEn, number, at)) {
			throw new OpsGuardException(this.type.errors().stale(), row.currentVersion());
		}
		if (changed) {
			String note = SystemNotes.typed(edit.note());
			this.store.insertVersion(row.id(), number, content, this.type.derive(content),
					note == null ? SystemNotes.of("edited") : note, actor.userId(), at);
		}
		this.audit.recordChange(action("UPDATED"), this.type.auditTarget(), row.code(),
				auditView(row.nameZh(), current.content()), auditView(nameZh, content));
		DefinitionRow after = this.store.find(row.code()).orElseThrow();
		return new DefinitionState<>(after, version(after, number));
	}

	/** Deletes a definition nothing uses (with its versions). */
	public DefinitionRow delete(Actor actor, String code) {
		DefinitionRow row = manageable(actor, code);
		List<Usage> uses = this.type.usesOf(row.code());
		if (!uses.isEmpty()) {
			throw new OpsGuardException(this.type.errors().inUse(), row.code(), Texts.list(uses));
		}
		this.store.delete(row.id());
		this.cache.keySet().removeIf(k -> k.startsWith(row.id() + ":"));
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("code", row.code());
		before.put("name", row.nameZh());
		this.audit.recordChange(action("DELETED"), this.type.auditTarget(), row.code(), before, null);
		return row;
	}

	/**
	 * Writes a new version, with the same content, of every definition whose content {@code affects}
	 * and whose derived data changed (a calendar when the official holiday schedule changes).
	 * Answers the codes of those that got one.
	 */
	public List<String> rederive(Predicate<D> affects, String note, Long userId) {
		List<String> changed = new ArrayList<>();
		Instant at = this.clock.instant();
		for (DefinitionRow row : this.store.all()) {
			DefinitionVersion<D> current = version(row, row.currentVersion());
			if (!affects.test(current.content())) {
				continue;
			}
			Object derived = this.type.derive(current.content());
			if (Objects.equals(derived == null ? null : this.store.tree(derived), current.derived())) {
				continue;
			}
			int number = row.currentVersion() + 1;
			if (this.store.update(row.id(), row.version(), row.nameZh(), row.nameEn(), number, at)) {
				this.store.insertVersion(row.id(), number, current.content(), derived, note, userId, at);
				changed.add(row.code());
			}
		}
		return changed;
	}

	/**
	 * Creates the missing presets and brings the others up to date: new names are taken over, a
	 * changed content becomes a new version (audited). A definition a person made under a preset's
	 * code before the preset existed is left alone. Answers the codes created or changed.
	 */
	public List<String> synchronisePresets() {
		List<String> touched = new ArrayList<>();
		Instant at = this.clock.instant();
		for (Preset<D> preset : this.type.presets()) {
			D content = this.type.validate(preset.content());
			Optional<DefinitionRow> existing = this.store.find(preset.code());
			if (existing.isEmpty()) {
				long id = this.store.insert(preset.code(), preset.nameZh(), preset.nameEn(), null, true, null, at);
				writeFirstVersion(id, content, preset.note(), null, at);
				touched.add(preset.code());
				continue;
			}
			DefinitionRow row = existing.get();
			if (!row.builtIn()) {
				continue;
			}
			DefinitionVersion<D> current = version(row, row.currentVersion());
			boolean changed = !same(content, current.content());
			if (!changed && preset.nameZh().equals(row.nameZh()) && preset.nameEn().equals(row.nameEn())) {
				continue;
			}
			int number = changed ? row.currentVersion() + 1 : row.currentVersion();
			if (this.store.update(row.id(), row.version(), preset.nameZh(), preset.nameEn(), number, at)) {
				if (changed) {
					this.store.insertVersion(row.id(), number, content, this.type.derive(content),
							SystemNotes.of("presetUpdated"), null, at);
				}
				this.audit.recordChange(action("UPDATED"), this.type.auditTarget(), row.code(),
						auditView(row.nameZh(), current.content()), auditView(preset.nameZh(), content));
				touched.add(row.code());
			}
		}
		return touched;
	}

	// ---- helpers --------------------------------------------------------------------------

	private void writeFirstVersion(long id, D content, String note, Long userId, Instant at) {
		this.store.insertVersion(id, 1, content, this.type.derive(content), note, userId, at);
	}

	/** A definition the actor may change: visible, not built in, platform-wide ones only with every organisation. */
	private DefinitionRow manageable(Actor actor, String code) {
		DefinitionRow row = visible(actor, code);
		if (row.builtIn()) {
			throw new OpsGuardException(this.type.errors().builtIn(), row.code());
		}
		if (row.organisationId() == null && !actor.allOrganisations()) {
			throw new OpsGuardException(this.type.errors().unknown(), code);
		}
		return row;
	}

	private void names(String nameZh, String nameEn, List<FieldProblem> problems) {
		if (nameZh == null || nameZh.isBlank() || nameZh.strip().length() > MAX_NAME) {
			problems.add(new FieldProblem("nameZh", this.type.errors().nameRequired(), new Object[0]));
		}
		if (nameEn == null || nameEn.isBlank() || nameEn.strip().length() > MAX_NAME) {
			problems.add(new FieldProblem("nameEn", this.type.errors().nameRequired(), new Object[0]));
		}
	}

	private static void refuse(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
	}

	/** Contents compared as JSON, so that map and list implementations do not matter. */
	private boolean same(D a, D b) {
		return this.store.tree(a).equals(this.store.tree(b));
	}

	private String action(String what) {
		return this.type.auditTarget() + "_" + what;
	}

	private Map<String, Object> auditView(String name, D content) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", name);
		view.putAll(this.type.auditView(content));
		return view;
	}

}
