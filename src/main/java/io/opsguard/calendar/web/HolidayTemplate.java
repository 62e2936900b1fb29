package io.opsguard.calendar.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;

/** The holiday import template: an xlsx with the import columns, headed in the reader's language, and two example rows. */
final class HolidayTemplate {

	private static final String[] HEADER = { "from", "to", "kind", "name" };

	private HolidayTemplate() {
	}

	static byte[] workbook(MessageSource messages, Locale locale) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(messages.getMessage("calendar.template.sheet", null, locale));
			Row head = sheet.createRow(0);
			for (int i = 0; i < HEADER.length; i++) {
				head.createCell(i).setCellValue(messages.getMessage("calendar.template." + HEADER[i], null, locale));
				sheet.setColumnWidth(i, 24 * 256);
			}
			Row one = sheet.createRow(1);
			one.createCell(0).setCellValue("2027-01-01");
			one.createCell(1).setCellValue("2027-01-03");
			one.createCell(2).setCellValue("假");
			one.createCell(3).setCellValue("元旦");
			Row two = sheet.createRow(2);
			two.createCell(0).setCellValue("2027-01-04");
			two.createCell(2).setCellValue("班");
			two.createCell(3).setCellValue("元旦调休上班");
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String fileName(MessageSource messages, Locale locale) {
		return messages.getMessage("calendar.template.file", null, locale);
	}

}
