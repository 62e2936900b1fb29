package io.opsguard.calendar.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.CalendarChanged;
import io.opsguard.calendar.CalendarUsage;
import io.opsguard.calendar.internal.CalendarDefinition.Checked;
import io.opsguard.calendar.internal.CalendarDefinition.PeriodText;
import io.opsguard.calendar.internal.CalendarStore.CalendarRow;
import io.opsguard.calendar.internal.CalendarStore.VersionRow;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.SystemNotes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working-time calendars: listed within the caller's scope (presets for everyone), copied from a
 * preset or another calendar, edited into a new version, deleted when nothing uses them, and
 * compiled into {@link BusinessCalendar}s for arithmetic. Versions never change once written.
 */
@Service
public class CalendarService {

	static final String ROUND_THE_CLOCK = "7x24";

	static final String OFFICE_HOURS = "5x8";

	private static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,49}";

	/** Codes that are the names of pages under {@code /calendars/} in the web UI. */
	private static final java.util.Set<String> RESERVED_CODES = java.util.Set.of("holidays", "new");

	private final CalendarStore store;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<CalendarUsage> usages;

	private final Clock clock;

	private final MessageSource messages;

	private final Users users;

	/** Compiled versions by calendar id and version: a version never changes. */
	private final Map<String, BusinessCalendar> compiled = new ConcurrentHashMap<>();

	CalendarService(CalendarStore store, Organisations organisations, AuditTrail audit, ApplicationEventPublisher events,
			ObjectProvider<CalendarUsage> usages, Clock clock, MessageSource messages, Users users) {
		this.messages = messages;
		this.users = users;
		this.store = store;
		this.organisations = organisations;
		this.audit = audit;
		this.events = events;
		this.usages = usages;
		this.clock = clock;
	}

	// ---- reading --------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public List<CalendarSummary> list(CurrentUser user, Locale locale) {
		return this.store.calendars().stream().filter(c -> visible(user, c)).map(c -> summary(c, locale)).toList();
	}

	@Transactional(readOnly = true)
	public CalendarDetail get(CurrentUser user, String code, Locale locale) {
		CalendarRow row = visible(user, code);
		VersionRow version = this.store.version(row.id(), row.currentVersion()).orElseThrow();
		return detail(row, version, locale);
	}

	@Transactional(readOnly = true)
	public List<VersionSummary> versions(CurrentUser user, String code, Locale locale) {
		CalendarRow row = visible(user, code);
		List<VersionRow> versions = this.store.versions(row.id());
		Map<Long, String> names = this.users.displayNames(
				versions.stream().map(VersionRow::createdBy).filter(java.util.Objects::nonNull).toList());
		return versions.stream()
			.map(v -> new VersionSummary(v.version(), v.createdAt(), v.createdBy(),
					v.createdBy() == null ? null : names.get(v.createdBy()), SystemNotes.render(v.note(), this.messages, locale),
					v.version() == row.currentVersion()))
			.toList();
	}

	/** The days of a year as the calendar (a given version, or the current one) sees them. */
	@Transactional(readOnly = true)
	public YearView year(CurrentUser user, String code, int year, Integer version, Locale locale) {
		if (year < 1970 || year > 2200) {
			throw OpsGuardException.onField("year", CalendarError.BAD_YEAR, year);
		}
		CalendarRow row = visible(user, code);
		int number = version == null ? row.currentVersion() : version;
		VersionRow stored = this.store.version(row.id(), number)
			.orElseThrow(() -> OpsGuardException.onField("version", CalendarError.UNKNOWN_VERSION, code, number));
		BusinessCalendar calendar = compile(row, stored);
		Map<LocalDate, SpecialDay> special = new LinkedHashMap<>();
		stored.specialDays().forEach(d -> special.put(d.date(), d));
		List<DayView> days = new ArrayList<>();
		for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
			SpecialDay s = special.get(day);
			long minutes = calendar.periodsOn(day).stream().mapToLong(Period::minutes).sum();
			DayType type = s != null ? (s.kind() == SpecialDay.Kind.HOLIDAY ? DayType.HOLIDAY : DayType.MAKE_UP_WORKDAY)
					: minutes > 0 ? DayType.WORKDAY : DayType.REST_DAY;
			days.add(new DayView(day, type, s == null ? null : s.name(), minutes));
		}
		boolean scheduleKnown = this.store.years().stream().anyMatch(y -> y.year() == year);
		return new YearView(row.code(), number, year, scheduleKnown, days);
	}

	/** The compiled current version, or a given one; unknown codes and versions are refused. */
	@Transactional(readOnly = true)
	public BusinessCalendar calendar(CurrentUser user, String code, Integer version) {
		CalendarRow row = visible(user, code);
		int number = version == null ? row.currentVersion() : version;
		return compile(row, this.store.version(row.id(), number)
			.orElseThrow(() -> OpsGuardException.onField("version", CalendarError.UNKNOWN_VERSION, code, number)));
	}

	/** For other modules: no scope applies (a ticket's SLA uses its policy's calendar). */
	@Transactional(readOnly = true)
	public Optional<BusinessCalendar> find(String code, Integer version) {
		return this.store.calendar(code).flatMap(row -> {
			int number = version == null ? row.currentVersion() : version;
			BusinessCalendar known = this.compiled.get(row.id() + ":" + number);
			return known != null ? Optional.of(known) : this.store.version(row.id(), number).map(v -> compile(row, v));
		});
	}

	@Transactional(readOnly = true)
	public List<CalendarRow> rows() {
		return this.store.calendars();
	}

	BusinessCalendar compile(CalendarRow row, VersionRow version) {
		return this.compiled.computeIfAbsent(row.id() + ":" + version.version(),
				k -> version.definition().check().compile(row.code(), version.version(), version.specialDays()));
	}

	// ---- writing --------------------------------------------------------------------------

	/** A new calendar, a copy of {@code basedOn} (its current definition) unless a definition is given. */
	@Transactional
	public CalendarDetail create(CurrentUser user, NewCalendar input, Locale locale) {
		String code = input.code() == null ? "" : input.code().strip();
		if (!code.matches(CODE_PATTERN) || RESERVED_CODES.contains(code.toLowerCase(Locale.ROOT))) {
			throw OpsGuardException.onField("code", CalendarError.BAD_CODE, code);
		}
		if (this.store.calendar(code).isPresent()) {
			throw OpsGuardException.onField("code", CalendarError.CODE_TAKEN, code);
		}
		names(input.nameZh(), input.nameEn());
		Long organisationId = input.organisationId();
		if (organisationId == null ? !user.scope().all() : !user.scope().includes(organisationId)) {
			throw OpsGuardException.onField("organisationId", CalendarError.OUT_OF_SCOPE);
		}
		if (organisationId != null && this.organisations.find(organisationId).isEmpty()) {
			throw OpsGuardException.onField("organisationId", CalendarError.OUT_OF_SCOPE);
		}
		CalendarDefinition definition = input.definition();
		String basedOn = null;
		if (input.basedOn() != null && !input.basedOn().isBlank()) {
			CalendarRow source = visible(user, input.basedOn());
			basedOn = source.code();
			if (definition == null) {
				definition = this.store.version(source.id(), source.currentVersion()).orElseThrow().definition();
			}
		}
		if (definition == null) {
			definition = CalendarDefinition.officeHours();
		}
		Checked checked = definition.check();
		var at = this.clock.instant();
		long id;
		try {
			id = this.store.insertCalendar(code, input.nameZh().strip(), input.nameEn().strip(), organisationId, false,
					basedOn, at);
		}
		catch (DuplicateKeyException ex) {
			throw OpsGuardException.onField("code", CalendarError.CODE_TAKEN, code);
		}
		List<SpecialDay> days = checked.resolve(definition.followsOfficialHolidays(), this.store.officialDays());
		this.store.addVersion(id, 0, definition, days, note(input.note(), basedOn == null ? SystemNotes.of("created") : SystemNotes.of("copied", basedOn)),
				user.id(), at);
		this.audit.recordChange("CALENDAR_CREATED", "CALENDAR", code, null, auditView(code, input.nameZh(), definition));
		this.events.publishEvent(new CalendarChanged(code, 1));
		return get(user, code, locale);
	}

	/** Renames and, when the definition differs, writes the next version. */
	@Transactional
	public CalendarDetail update(CurrentUser user, String code, CalendarUpdate input, Locale locale) {
		CalendarRow row = manageable(user, code);
		names(input.nameZh(), input.nameEn());
		if (input.version() != null && input.version() != row.currentVersion()) {
			throw new OpsGuardException(CalendarError.STALE_VERSION, row.currentVersion());
		}
		VersionRow current = this.store.version(row.id(), row.currentVersion()).orElseThrow();
		var at = this.clock.instant();
		if (!input.nameZh().strip().equals(row.nameZh()) || !input.nameEn().strip().equals(row.nameEn())) {
			this.store.rename(row.id(), input.nameZh().strip(), input.nameEn().strip(), at);
		}
		int version = row.currentVersion();
		if (input.definition() != null && !input.definition().equals(current.definition())) {
			Checked checked = input.definition().check();
			List<SpecialDay> days = checked.resolve(input.definition().followsOfficialHolidays(),
					this.store.officialDays());
			if (!this.store.addVersion(row.id(), version, input.definition(), days, note(input.note(), SystemNotes.of("edited")), user.id(),
					at)) {
				throw new OpsGuardException(CalendarError.STALE_VERSION, version);
			}
			version++;
			this.events.publishEvent(new CalendarChanged(row.code(), version));
		}
		this.audit.recordChange("CALENDAR_UPDATED", "CALENDAR", row.code(),
				auditView(row.code(), row.nameZh(), current.definition()),
				auditView(row.code(), input.nameZh().strip(), input.definition() == null ? current.definition() : input.definition()));
		return get(user, row.code(), locale);
	}

	@Transactional
	public void delete(CurrentUser user, String code, Locale locale) {
		CalendarRow row = manageable(user, code);
		List<String> uses = new ArrayList<>();
		this.usages.orderedStream().forEach(u -> uses.addAll(u.usesOf(row.code(), locale)));
		if (!uses.isEmpty()) {
			throw new OpsGuardException(CalendarError.IN_USE, row.code(), String.join("、", uses));
		}
		this.store.delete(row.id());
		this.compiled.keySet().removeIf(k -> k.startsWith(row.id() + ":"));
		this.audit.recordChange("CALENDAR_DELETED", "CALENDAR", row.code(), Map.of("code", row.code(), "name", row.nameZh()),
				null);
	}

	/**
	 * The official schedule changed: every calendar that follows it gets a new version with the new
	 * dates (when its dates really change). Answers the codes of the calendars that changed.
	 */
	@Transactional
	public List<String> officialScheduleChanged(String reason, Long userId) {
		List<SpecialDay> official = this.store.officialDays();
		List<String> changed = new ArrayList<>();
		var at = this.clock.instant();
		for (CalendarRow row : this.store.followingOfficial()) {
			VersionRow current = this.store.version(row.id(), row.currentVersion()).orElseThrow();
			List<SpecialDay> days = current.definition().check().resolve(true, official);
			if (!CalendarStore.sameDates(days, current.specialDays())) {
				this.store.addVersion(row.id(), row.currentVersion(), current.definition(), days, reason, userId, at);
				changed.add(row.code());
				this.events.publishEvent(new CalendarChanged(row.code(), row.currentVersion() + 1));
			}
		}
		return changed;
	}

	/** Creates a built-in calendar at first start (no user). */
	@Transactional
	void ensurePreset(String code, String nameZh, String nameEn, CalendarDefinition definition) {
		if (this.store.calendar(code).isPresent()) {
			return;
		}
		var at = this.clock.instant();
		long id = this.store.insertCalendar(code, nameZh, nameEn, null, true, null, at);
		List<SpecialDay> days = definition.check().resolve(definition.followsOfficialHolidays(), this.store.officialDays());
		this.store.addVersion(id, 0, definition, days, SystemNotes.of("builtIn"), null, at);
	}

	// ---- helpers --------------------------------------------------------------------------

	private static String note(String given, String fallback) {
		String typed = SystemNotes.typed(given);
		return typed == null ? fallback : typed;
	}

	private static void names(String nameZh, String nameEn) {
		if (nameZh == null || nameZh.isBlank() || nameZh.strip().length() > 100) {
			throw OpsGuardException.onField("nameZh", CalendarError.NAME_REQUIRED);
		}
		if (nameEn == null || nameEn.isBlank() || nameEn.strip().length() > 100) {
			throw OpsGuardException.onField("nameEn", CalendarError.NAME_REQUIRED);
		}
	}

	private static Map<String, Object> auditView(String code, String name, CalendarDefinition d) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("code", code);
		view.put("name", name);
		view.put("zone", d.zone());
		StringBuilder week = new StringBuilder();
		for (DayOfWeek day : DayOfWeek.values()) {
			List<PeriodText> periods = d.week().getOrDefault(day, List.of());
			week.append(day.name(), 0, 3).append(' ');
			week.append(periods.isEmpty() ? "-" : String.join(",", periods.stream().map(p -> p.start() + "-" + p.end()).toList()));
			week.append("; ");
		}
		view.put("week", week.toString().strip());
		view.put("followsOfficialHolidays", d.followsOfficialHolidays());
		view.put("holidays", d.holidays().size());
		view.put("workdays", d.workdays().size());
		return view;
	}

	private boolean visible(CurrentUser user, CalendarRow row) {
		return row.organisationId() == null || user.scope().includes(row.organisationId());
	}

	CalendarRow visible(CurrentUser user, String code) {
		return this.store.calendar(code == null ? "" : code)
			.filter(row -> visible(user, row))
			.orElseThrow(() -> new OpsGuardException(CalendarError.UNKNOWN_CALENDAR, code));
	}

	private CalendarRow manageable(CurrentUser user, String code) {
		CalendarRow row = visible(user, code);
		if (row.builtIn()) {
			throw new OpsGuardException(CalendarError.BUILT_IN, row.code());
		}
		if (row.organisationId() == null && !user.scope().all()) {
			throw new OpsGuardException(CalendarError.UNKNOWN_CALENDAR, code);
		}
		return row;
	}

	private CalendarSummary summary(CalendarRow row, Locale locale) {
		VersionRow version = this.store.version(row.id(), row.currentVersion()).orElseThrow();
		BusinessCalendar calendar = compile(row, version);
		return new CalendarSummary(row.code(), row.nameZh(), row.nameEn(),
				locale.getLanguage().equals("en") ? row.nameEn() : row.nameZh(), row.organisationId(),
				row.organisationId() == null ? null : this.organisations.find(row.organisationId()).map(o -> o.name()).orElse(null),
				row.builtIn(), row.basedOn(), row.currentVersion(), version.definition().zone(),
				version.definition().followsOfficialHolidays(), calendar.roundTheClock(), calendar.workingDay().toMinutes(),
				weekMinutes(calendar), row.updatedAt());
	}

	private static long weekMinutes(BusinessCalendar calendar) {
		long minutes = 0;
		LocalDate monday = LocalDate.of(2024, 1, 1);
		for (int i = 0; i < 7; i++) {
			// an ordinary week: the weekday periods only
			minutes += calendar.periodsOn(monday.plusDays(i)).stream().mapToLong(Period::minutes).sum();
		}
		return minutes;
	}

	private CalendarDetail detail(CalendarRow row, VersionRow version, Locale locale) {
		Map<DayOfWeek, List<PeriodText>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, version.definition().week().getOrDefault(day, List.of()));
		}
		CalendarDefinition definition = new CalendarDefinition(version.definition().zone(), week,
				version.definition().makeUpDay(), version.definition().followsOfficialHolidays(),
				version.definition().holidays(), version.definition().workdays());
		return new CalendarDetail(summary(row, locale), definition, SystemNotes.render(version.note(), this.messages, locale),
				version.createdAt(), version.createdBy(),
				version.createdBy() == null ? null : this.users.displayNames(List.of(version.createdBy())).get(version.createdBy()));
	}

	// ---- views ----------------------------------------------------------------------------

	/** A calendar in the list. */
	public record CalendarSummary(String code, String nameZh, String nameEn, String name, Long organisationId,
			String organisationName, boolean builtIn, String basedOn, int version, String zone,
			boolean followsOfficialHolidays, boolean roundTheClock, long workingDayMinutes, long weekMinutes,
			java.time.Instant updatedAt) {
	}

	/** A calendar with its current definition. */
	public record CalendarDetail(CalendarSummary calendar, CalendarDefinition definition, String versionNote,
			java.time.Instant versionCreatedAt, Long versionCreatedBy, String versionCreatedByName) {
	}

	public record VersionSummary(int version, java.time.Instant createdAt, Long createdBy, String createdByName, String note,
			boolean current) {
	}

	public enum DayType {

		WORKDAY, REST_DAY, HOLIDAY, MAKE_UP_WORKDAY

	}

	public record DayView(LocalDate date, DayType type, String name, long workingMinutes) {
	}

	public record YearView(String code, int version, int year, boolean officialScheduleKnown, List<DayView> days) {
	}

	public record NewCalendar(String code, String nameZh, String nameEn, Long organisationId, String basedOn,
			CalendarDefinition definition, String note) {
	}

	public record CalendarUpdate(String nameZh, String nameEn, CalendarDefinition definition, Integer version,
			String note) {
	}

}
