package io.opsguard.calendar.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.internal.SpecialDay.Kind;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a holiday schedule in one of three forms: the text form of the built-in schedule (a date or
 * range, 假 or 班, a name), an xlsx sheet with the same columns, or iCalendar (RFC 5545), as the
 * widely subscribed holiday-cn feed publishes it: all-day events, exclusive DTEND, a summary
 * starting with 上班 for a make-up working day. Every problem is collected with its line (or row),
 * so a bad file is refused as a whole.
 */
final class HolidayFile {

	/** A holiday or make-up range longer than this is a typing error, not a schedule. */
	static final int MAX_RANGE_DAYS = 31;

	private static final Pattern SEPARATOR = Pattern.compile("[\\s,，;；]+");

	private static final Pattern RANGE = Pattern.compile("(.+?)\\s*[~～]\\s*(.+)");

	private static final Pattern RANGE_FIRST = Pattern.compile("^(\\S+\\s*[~～]\\s*\\S+)\\s*[,，;；\\t ]\\s*(.*)$");

	/** Strict: 2025-02-30 is refused, not moved to the 28th. */
	private static final List<DateTimeFormatter> DATES = java.util.stream.Stream
		.of("uuuu-MM-dd", "uuuu-M-d", "uuuu/M/d", "uuuuMMdd", "uuuu.M.d")
		.map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(java.time.format.ResolverStyle.STRICT))
		.toList();

	private HolidayFile() {
	}

	/** What a file holds: the special days by date, or the problems found. */
	record Parsed(List<SpecialDay> days, List<Problem> problems) {

		boolean valid() {
			return this.problems.isEmpty() && !this.days.isEmpty();
		}

	}

	/** A problem of a line (text, iCalendar) or row (xlsx), with the message key's arguments. */
	record Problem(int line, String key, Object... args) {
	}

	enum Format {

		TEXT, XLSX, ICALENDAR;

		/** The format from the file name, or from the content when the name says nothing. */
		static Format of(String fileName, byte[] content) {
			String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
			if (name.endsWith(".xlsx")) {
				return XLSX;
			}
			if (name.endsWith(".ics") || name.endsWith(".ical") || name.endsWith(".ifb")) {
				return ICALENDAR;
			}
			if (name.endsWith(".txt") || name.endsWith(".csv") || name.endsWith(".tsv")) {
				return TEXT;
			}
			if (content.length > 4 && content[0] == 'P' && content[1] == 'K') {
				return XLSX;
			}
			String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.UTF_8).trim();
			if (head.startsWith("\ufeff")) {
				head = head.substring(1);
			}
			if (head.startsWith("BEGIN:VCALENDAR")) {
				return ICALENDAR;
			}
			return name.contains(".") ? null : TEXT;
		}

	}

	static Parsed parse(Format format, byte[] content) {
		return switch (format) {
			case TEXT -> text(content);
			case XLSX -> xlsx(content);
			case ICALENDAR -> icalendar(content);
		};
	}

	// ---- text -----------------------------------------------------------------------------

	static Parsed text(byte[] content) {
		Collector collector = new Collector();
		String text = utf8(content, collector);
		if (text == null) {
			return collector.result();
		}
		String[] lines = text.split("\\r?\\n|\\r", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (i == 0 && line.startsWith("\ufeff")) {
				line = line.substring(1).strip();
			}
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String datePart;
			String rest;
			Matcher range = RANGE_FIRST.matcher(line);
			if (range.matches()) {
				datePart = range.group(1);
				rest = range.group(2);
			}
			else {
				String[] parts = SEPARATOR.split(line, 2);
				datePart = parts[0];
				rest = parts.length > 1 ? parts[1] : "";
			}
			String[] tail = SEPARATOR.split(rest.strip(), 2);
			String kind = tail.length > 0 ? tail[0] : "";
			String name = tail.length > 1 ? tail[1].strip() : "";
			collector.add(i + 1, datePart, kind, name);
		}
		return collector.result();
	}

	// ---- xlsx -----------------------------------------------------------------------------

	static Parsed xlsx(byte[] content) {
		Collector collector = new Collector();
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
			if (workbook.getNumberOfSheets() == 0) {
				collector.problem(0, "calendar.import.emptySheet");
				return collector.result();
			}
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter formatter = new DataFormatter(Locale.ROOT);
			for (Row row : sheet) {
				int number = row.getRowNum() + 1;
				String start = cellDate(row.getCell(0), formatter);
				String end = cellDate(row.getCell(1), formatter);
				String kind = cellText(row.getCell(2), formatter);
				String name = cellText(row.getCell(3), formatter);
				if (start.isEmpty() && end.isEmpty() && kind.isEmpty() && name.isEmpty()) {
					continue;
				}
				if (number == 1 && !looksLikeDate(start)) {
					continue; // the header row
				}
				collector.add(number, end.isEmpty() ? start : start + "~" + end, kind, name);
			}
		}
		catch (IOException | RuntimeException ex) {
			collector.problem(0, "calendar.import.unreadableXlsx");
		}
		return collector.result();
	}

	private static String cellDate(Cell cell, DataFormatter formatter) {
		if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate().toString();
		}
		return cellText(cell, formatter);
	}

	private static String cellText(Cell cell, DataFormatter formatter) {
		return cell == null ? "" : formatter.formatCellValue(cell).strip();
	}

	private static boolean looksLikeDate(String value) {
		return date(value) != null;
	}

	// ---- iCalendar ------------------------------------------------------------------------

	static Parsed icalendar(byte[] content) {
		Collector collector = new Collector();
		String text = utf8(content, collector);
		if (text == null) {
			return collector.result();
		}
		// RFC 5545 §3.1: a line break followed by a space or tab continues the line
		List<String> lines = new ArrayList<>();
		List<Integer> numbers = new ArrayList<>();
		String[] raw = text.split("\\r?\\n|\\r", -1);
		for (int i = 0; i < raw.length; i++) {
			String line = i == 0 && raw[i].startsWith("\ufeff") ? raw[i].substring(1) : raw[i];
			if ((line.startsWith(" ") || line.startsWith("\t")) && !lines.isEmpty()) {
				lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
			}
			else if (!line.isEmpty()) {
				lines.add(line);
				numbers.add(i + 1);
			}
		}
		if (lines.isEmpty() || !lines.get(0).equalsIgnoreCase("BEGIN:VCALENDAR")) {
			collector.problem(1, "calendar.import.notIcalendar");
			return collector.result();
		}
		Map<String, String> event = null;
		int eventLine = 0;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.equalsIgnoreCase("BEGIN:VEVENT")) {
				event = new TreeMap<>();
				eventLine = numbers.get(i);
				continue;
			}
			if (line.equalsIgnoreCase("END:VEVENT") && event != null) {
				icalEvent(eventLine, event, collector);
				event = null;
				continue;
			}
			if (event == null) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String nameAndParams = line.substring(0, colon).toUpperCase(Locale.ROOT);
			String name = nameAndParams.contains(";") ? nameAndParams.substring(0, nameAndParams.indexOf(';')) : nameAndParams;
			event.put(name, line.substring(colon + 1));
		}
		return collector.result();
	}

	private static void icalEvent(int line, Map<String, String> event, Collector collector) {
		String summary = unescape(event.getOrDefault("SUMMARY", "")).strip();
		String start = event.get("DTSTART");
		if (start == null) {
			collector.problem(line, "calendar.import.noStart");
			return;
		}
		LocalDate from = icalDate(start);
		if (from == null) {
			collector.problem(line, "calendar.import.badDate", start);
			return;
		}
		LocalDate to = from;
		String end = event.get("DTEND");
		if (end != null) {
			LocalDate exclusive = icalDate(end);
			if (exclusive == null) {
				collector.problem(line, "calendar.import.badDate", end);
				return;
			}
			to = exclusive.isAfter(from) ? exclusive.minusDays(1) : from;
		}
		Kind kind = summary.startsWith("上班") ? Kind.WORKDAY : Kind.HOLIDAY;
		collector.range(line, from, to, kind, summary);
	}

	private static LocalDate icalDate(String value) {
		String v = value.strip();
		if (v.length() >= 8 && v.substring(0, 8).chars().allMatch(Character::isDigit)) {
			try {
				return LocalDate.parse(v.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private static String unescape(String value) {
		return value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
	}

	// ---- shared ---------------------------------------------------------------------------

	private static String utf8(byte[] content, Collector collector) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			collector.problem(0, "calendar.import.notUtf8");
			return null;
		}
	}

	static LocalDate date(String value) {
		String v = value == null ? "" : value.strip();
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(v, format);
			}
			catch (DateTimeParseException ex) {
				// next form
			}
		}
		return null;
	}

	static Kind kind(String value) {
		String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		return switch (v) {
			case "假", "休", "放假", "休息", "假日", "节假日", "holiday", "h", "off" -> Kind.HOLIDAY;
			case "班", "上班", "调休", "调休上班", "补班", "工作日", "workday", "working", "w", "on" -> Kind.WORKDAY;
			default -> null;
		};
	}

	/** Gathers days by date and the problems, line by line. */
	private static final class Collector {

		private final Map<LocalDate, SpecialDay> days = new TreeMap<>();

		private final Map<LocalDate, Integer> lines = new TreeMap<>();

		private final List<Problem> problems = new ArrayList<>();

		void add(int line, String datePart, String kindText, String name) {
			Matcher range = RANGE.matcher(datePart);
			String fromText = range.matches() ? range.group(1) : datePart;
			String toText = range.matches() ? range.group(2) : datePart;
			LocalDate from = date(fromText);
			LocalDate to = date(toText);
			if (from == null) {
				problem(line, "calendar.import.badDate", fromText);
				return;
			}
			if (to == null) {
				problem(line, "calendar.import.badDate", toText);
				return;
			}
			Kind kind = kind(kindText);
			if (kind == null) {
				problem(line, "calendar.import.badKind", kindText);
				return;
			}
			range(line, from, to, kind, name);
		}

		void range(int line, LocalDate from, LocalDate to, Kind kind, String name) {
			if (to.isBefore(from)) {
				problem(line, "calendar.import.reversed", from, to);
				return;
			}
			if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
				problem(line, "calendar.import.tooLong", from, to, MAX_RANGE_DAYS);
				return;
			}
			if (from.getYear() < BusinessCalendar.FIRST_YEAR || to.getYear() > BusinessCalendar.LAST_YEAR) {
				problem(line, "calendar.import.yearRange", from, BusinessCalendar.FIRST_YEAR, BusinessCalendar.LAST_YEAR);
				return;
			}
			String label = name == null || name.isBlank() ? (kind == Kind.HOLIDAY ? "节假日" : "调休上班") : name.strip();
			if (label.length() > 100) {
				label = label.substring(0, 100);
			}
			for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
				if (kind == Kind.WORKDAY && day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
					problem(line, "calendar.import.workdayOnWeekday", day);
					continue;
				}
				SpecialDay existing = this.days.get(day);
				if (existing != null && existing.kind() != kind) {
					problem(line, "calendar.import.conflict", day, this.lines.get(day));
					continue;
				}
				if (existing == null) {
					this.days.put(day, new SpecialDay(day, kind, label));
					this.lines.put(day, line);
				}
			}
		}

		void problem(int line, String key, Object... args) {
			this.problems.add(new Problem(line, key, args));
		}

		Parsed result() {
			if (this.problems.isEmpty() && this.days.isEmpty()) {
				this.problems.add(new Problem(0, "calendar.import.noDays"));
			}
			return new Parsed(List.copyOf(this.days.values()), List.copyOf(this.problems));
		}

	}

}
