package io.opsguard.servicedesk.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUser;
import io.opsguard.servicedesk.web.TicketViews.TicketView;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A list of tickets as an xlsx workbook in the reader's language (a requirement list for the
 * client, R-DSK-13, or any queue): names instead of ids, words instead of codes, Beijing time.
 */
@Component
class TicketSpreadsheet {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private static final List<String> COLUMNS = List.of("number", "type", "state", "title", "description", "channel",
			"requester", "contact", "phone", "unit", "system", "category", "faultLevel", "group", "assignee", "reportedAt",
			"dueAt", "breached", "resolvedAt", "solution", "cause", "rating");

	private static final int[] WIDTHS = { 20, 10, 10, 36, 50, 10, 12, 12, 14, 18, 20, 14, 8, 16, 12, 17, 17, 8, 17, 40, 30, 6 };

	private final MessageSource messages;

	TicketSpreadsheet(MessageSource messages) {
		this.messages = messages;
	}

	String fileName(boolean requirements, Locale locale) {
		return word(requirements ? "ticket.export.requirementsFileName" : "ticket.export.fileName", locale);
	}

	byte[] write(CurrentUser user, List<TicketView> tickets, Locale locale) {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(word("ticket.export.sheet", locale));
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			Row head = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				var cell = head.createCell(i);
				cell.setCellValue(word("ticket.export.column." + COLUMNS.get(i), locale));
				cell.setCellStyle(header);
				sheet.setColumnWidth(i, WIDTHS[i] * 256);
			}
			sheet.createFreezePane(0, 1);
			String yes = word("ticket.export.yes", locale);
			String no = word("ticket.export.no", locale);
			int r = 1;
			for (TicketView t : tickets) {
				Row row = sheet.createRow(r++);
				int c = 0;
				row.createCell(c++).setCellValue(t.number());
				row.createCell(c++).setCellValue(word("ticket.type." + t.type().name(), locale));
				row.createCell(c++).setCellValue(word("ticket.state." + t.state().name(), locale));
				row.createCell(c++).setCellValue(text(t.title()));
				row.createCell(c++).setCellValue(text(t.description()));
				row.createCell(c++).setCellValue(word("ticket.channel." + t.channel().name(), locale));
				row.createCell(c++).setCellValue(t.requester() == null ? "" : text(t.requester().name()));
				row.createCell(c++).setCellValue(t.contact() == null ? "" : text(t.contact().name()));
				row.createCell(c++).setCellValue(t.contact() == null ? "" : text(t.contact().phone()));
				row.createCell(c++).setCellValue(t.contact() == null ? "" : text(t.contact().unit()));
				row.createCell(c++).setCellValue(t.businessSystem() == null ? "" : text(t.businessSystem().name()));
				row.createCell(c++).setCellValue(text(t.category()));
				row.createCell(c++).setCellValue(t.faultLevel());
				row.createCell(c++).setCellValue(t.group() == null ? "" : text(t.group().name()));
				row.createCell(c++).setCellValue(t.assignee() == null ? "" : text(t.assignee().name()));
				row.createCell(c++).setCellValue(time(t.reportedAt()));
				row.createCell(c++).setCellValue(time(t.dueAt()));
				row.createCell(c++).setCellValue(t.breached() ? yes : no);
				row.createCell(c++).setCellValue(time(t.resolvedAt()));
				row.createCell(c++).setCellValue(text(t.solution()));
				row.createCell(c++).setCellValue(text(t.cause()));
				if (t.rating() != null) {
					row.createCell(c).setCellValue(t.rating());
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String word(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	private static String time(Instant at) {
		return at == null ? "" : TIME.format(at);
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

}
