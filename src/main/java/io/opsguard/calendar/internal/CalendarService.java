package io.opsguard.calendar.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.CalendarChanged;
import io.opsguard.calendar.CalendarUsage;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.Actor;
import io.opsguard.shared.definition.DefinitionEdit;
import io.opsguard.shared.definition.DefinitionFilter;
import io.opsguard.shared.definition.DefinitionKernel;
import io.opsguard.shared.definition.DefinitionRow;
import io.opsguard.shared.definition.DefinitionState;
import io.opsguard.shared.definition.DefinitionVersion;
import io.opsguard.shared.definition.NewDefinition;
import io.opsguard.shared.definition.VersionInfo;
import io.opsguard.shared.definition.VersionedDefinitions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working-time calendars: versioned definitions (the kernel lists, copies, versions, locks, scopes
 * and audits them) compiled into {@link BusinessCalendar}s for arithmetic, and the year as a
 * calendar sees it. A calendar that follows the official holiday schedule gets a new version when
 * the schedule changes.
 */
@Service
public class CalendarService {

	/** Years the arithmetic, the year view and the holiday schedule support. */
	public static final int FIRST_YEAR = BusinessCalendar.FIRST_YEAR;

	public static final int LAST_YEAR = BusinessCalendar.LAST_YEAR;

	private static final TypeReference<List<SpecialDay>> DAYS = new TypeReference<>() {
	};

	private final VersionedDefinitions<CalendarDefinition> definitions;

	private final HolidayStore holidays;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	/** Compiled versions, valid while the kernel hands out the same version object. */
	private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

	private record Compiled(DefinitionVersion<CalendarDefinition> version, BusinessCalendar calendar) {
	}

	CalendarService(DefinitionKernel kernel, HolidayStore holidays, ObjectProvider<CalendarUsage> usages, AuditTrail audit,
			Organisations organisations, ApplicationEventPublisher events, ObjectMapper json) {
		this.definitions = kernel.of(new CalendarType(holidays, usages), audit::recordChange,
				id -> organisations.find(id).isPresent());
		this.holidays = holidays;
		this.events = events;
		this.json = json;
	}

	public VersionedDefinitions<CalendarDefinition> definitions() {
		return this.definitions;
	}

