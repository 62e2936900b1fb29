package io.opsguard.servicelevel.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import io.opsguard.servicelevel.internal.GapCheck;
import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The gap overview as a workbook in the reader's language: an overview sheet with one row per
 * system and a details sheet with one row per gap. Every heading comes from the messages
 * {@code servicelevel.export.*}.
 */
@Component
class GapWorkbook {

	private static final String[] OVERVIEW = { "code", "system", "organisation", "level", "inheritedFrom", "serviceGrade",
			"slaPolicy", "calendar", "gaps" };

	private static final String[] DETAILS = { "system", "level", "item", "area", "finding" };

	private final MessageSource messages;

	private final SystemViews views;

	GapWorkbook(MessageSource messages, SystemViews views) {
		this.messages = messages;
		this.views = views;
	}

	String fileName(Locale locale) {
		return text("fileName", locale);
	}

	byte[] of(List<SystemSummary> systems, Locale locale) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet overview = workbook.createSheet(text("overview", locale));
			header(overview, OVERVIEW, bold, locale);
			String notGraded = text("notGraded", locale);
			int r = 1;
			for (SystemSummary s : systems) {
				Row row = overview.createRow(r++);
				row.createCell(0).setCellValue(s.code());
				row.createCell(1).setCellValue(s.name());
				row.createCell(2).setCellValue(s.organisationName() == null ? "" : s.organisationName());
				row.createCell(3).setCellValue(s.level() == null ? notGraded : String.valueOf(s.level()));
				row.createCell(4).setCellValue(s.inheritedFromName() == null ? "" : s.inheritedFromName());
				row.createCell(5).setCellValue(s.serviceGrade() == null ? "" : String.valueOf(s.serviceGrade()));
				row.createCell(6).setCellValue(SystemViews.name(s.slaPolicyName(), locale));
				row.createCell(7).setCellValue(SystemViews.name(s.calendarName(), locale));
				row.createCell(8).setCellValue(s.gapCount());
			}
			Sheet details = workbook.createSheet(text("details", locale));
			header(details, DETAILS, bold, locale);
			r = 1;
			for (SystemSummary s : systems) {
				List<GapCheck.Result> gaps = s.gaps().stream().filter(g -> g.outcome() == GapCheck.Outcome.GAP).toList();
				List<SystemViews.GapView> texts = this.views.gaps(gaps, locale);
				for (SystemViews.GapView gap : texts) {
					Row row = details.createRow(r++);
					row.createCell(0).setCellValue(s.name());
					row.createCell(1).setCellValue(s.level() == null ? notGraded : String.valueOf(s.level()));
					row.createCell(2).setCellValue(gap.name());
					row.createCell(3).setCellValue(gap.group());
					row.createCell(4).setCellValue(gap.finding());
				}
			}
			widths(overview, 16, 36, 36, 12, 36, 12, 36, 20, 12);
			widths(details, 36, 12, 36, 20, 80);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void header(Sheet sheet, String[] columns, CellStyle bold, Locale locale) {
		Row row = sheet.createRow(0);
		for (int i = 0; i < columns.length; i++) {
			row.createCell(i).setCellValue(text("column." + columns[i], locale));
			row.getCell(i).setCellStyle(bold);
		}
		sheet.createFreezePane(0, 1);
	}

	private static void widths(Sheet sheet, int... characters) {
		for (int c = 0; c < characters.length; c++) {
			sheet.setColumnWidth(c, characters[c] * 256);
		}
	}

	private String text(String key, Locale locale) {
		return this.messages.getMessage("servicelevel.export." + key, null, locale);
	}

}
