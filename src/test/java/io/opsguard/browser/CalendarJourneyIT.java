package io.opsguard.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Working calendars in a real Chromium: the administrator copies the 5×8 preset, moves Monday
 * afternoon to 14:00–18:00 (version 2), finds the 2026 Spring Festival and its make-up Saturday in
 * the year view, tries out deadlines (an impossible date or 1.5 hours are refused at the field and
 * no old answer stays), sees version 1 in the version panel, and imports holiday schedules: a file
 * with a bad date is refused line by line, a good 2030 schedule lands in the list of years. The
 * list and a calendar's page show every column at 1366×768, in Chinese and in English.
 */
class CalendarJourneyIT extends BrowserJourney {

	@Test
	void administratorCopiesOfficeHoursEditsThemAndImportsAHolidaySchedule() throws Exception {
		BrowserSupport b = this.browser;
		String code = unique("cal-");

		signInAsAdmin();

		// 工作日历: the presets are listed, built in
		b.click("menu-calendars");
		b.waitForPath("/calendars");
		b.hook("calendar-row-5x8");
		b.hook("calendar-row-7x24");
		assertThat(b.present("[data-test='calendar-delete'][data-code='5x8']")).as("built-ins cannot be deleted").isFalse();
		assertThat(b.cutColumns("calendar-table")).as("columns cut at 1366 px").isEmpty();
		shot("calendar-list-zh");

		// copy 5x8 into a calendar of the organisation
		b.clickCss("[data-test='calendar-copy'][data-code='5x8']");
		b.hook("calendar-copy-dialog");
		b.type("calendar-copy-code", code);
		b.type("calendar-copy-name-zh", "值班作息 " + code);
		b.type("calendar-copy-name-en", "Duty hours " + code);
		b.click("calendar-copy-save");
		b.waitForPath("/calendars/" + code);
		b.waitForText("[data-test='calendar-detail-code']", code);
		assertThat(b.hook("calendar-detail-version").getAttribute("data-version")).isEqualTo("1");

		// Monday afternoon from 14:00 to 18:00
		b.clickCss("[data-test='period-MONDAY-1-start'] .el-select__wrapper");
		WebElement start = b.find("[data-test='period-MONDAY-1-start'] input");
		start.sendKeys("14:00");
		start.sendKeys(Keys.ENTER);
		b.waitForText("[data-test='week-MONDAY-total']", "7.5");
		b.type("calendar-note", "周一下午改为 14:00 上班");
		b.click("calendar-save");
		b.waiting().until(d -> "2".equals(b.hook("calendar-detail-version").getAttribute("data-version")));
		assertThat(b.hook("calendar-detail-version").getText()).contains("第 2 版");
		shot("calendar-editor");

		// the year view of 2026: Saturday 14 February is worked (班), Monday 16 February is 春节
		b.click("calendar-tab-year");
		showYear(2026);
		WebElement makeUp = b.find("[data-test='year-day'][data-date='2026-02-14']");
		assertThat(makeUp.getAttribute("data-type")).isEqualTo("MAKE_UP_WORKDAY");
		assertThat(makeUp.getText()).contains("班");
		WebElement holiday = b.find("[data-test='year-day'][data-date='2026-02-16']");
		assertThat(holiday.getAttribute("data-type")).isEqualTo("HOLIDAY");
		assertThat(holiday.getAttribute("title")).contains("春节");
		assertThat(b.find("[data-test='year-day'][data-date='2026-03-07']").getAttribute("data-type")).isEqualTo("REST_DAY");
		shot("calendar-year");

		// the deadline calculator: what cannot be computed is said at the field, and no old answer stays
		b.click("calendar-tab-deadline");
		calculateDeadline("2026-02-13 17:00", 8);
		b.type("deadline-start", "2026-02-30 25:00");
		b.click("deadline-calculate");
		b.waitForText("[data-test='deadline-start'] .el-form-item__error", "2026-02-30 25:00");
		assertThat(b.present("[data-test='deadline-result']")).as("no answer for other inputs").isFalse();
		b.type("deadline-start", "2026-02-13 17:00");
		b.type("deadline-hours", "1.5");
		b.click("deadline-calculate");
		b.waitForText("[data-test='deadline-hours-error']", "1 小时 30 分钟");
		assertThat(b.present("[data-test='deadline-result']")).isFalse();
		shot("calendar-deadline-refused");

		// Friday 13 February 17:00 + 8 working hours
		calculateDeadline("2026-02-13 17:00", 8);
		// the make-up Saturday works Monday's periods, so the later Monday afternoon moves it to 17:30
		b.waitForText("[data-test='deadline-value']", "2026-02-14 17:30");
		b.click("elapsed-calculate");
		b.waitForText("[data-test='elapsed-result']", "8 小时");
		// on the 5×8 preset itself: one hour on Friday, seven on the make-up Saturday
		b.open("/calendars/5x8?tab=deadline");
		b.waitForText("[data-test='calendar-detail-code']", "5x8");
		calculateDeadline("2026-02-13 17:00", 8);
		b.waitForText("[data-test='deadline-value']", "2026-02-14 17:00");
		assertThat(b.hook("deadline-result").getAttribute("data-deadline")).isEqualTo("2026-02-14T17:00:00+08:00");
		shot("calendar-deadline");

		// the copy's versions: version 1 still has Monday afternoon from 13:30
		b.open("/calendars/" + code + "?tab=versions");
		b.find("[data-test='calendar-version-view'][data-version='1']").click();
		b.find("[data-test='calendar-version-shown'][data-version='1']");
		b.find("[data-test='year-view'][data-version='1']");
		assertThat(b.all("[data-test='calendar-version-current']")).hasSize(1);
		shot("calendar-versions");

		// 节假日安排: a file with an impossible date is refused, naming its line, and writes nothing
		b.click("menu-holiday-schedule");
		b.waitForPath("/calendars/holidays");
		b.hook("schedule-year-2026");
		b.click("schedule-import");
		b.hook("schedule-import-dialog");
		upload("bad-2034.txt", "2034-01-01 假 元旦\n2034-02-30 假 二月三十日\n");
		b.click("schedule-import-check");
		b.waitForText("[data-test='schedule-import-errors']", "2034-02-30");
		assertThat(b.present("[data-test='schedule-import-errors'] [data-line='2']")).isTrue();
		assertThat(b.hook("schedule-import-preview").getAttribute("data-valid")).isEqualTo("false");
		shot("holiday-import-refused");

		// a good 2030 schedule: checked first, then written; the calendars following it get new versions
		b.click("schedule-import-again");
		upload("holidays-2030.txt", "# 2030 年节假日安排（测试）\n2030-01-01 假 元旦\n2030-02-02~2030-02-08 假 春节\n"
				+ "2030-02-09 班 春节调休上班\n2030-10-01~2030-10-07 假 国庆节\n");
		b.click("schedule-import-check");
		b.hook("schedule-import-year-2030");
		assertThat(b.find("[data-test='schedule-import-years'] [data-state]").getAttribute("data-state")).isEqualTo("added");
		b.click("schedule-import-confirm");
		b.waitForText("[data-test='schedule-import-calendars']", "值班作息 " + code);
		assertThat(b.hook("schedule-import-calendars").getText()).as("the calendars by name")
			.contains("5×8 工作时间").doesNotContain("7×24");
		assertThat(b.present("[data-test='schedule-import-calendars'] [data-code='5x8']")).isTrue();
		assertThat(b.present("[data-test='schedule-import-calendars'] [data-code='7x24']")).isFalse();
		shot("holiday-import-done");
		b.click("schedule-import-close");
		b.waitUntilGone("[data-test='schedule-import-dialog']");
		b.hook("schedule-year-2030");
		assertThat(b.hook("schedule-years").getText()).contains("2030");

		// its dates, by weekday and type
		b.click("schedule-year-2030");
		b.waitForText("[data-test='schedule-days']", "2030-02-09");
		assertThat(b.hook("schedule-days").getText()).contains("星期六").contains("调休上班").contains("春节");
	}

