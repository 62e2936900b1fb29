package io.opsguard.calendar.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.opsguard.calendar.internal.SpecialDay.Kind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the official holiday schedule ({@code cal_holiday_year}, {@code cal_holiday}).
 * Calendars and their versions are the definition kernel's ({@code cal_calendar}, ADR 0009).
 */
@Component
class HolidayStore {

	private final JdbcClient jdbc;

	HolidayStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

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

	static boolean sameDates(Collection<SpecialDay> a, Collection<SpecialDay> b) {
		return key(a).equals(key(b));
	}

	private static Map<LocalDate, Kind> key(Collection<SpecialDay> days) {
		Map<LocalDate, Kind> key = new java.util.TreeMap<>();
		days.forEach(d -> key.put(d.date(), d.kind()));
		return key;
	}

}
