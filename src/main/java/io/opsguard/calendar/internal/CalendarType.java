package io.opsguard.calendar.internal;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.CalendarUsage;
import io.opsguard.calendar.internal.CalendarDefinition.PeriodText;
import io.opsguard.shared.SystemNotes;
import io.opsguard.shared.definition.DefinitionErrors;
import io.opsguard.shared.definition.DefinitionType;
import io.opsguard.shared.definition.Preset;
import io.opsguard.shared.definition.Usage;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Working calendars as versioned definitions (ADR 0009): {@code cal_calendar}; a version also keeps
 * the special days its definition resolved to with the official schedule of that moment, so that a
 * timer keeping a version keeps its holidays. Presets: {@code 7x24} (every minute counts, holidays
 * ignored) and {@code 5x8} (Monday to Friday 08:30–12:00 and 13:30–18:00, official schedule).
 */
final class CalendarType implements DefinitionType<CalendarDefinition> {

	static final String ROUND_THE_CLOCK = "7x24";

	static final String OFFICE_HOURS = "5x8";

	static final DefinitionErrors ERRORS = new DefinitionErrors(CalendarError.UNKNOWN_CALENDAR, CalendarError.CODE_TAKEN,
			CalendarError.BAD_CODE, CalendarError.NAME_REQUIRED, CalendarError.OUT_OF_SCOPE, CalendarError.BUILT_IN,
			CalendarError.STALE_VERSION, CalendarError.IN_USE, CalendarError.UNKNOWN_VERSION);

	private final HolidayStore holidays;

	private final ObjectProvider<CalendarUsage> usages;

	CalendarType(HolidayStore holidays, ObjectProvider<CalendarUsage> usages) {
		this.holidays = holidays;
		this.usages = usages;
	}

	@Override
	public String table() {
		return "cal_calendar";
	}

	@Override
	public Class<CalendarDefinition> contentType() {
		return CalendarDefinition.class;
	}

	@Override
	public String auditTarget() {
		return "CALENDAR";
	}

	@Override
	public DefinitionErrors errors() {
		return ERRORS;
	}

	@Override
	public CalendarDefinition validate(CalendarDefinition content) {
		content.check();
		return content.normalised();
	}

	@Override
	public CalendarDefinition blank() {
		return CalendarDefinition.officeHours();
	}

	@Override
	public List<Preset<CalendarDefinition>> presets() {
		return List.of(
				new Preset<>(ROUND_THE_CLOCK, "7×24 小时", "7×24", CalendarDefinition.roundTheClock(), SystemNotes.of("builtIn")),
				new Preset<>(OFFICE_HOURS, "5×8 工作时间", "5×8 office hours", CalendarDefinition.officeHours(),
						SystemNotes.of("builtIn")));
	}

	@Override
	public List<Usage> usesOf(String code) {
		return this.usages.orderedStream().flatMap(u -> u.usesOf(code).stream()).toList();
	}

	/** The special days of a version: the official ones (if followed) and the calendar's own, which win. */
	@Override
	public List<SpecialDay> derive(CalendarDefinition content) {
		return content.check().resolve(content.followsOfficialHolidays(), this.holidays.officialDays());
	}

	/** The calendar editor's page and the holiday schedule's are under {@code /calendars/}. */
	@Override
	public Set<String> reservedCodes() {
		return Set.of("holidays");
	}

	@Override
	public Map<String, Object> auditView(CalendarDefinition d) {
		Map<String, Object> view = new LinkedHashMap<>();
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

}