	@Test
	void theListAndACalendarShowEveryColumnInBothLanguages() throws Exception {
		BrowserSupport b = this.browser;
		signInAsAdmin();
		for (String language : new String[] { "zh-CN", "en" }) {
			b.language(language);
			b.open("/calendars");
			b.hook("calendar-row-5x8");
			assertThat(b.cutColumns("calendar-table")).as("list columns cut in " + language).isEmpty();
			shot("calendar-list-" + language);
			b.open("/calendars/5x8");
			b.waitForText("[data-test='calendar-detail-code']", "5x8");
			b.hook("week-MONDAY");
			shot("calendar-detail-" + language);
			b.open("/calendars/5x8?tab=versions");
			b.hook("calendar-versions");
			assertThat(b.cutColumns("calendar-versions")).as("version columns cut in " + language).isEmpty();
			assertThat(b.hook("calendar-versions").getText()).as("year lists in the language's punctuation")
				.contains(language.equals("en") ? "2025, 2026" : "2025、2026");
			shot("calendar-versions-" + language);
		}
		b.language("zh-CN");
	}

	private void showYear(int year) {
		BrowserSupport b = this.browser;
		WebElement input = b.find("[data-test='year-view-year'] input");
		input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		input.sendKeys(String.valueOf(year), Keys.TAB);
		b.waiting().until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("[data-test='year-view'][data-year='" + year + "'] [data-test='year-day'][data-date='" + year + "-01-01']")));
	}

	private void calculateDeadline(String start, int hours) {
		BrowserSupport b = this.browser;
		b.type("deadline-start", start);
		WebElement input = b.find("[data-test='deadline-start'] input");
		input.sendKeys(Keys.ENTER);
		input.sendKeys(Keys.ESCAPE);
		b.type("deadline-hours", String.valueOf(hours));
		b.type("deadline-minutes", "0");
		b.click("deadline-calculate");
		b.hook("deadline-result");
	}

	private void upload(String name, String content) throws Exception {
		Path file = Files.createTempDirectory("opsguard-holidays-").resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		this.browser.all("[data-test='schedule-import-file'] input[type=file]").get(0).sendKeys(file.toAbsolutePath().toString());
		this.browser.waitForText("[data-test='schedule-import-dialog'] .el-upload-list", name);
	}

}