	// ---- reading --------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<DefinitionState<CalendarDefinition>> list(CurrentUser user, DefinitionFilter filter, Integer page,
			Integer size, String sort) {
		return this.definitions.list(actor(user), filter, page, size, sort).map(this::current);
	}

	@Transactional(readOnly = true)
	public List<DefinitionState<CalendarDefinition>> options(CurrentUser user) {
		return this.definitions.visible(actor(user)).stream().map(this::current).toList();
	}

	/** The calendar at a version (the current one when {@code version} is null). */
	@Transactional(readOnly = true)
	public DefinitionState<CalendarDefinition> get(CurrentUser user, String code, Integer version) {
		return this.definitions.at(actor(user), code, version);
	}

	@Transactional(readOnly = true)
	public PageResult<VersionInfo> versions(CurrentUser user, String code, Integer page, Integer size) {
		return this.definitions.versions(actor(user), code, page, size);
	}

	/** The compiled current version, or a given one; unknown codes and versions are refused. */
	@Transactional(readOnly = true)
	public BusinessCalendar calendar(CurrentUser user, String code, Integer version) {
		return compile(get(user, code, version));
	}

	/** For other modules: no scope applies (a ticket's SLA uses its policy's calendar). */
	@Transactional(readOnly = true)
	public Optional<BusinessCalendar> find(String code, Integer version) {
		return (version == null ? this.definitions.current(code) : this.definitions.at(code, version)).map(this::compile);
	}

	/** The days of a year as a version of the calendar (the current one by default) sees them. */
	@Transactional(readOnly = true)
	public YearView year(CurrentUser user, String code, int year, Integer version) {
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			throw OpsGuardException.onField("year", CalendarError.BAD_YEAR, year, FIRST_YEAR, LAST_YEAR);
		}
		DefinitionState<CalendarDefinition> state = get(user, code, version);
		BusinessCalendar calendar = compile(state);
		Map<LocalDate, SpecialDay> special = new LinkedHashMap<>();
		specialDays(state.version()).forEach(d -> special.put(d.date(), d));
		List<DayView> days = new ArrayList<>();
		for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
			SpecialDay s = special.get(day);
			long minutes = calendar.periodsOn(day).stream().mapToLong(Period::minutes).sum();
			DayType type = s != null ? (s.kind() == SpecialDay.Kind.HOLIDAY ? DayType.HOLIDAY : DayType.MAKE_UP_WORKDAY)
					: minutes > 0 ? DayType.WORKDAY : DayType.REST_DAY;
			days.add(new DayView(day, type, s == null ? null : s.name(), minutes));
		}
		boolean scheduleKnown = this.holidays.years().stream().anyMatch(y -> y.year() == year);
		return new YearView(state.code(), state.version().number(), year, scheduleKnown, days);
	}

	public BusinessCalendar compile(DefinitionState<CalendarDefinition> state) {
		String key = state.row().id() + ":" + state.version().number();
		Compiled known = this.compiled.get(key);
		if (known != null && known.version() == state.version()) {
			return known.calendar();
		}
		BusinessCalendar calendar = state.content()
			.check()
			.compile(state.code(), state.version().number(), specialDays(state.version()));
		this.compiled.put(key, new Compiled(state.version(), calendar));
		return calendar;
	}

	private List<SpecialDay> specialDays(DefinitionVersion<CalendarDefinition> version) {
		return version.derived() == null ? List.of() : this.json.convertValue(version.derived(), DAYS);
	}

	private DefinitionState<CalendarDefinition> current(DefinitionRow row) {
		return this.definitions.at(row.code(), row.currentVersion()).orElseThrow();
	}

	// ---- writing --------------------------------------------------------------------------

	/** A new calendar: a copy of {@code basedOn}, a given definition, or office hours. */
	@Transactional
	public DefinitionState<CalendarDefinition> create(CurrentUser user, NewDefinition<CalendarDefinition> input) {
		DefinitionState<CalendarDefinition> created = this.definitions.create(actor(user), input);
		this.events.publishEvent(new CalendarChanged(created.code(), 1));
		return created;
	}

	/** Renames and, when the definition differs, writes the next version (running timers keep theirs). */
	@Transactional
	public DefinitionState<CalendarDefinition> update(CurrentUser user, String code, DefinitionEdit<CalendarDefinition> edit) {
		int before = this.definitions.visible(actor(user), code).currentVersion();
		DefinitionState<CalendarDefinition> updated = this.definitions.update(actor(user), code, edit);
		if (updated.version().number() != before) {
			this.events.publishEvent(new CalendarChanged(updated.code(), updated.version().number()));
		}
		return updated;
	}

	@Transactional
	public void delete(CurrentUser user, String code) {
		DefinitionRow deleted = this.definitions.delete(actor(user), code);
		this.compiled.keySet().removeIf(k -> k.startsWith(deleted.id() + ":"));
	}

	/**
	 * The official schedule changed: every calendar that follows it gets a new version with the new
	 * dates (when its dates really change). Answers the codes of the calendars that changed.
	 */
	@Transactional
	public List<String> officialScheduleChanged(String note, Long userId) {
		List<String> changed = this.definitions.rederive(CalendarDefinition::followsOfficialHolidays, note, userId);
		changed.forEach(code -> this.events.publishEvent(
				new CalendarChanged(code, this.definitions.find(code).orElseThrow().currentVersion())));
		return changed;
	}

	/** Creates the preset calendars at first start and brings them up to date at every start. */
	@Transactional
	public void synchronisePresets() {
		this.definitions.synchronisePresets();
	}

	private static Actor actor(CurrentUser user) {
		return new Actor(user.id(), user.scope().all(), user.scope().organisationIds());
	}

	// ---- views ----------------------------------------------------------------------------

	public enum DayType {

		WORKDAY, REST_DAY, HOLIDAY, MAKE_UP_WORKDAY

	}

	public record DayView(LocalDate date, DayType type, String name, long workingMinutes) {
	}

	public record YearView(String code, int version, int year, boolean officialScheduleKnown, List<DayView> days) {
	}

}
