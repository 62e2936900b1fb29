package io.opsguard.calendar.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.opsguard.calendar.internal.HolidayFile.Format;
import io.opsguard.calendar.internal.HolidayFile.Parsed;
import io.opsguard.calendar.internal.SpecialDay.Kind;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HolidayFileTests {

	/** The holiday-cn feed for 2025, as Chinese developers subscribe to it (../shared/data). */
	static byte[] holidayCn2025() throws IOException {
		try (var in = HolidayFileTests.class.getResourceAsStream("/calendar/holiday-cn-2025.ics")) {
			return in.readAllBytes();
		}
	}

	@Test
	void theHolidayCnFeedFor2025IsExactlyTheBuiltIn2025Schedule() throws IOException {
		Parsed feed = HolidayFile.icalendar(holidayCn2025());
		assertThat(feed.problems()).isEmpty();
		List<SpecialDay> builtIn = TestCalendars.inYears(TestCalendars.OFFICIAL, 2025, 2025);
		assertThat(HolidayStore.sameDates(feed.days(), builtIn)).isTrue();
		assertThat(feed.days()).hasSize(1 + 8 + 3 + 5 + 3 + 8 + 5);
		assertThat(feed.days().stream().filter(d -> d.kind() == Kind.WORKDAY).map(SpecialDay::date))
			.containsExactly(LocalDate.of(2025, 1, 26), LocalDate.of(2025, 2, 8), LocalDate.of(2025, 4, 27),
					LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11));
		assertThat(feed.days().get(0).name()).isEqualTo("元旦假期");
	}

	@Test
	void theBuiltInScheduleHoldsBothYearsOfTheStateCouncilNotices() {
		List<SpecialDay> y2026 = TestCalendars.inYears(TestCalendars.OFFICIAL, 2026, 2026);
		assertThat(y2026.stream().filter(d -> d.kind() == Kind.HOLIDAY)).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
		assertThat(y2026.stream().filter(d -> d.kind() == Kind.WORKDAY).map(d -> d.date().toString()))
			.containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
	}

	@Test
	void textLinesTakeDatesRangesKindsAndNames() {
		Parsed parsed = HolidayFile.text("""
				# 2027
				2027-01-01~2027-01-03 假 元旦
				2027/1/9, 班, 元旦调休上班
				20270211 ～ 20270213	holiday
				""".getBytes(StandardCharsets.UTF_8));
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.days()).extracting(SpecialDay::date)
			.containsExactly(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 3),
					LocalDate.of(2027, 1, 9), LocalDate.of(2027, 2, 11), LocalDate.of(2027, 2, 12), LocalDate.of(2027, 2, 13));
		assertThat(parsed.days().get(3).kind()).isEqualTo(Kind.WORKDAY);
		assertThat(parsed.days().get(3).name()).isEqualTo("元旦调休上班");
		assertThat(parsed.days().get(4).name()).isEqualTo("节假日");
	}

	@Test
	void malformedLinesAreAllReportedWithTheirLineNumbers() {
		Parsed parsed = HolidayFile.text("""
				2027-02-30 假 不存在的日期
				2027-13-01 假 月份错误
				2027-01-05~2027-01-01 假 反了
				2027-01-04 班 周一不用调休
				2027-01-09 假 冲突
				2027-01-09 班 冲突
				2027-03-01 休息日? 类型错误
				2027-01-01~2027-03-01 假 太长
				""".getBytes(StandardCharsets.UTF_8));
		assertThat(parsed.valid()).isFalse();
		assertThat(parsed.problems()).extracting(HolidayFile.Problem::line).containsExactly(1, 2, 3, 4, 6, 7, 8);
		assertThat(parsed.problems()).extracting(HolidayFile.Problem::key)
			.containsExactly("calendar.import.badDate", "calendar.import.badDate", "calendar.import.reversed",
					"calendar.import.workdayOnWeekday", "calendar.import.conflict", "calendar.import.badKind",
					"calendar.import.tooLong");
	}

	@Test
	void anEmptyOrForeignFileIsRefused() {
		assertThat(HolidayFile.text("# nothing\n".getBytes(StandardCharsets.UTF_8)).problems())
			.extracting(HolidayFile.Problem::key).containsExactly("calendar.import.noDays");
		assertThat(HolidayFile.icalendar("hello".getBytes(StandardCharsets.UTF_8)).problems())
			.extracting(HolidayFile.Problem::key).containsExactly("calendar.import.notIcalendar");
		assertThat(HolidayFile.text(new byte[] { (byte) 0xC3, (byte) 0x28 }).problems())
			.extracting(HolidayFile.Problem::key).containsExactly("calendar.import.notUtf8");
		assertThat(HolidayFile.xlsx("not a workbook".getBytes(StandardCharsets.UTF_8)).problems())
			.extracting(HolidayFile.Problem::key).containsExactly("calendar.import.unreadableXlsx");
	}

	@Test
	void xlsxRowsMayHoldDateCellsOrText() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet();
			Row head = sheet.createRow(0);
			head.createCell(0).setCellValue("开始日期");
			Row one = sheet.createRow(1);
			var date = one.createCell(0);
			date.setCellValue(LocalDate.of(2027, 2, 6));
			var style = workbook.createCellStyle();
			style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			date.setCellStyle(style);
			one.createCell(1).setCellValue("2027-02-12");
			one.createCell(2).setCellValue("假");
			one.createCell(3).setCellValue("春节");
			Row two = sheet.createRow(2);
			two.createCell(0).setCellValue("2027-02-20");
			two.createCell(2).setCellValue("班");
			workbook.write(out);
		}
		Parsed parsed = HolidayFile.parse(Format.XLSX, out.toByteArray());
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.days()).hasSize(8);
		assertThat(parsed.days().get(7).kind()).isEqualTo(Kind.WORKDAY);
	}

	@Test
	void theFormatComesFromTheNameOrTheContent() {
		assertThat(Format.of("a.ics", new byte[0])).isEqualTo(Format.ICALENDAR);
		assertThat(Format.of("x", "BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.ICALENDAR);
		assertThat(Format.of("b.XLSX", new byte[0])).isEqualTo(Format.XLSX);
		assertThat(Format.of("c.txt", new byte[0])).isEqualTo(Format.TEXT);
		assertThat(Format.of("d.pdf", new byte[0])).isNull();
	}

	static Path sharedFeed() {
		return Path.of("src/test/resources/calendar/holiday-cn-2025.ics");
	}

	@Test
	void theFeedIsTheOneInTheSharedData() throws IOException {
		Path shared = Path.of("../shared/data/holiday-cn-2025.ics");
		if (Files.exists(shared)) {
			assertThat(Files.readAllBytes(sharedFeed())).isEqualTo(Files.readAllBytes(shared));
		}
	}

}
