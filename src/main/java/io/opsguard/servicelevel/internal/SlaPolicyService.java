package io.opsguard.servicelevel.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.calendar.CalendarUsage;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicelevel.SlaPolicies.Escalation;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.SlaDefinition.Target;
import io.opsguard.servicelevel.internal.SlaPolicyType.KindedPreset;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.Actor;
import io.opsguard.shared.definition.DefinitionEdit;
import io.opsguard.shared.definition.DefinitionFilter;
import io.opsguard.shared.definition.DefinitionKernel;
import io.opsguard.shared.definition.DefinitionRow;
import io.opsguard.shared.definition.DefinitionState;
import io.opsguard.shared.definition.NewDefinition;
import io.opsguard.shared.definition.Usage;
import io.opsguard.shared.definition.VersionInfo;
import io.opsguard.shared.definition.VersionedDefinitions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA policies as data (R-SLA-04): versioned definitions (the kernel lists, copies, versions,
 * locks, scopes and audits them) and the targets a ticket gets from one. Also tells the calendar
 * module which calendars the policies use.
 */
@Service
public class SlaPolicyService implements CalendarUsage {

	/** The policy of a ticket whose system has no level and no policy of its own. */
	static final String DEFAULT_POLICY = "HN-CONTRACT";

	private final VersionedDefinitions<SlaDefinition> definitions;

	private final BusinessCalendars calendars;

	SlaPolicyService(DefinitionKernel kernel, BusinessCalendars calendars, SystemLevels levels, ConfigurationItems cmdb,
			AuditTrail audit, Organisations organisations) {
		this.definitions = kernel.of(new SlaPolicyType(calendars, levels, cmdb), audit::recordChange,
				id -> organisations.find(id).isPresent());
		this.calendars = calendars;
	}

	/** The kinds of policy, for filtering and labels: a preset's, or {@code CUSTOM}. */
	public enum Kind {

		SERVICE_GRADE, CONTRACT, GUARANTEE_LEVEL, CUSTOM

	}

	/** A policy with its current content. */
	record Current(DefinitionRow row, SlaDefinition definition) {
	}

	public VersionedDefinitions<SlaDefinition> definitions() {
		return this.definitions;
	}

	/** The kind of a policy: its preset's, {@code CUSTOM} for the organisations' own. */
	public static Kind kindOf(DefinitionRow row) {
		return row.builtIn() ? presetOf(row.code()).map(KindedPreset::kind).orElse(Kind.CUSTOM) : Kind.CUSTOM;
	}

	/** The system note describing a preset (where its targets come from); null for other policies. */
	public static String descriptionOf(DefinitionRow row) {
		return row.builtIn() ? presetOf(row.code()).map(p -> p.preset().note()).orElse(null) : null;
	}

	private static Optional<KindedPreset> presetOf(String code) {
		return SlaPolicyType.PRESETS.stream().filter(p -> p.preset().code().equalsIgnoreCase(code)).findFirst();
	}

	/** The list's filter for a kind: presets of that kind, or every policy that is not built in. */
	public static DefinitionFilter filter(String q, Kind kind) {
		if (kind == null) {
			return new DefinitionFilter(q, null, null);
		}
		if (kind == Kind.CUSTOM) {
			return new DefinitionFilter(q, false, null);
		}
		Set<String> codes = SlaPolicyType.PRESETS.stream()
			.filter(p -> p.kind() == kind)
			.map(p -> p.preset().code())
			.collect(Collectors.toSet());
		return new DefinitionFilter(q, true, codes);
	}

	// ---- reading --------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<DefinitionState<SlaDefinition>> list(CurrentUser user, DefinitionFilter filter, Integer page,
			Integer size, String sort) {
		return this.definitions.list(actor(user), filter, page, size, sort)
			.map(row -> this.definitions.at(row.code(), row.currentVersion()).orElseThrow());
	}

	@Transactional(readOnly = true)
	public List<DefinitionState<SlaDefinition>> options(CurrentUser user) {
		return this.definitions.visible(actor(user))
			.stream()
			.map(row -> this.definitions.at(row.code(), row.currentVersion()).orElseThrow())
			.toList();
	}

	/** A policy at a version (the current one when {@code version} is null). */
	@Transactional(readOnly = true)
	public DefinitionState<SlaDefinition> get(CurrentUser user, String code, Integer version) {
		return this.definitions.at(actor(user), code, version);
	}

	@Transactional(readOnly = true)
	public PageResult<VersionInfo> versions(CurrentUser user, String code, Integer page, Integer size) {
		return this.definitions.versions(actor(user), code, page, size);
	}

	/** A policy the user sees; unknown and invisible ones are refused alike. */
	DefinitionRow visible(CurrentUser user, String code) {
		return this.definitions.visible(actor(user), code);
	}

	/** The current content of a policy (no scope: for gaps and tickets). */
	Optional<Current> current(String code) {
		return this.definitions.current(code).map(s -> new Current(s.row(), s.content()));
	}

	/** The targets of a ticket on a policy, with the calendar version now in force. */
	SlaTargets targets(String code, TicketType type, int faultLevel) {
		if (faultLevel < 1 || faultLevel > 4) {
			throw new IllegalArgumentException("Fault levels are 1 to 4, not " + faultLevel);
		}
		Current policy = current(code).or(() -> current(DEFAULT_POLICY)).orElseThrow();
		Target target = policy.definition().target(type, faultLevel);
		BusinessCalendar calendar = this.calendars.current(policy.definition().calendar())
			.orElseThrow(() -> new IllegalStateException("Calendar " + policy.definition().calendar() + " is gone"));
		return new SlaTargets(policy.row().code(), policy.row().currentVersion(), calendar.code(), calendar.version(),
				parse(target.response()), parse(target.onSite()), parse(target.resolution()), parse(target.updateInterval()),
				policy.definition().warnAt(),
				policy.definition().escalations().stream().map(s -> new Escalation(s.atPercent(), s.recipient())).toList());
	}

	private static WorkingDuration parse(String value) {
		return value == null || value.isBlank() ? null : WorkingDuration.parse(value);
	}

	/** The policies whose current version runs on the calendar. */
	@Override
	public List<Usage> usesOf(String calendarCode) {
		return this.definitions.all()
			.stream()
			.filter(row -> current(row.code()).map(c -> c.definition().calendar().equalsIgnoreCase(calendarCode)).orElse(false))
			.map(row -> new Usage("slaPolicy", row.code(), row.nameZh(), row.nameEn()))
			.toList();
	}

	// ---- writing --------------------------------------------------------------------------

	/** A new policy: a copy of {@code basedOn}, a given content, or the default policy's targets. */
	@Transactional
	public DefinitionState<SlaDefinition> create(CurrentUser user, NewDefinition<SlaDefinition> input) {
		return this.definitions.create(actor(user), input);
	}

	/** Renames and, when the content differs, writes the next version (running tickets keep theirs). */
	@Transactional
	public DefinitionState<SlaDefinition> update(CurrentUser user, String code, DefinitionEdit<SlaDefinition> edit) {
		return this.definitions.update(actor(user), code, edit);
	}

	@Transactional
	public void delete(CurrentUser user, String code) {
		this.definitions.delete(actor(user), code);
	}

	/** Creates the preset policies at first start and brings them up to date at every start. */
	@Transactional
	public void synchronisePresets() {
		this.definitions.synchronisePresets();
	}

	private static Actor actor(CurrentUser user) {
		return new Actor(user.id(), user.scope().all(), user.scope().organisationIds());
	}

}
