package io.opsguard.calendar.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.calendar.internal.SpecialDay.Kind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Reads and writes {@code cal_} tables: the official schedule, calendars and their versions. */
@Component
class CalendarStore {

	private static final TypeReference<List<SpecialDay>> DAYS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	CalendarStore(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	// ---- the official schedule --------------------------------------------------------------

	record Year(int year, String source, Instant importedAt, Long importedBy, int holidays, int workdays) {
	}

	List<Year> years() {
		return this.jdbc.sql("""
				select y.schedule_year, y.source, y.imported_at, y.imported_by,
				  (select count(*) from cal_holiday h where h.schedule_year = y.schedule_year and h.kind = 'HOLIDAY'),
				  (select count(*) from cal_holiday h where h.schedule_year = y.schedule_year and h.kind = 'WORKDAY')
				from cal_holiday_year y order by y.schedule_year""")
			.query((rs, i) -> new Year(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					(Long) rs.getObject(4, Long.class), rs.getInt(5), rs.getInt(6)))
			.list();
	}

	List<SpecialDay> officialDays() {
		return this.jdbc.sql("select holiday_date, kind, name from cal_holiday order by holiday_date")
			.query((rs, i) -> new SpecialDay(rs.getDate(1).toLocalDate(), Kind.valueOf(rs.getString(2)), rs.getString(3)))
			.list();
	}

	List<SpecialDay> officialDays(int year) {
		return this.jdbc.sql("select holiday_date, kind, name from cal_holiday where schedule_year = :year order by holiday_date")
			.param("year", year)
			.query((rs, i) -> new SpecialDay(rs.getDate(1).toLocalDate(), Kind.valueOf(rs.getString(2)), rs.getString(3)))
			.list();
	}

	/** Replaces the schedule of each year of {@code days} (a year absent before is added). */
	void replaceYears(Map<Integer, List<SpecialDay>> days, String source, Long userId, Instant at) {
		for (Map.Entry<Integer, List<SpecialDay>> year : days.entrySet()) {
			this.jdbc.sql("delete from cal_holiday where schedule_year = :year").param("year", year.getKey()).update();
			this.jdbc.sql("delete from cal_holiday_year where schedule_year = :year").param("year", year.getKey()).update();
			this.jdbc.sql("insert into cal_holiday_year (schedule_year, source, imported_at, imported_by) values (:year, :source, :at, :by)")
				.param("year", year.getKey())
				.param("source", source.length() > 200 ? source.substring(0, 200) : source)
				.param("at", Timestamp.from(at))
				.param("by", userId)
				.update();
			for (SpecialDay day : year.getValue()) {
				this.jdbc.sql("insert into cal_holiday (holiday_date, schedule_year, kind, name) values (:day, :year, :kind, :name)")
					.param("day", Date.valueOf(day.date()))
					.param("year", year.getKey())
					.param("kind", day.kind().name())
					.param("name", day.name())
					.update();
			}
		}
	}

	// ---- calendars ------------------------------------------------------------------------

	record CalendarRow(long id, String code, String nameZh, String nameEn, Long organisationId, boolean builtIn,
			String basedOn, int currentVersion, Instant createdAt, Instant updatedAt) {
	}

	record VersionRow(long calendarId, int version, CalendarDefinition definition, List<SpecialDay> specialDays,
			String note, Instant createdAt, Long createdBy) {
	}

	private static final String CALENDAR_COLUMNS = "id, code, name_zh, name_en, organisation_id, built_in, based_on, "
			+ "current_version, created_at, updated_at";

	List<CalendarRow> calendars() {
		return this.jdbc.sql("select " + CALENDAR_COLUMNS + " from cal_calendar order by built_in desc, code")
			.query((rs, i) -> calendar(rs))
			.list();
	}

	Optional<CalendarRow> calendar(String code) {
		return this.jdbc.sql("select " + CALENDAR_COLUMNS + " from cal_calendar where lower(code) = lower(:code)")
			.param("code", code)
			.query((rs, i) -> calendar(rs))
			.optional();
	}

	private static CalendarRow calendar(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new CalendarRow(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				(Long) rs.getObject("organisation_id", Long.class), rs.getBoolean("built_in"), rs.getString("based_on"),
				rs.getInt("current_version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	long insertCalendar(String code, String nameZh, String nameEn, Long organisationId, boolean builtIn, String basedOn,
			Instant at) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cal_calendar (code, name_zh, name_en, organisation_id, built_in, based_on, current_version,
				  created_at, updated_at) values (:code, :nameZh, :nameEn, :org, :builtIn, :basedOn, 0, :at, :at)""")
			.param("code", code)
			.param("nameZh", nameZh)
			.param("nameEn", nameEn)
			.param("org", organisationId)
			.param("builtIn", builtIn)
			.param("basedOn", basedOn)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	void rename(long id, String nameZh, String nameEn, Instant at) {
		this.jdbc.sql("update cal_calendar set name_zh = :zh, name_en = :en, updated_at = :at where id = :id")
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/**
	 * Adds version {@code expected + 1} if the calendar is still at {@code expected}; answers whether
	 * it did (another writer got there first otherwise).
	 */
	boolean addVersion(long calendarId, int expected, CalendarDefinition definition, List<SpecialDay> specialDays,
			String note, Long userId, Instant at) {
		int updated = this.jdbc
			.sql("update cal_calendar set current_version = :next, updated_at = :at where id = :id and current_version = :expected")
			.param("next", expected + 1)
			.param("at", Timestamp.from(at))
			.param("id", calendarId)
			.param("expected", expected)
			.update();
		if (updated != 1) {
			return false;
		}
		this.jdbc.sql("""
				insert into cal_calendar_version (calendar_id, version, definition, special_days, note, created_at, created_by)
				values (:id, :version, :definition, :days, :note, :at, :by)""")
			.param("id", calendarId)
			.param("version", expected + 1)
			.param("definition", write(definition))
			.param("days", write(specialDays))
			.param("note", note == null ? null : note.length() > 500 ? note.substring(0, 500) : note)
			.param("at", Timestamp.from(at))
			.param("by", userId)
			.update();
		return true;
	}

	Optional<VersionRow> version(long calendarId, int version) {
		return this.jdbc.sql("select calendar_id, version, definition, special_days, note, created_at, created_by "
				+ "from cal_calendar_version where calendar_id = :id and version = :version")
			.param("id", calendarId)
			.param("version", version)
			.query((rs, i) -> new VersionRow(rs.getLong(1), rs.getInt(2), read(rs.getString(3), CalendarDefinition.class),
					read(rs.getString(4), DAYS), rs.getString(5), rs.getTimestamp(6).toInstant(),
					(Long) rs.getObject(7, Long.class)))
			.optional();
	}

	/** Every version, newest first, without their special days. */
	List<VersionRow> versions(long calendarId) {
		return this.jdbc.sql("select calendar_id, version, definition, note, created_at, created_by "
				+ "from cal_calendar_version where calendar_id = :id order by version desc")
			.param("id", calendarId)
			.query((rs, i) -> new VersionRow(rs.getLong(1), rs.getInt(2), read(rs.getString(3), CalendarDefinition.class),
					List.of(), rs.getString(4), rs.getTimestamp(5).toInstant(), (Long) rs.getObject(6, Long.class)))
			.list();
	}

	void delete(long calendarId) {
		this.jdbc.sql("delete from cal_calendar_version where calendar_id = :id").param("id", calendarId).update();
		this.jdbc.sql("delete from cal_calendar where id = :id").param("id", calendarId).update();
	}

	/** The codes of the calendars whose current version follows the official schedule. */
	List<CalendarRow> followingOfficial() {
		List<CalendarRow> following = new ArrayList<>();
		for (CalendarRow row : calendars()) {
			version(row.id(), row.currentVersion()).filter(v -> v.definition().followsOfficialHolidays())
				.ifPresent(v -> following.add(row));
		}
		return following;
	}

	static List<SpecialDay> inYears(Collection<SpecialDay> days, int from, int to) {
		return days.stream().filter(d -> d.date().getYear() >= from && d.date().getYear() <= to).toList();
	}

	static boolean sameDates(Collection<SpecialDay> a, Collection<SpecialDay> b) {
		return key(a).equals(key(b));
	}

	private static Map<LocalDate, Kind> key(Collection<SpecialDay> days) {
		Map<LocalDate, Kind> key = new java.util.TreeMap<>();
		days.forEach(d -> key.put(d.date(), d.kind()));
		return key;
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> T read(String value, Class<T> type) {
		try {
			return this.json.readValue(value, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable calendar JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private <T> T read(String value, TypeReference<T> type) {
		try {
			return this.json.readValue(value, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable calendar JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
