package io.opsguard.servicedesk.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.opsguard.servicedesk.web.WorkRecordViews.Ref;
import io.opsguard.servicedesk.web.WorkRecordViews.WorkRecordView;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The work records as an xlsx sheet for the monthly statistics (R-DSK-10): one row per record,
 * times in Asia/Shanghai, durations in hours, and a total row; column titles in the reader's
 * language.
 */
@Component
class WorkRecordSpreadsheet {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	static final List<String> COLUMNS = List.of("startedAt", "endedAt", "hours", "engineer", "person", "phone", "organisation",
			"businessSystem", "category", "content", "handling", "ticket");

	private final MessageSource messages;

	WorkRecordSpreadsheet(MessageSource messages) {
		this.messages = messages;
	}

	byte[] write(List<WorkRecordView> records, Locale locale) {
		SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 200);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(message("workRecord.export.sheet", locale));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle hours = workbook.createCellStyle();
			hours.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
			CellStyle boldHours = workbook.createCellStyle();
			boldHours.cloneStyleFrom(hours);
			boldHours.setFont(font);
			Row titles = sheet.createRow(0);
			for (int c = 0; c < COLUMNS.size(); c++) {
				Cell cell = titles.createCell(c);
				cell.setCellValue(message("workRecord.export.column." + COLUMNS.get(c), locale));
				cell.setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 9 || c == 10 ? 48 : 16) * 256);
			}
			sheet.createFreezePane(0, 1);
			int r = 1;
			long minutes = 0;
			for (WorkRecordView w : records) {
				Row row = sheet.createRow(r++);
				text(row, 0, time(w.startedAt()));
				text(row, 1, time(w.endedAt()));
				Cell duration = row.createCell(2);
				duration.setCellValue(hours(w.durationMinutes()));
				duration.setCellStyle(hours);
				text(row, 3, name(w.engineer()));
				text(row, 4, w.person() != null ? name(w.person()) : w.personName());
				text(row, 5, w.personPhone());
				text(row, 6, w.personUnit() != null ? w.personUnit() : name(w.organisation()));
				text(row, 7, name(w.businessSystem()));
				text(row, 8, name(w.category()));
				text(row, 9, w.content());
				text(row, 10, w.handling());
				text(row, 11, name(w.ticket()));
				minutes += w.durationMinutes();
			}
			Row total = sheet.createRow(r);
			Cell label = total.createCell(0);
			label.setCellValue(message("workRecord.export.total", locale, records.size()));
			label.setCellStyle(bold);
			Cell sum = total.createCell(2);
			sum.setCellValue(hours(minutes));
			sum.setCellStyle(boldHours);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			workbook.dispose();
		}
	}

	static double hours(long minutes) {
		return Math.round(minutes * 100.0 / 60) / 100.0;
	}

	private static void text(Row row, int column, String value) {
		if (value != null) {
			row.createCell(column).setCellValue(value);
		}
	}

	private static String time(Instant at) {
		return at == null ? null : TIME.format(at.atZone(ZONE));
	}

	private static String name(Ref ref) {
		return ref == null ? null : ref.name() != null ? ref.name() : String.valueOf(ref.id());
	}

	private String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

}
