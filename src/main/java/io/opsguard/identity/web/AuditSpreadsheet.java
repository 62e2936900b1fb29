package io.opsguard.identity.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.opsguard.identity.DataScope;
import io.opsguard.identity.internal.AuditLog;
import io.opsguard.identity.internal.AuditLog.AuditFilter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Writes audit entries into an xlsx workbook, streaming, with headers in the user's language. */
@Component
class AuditSpreadsheet {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private static final List<String> COLUMNS = List.of("id", "occurredAt", "username", "organisation", "sourceIp",
			"action", "targetType", "targetId", "summary", "outcome");

	private final AuditLog audit;

	private final MessageSource messages;

	AuditSpreadsheet(AuditLog audit, MessageSource messages) {
		this.audit = audit;
		this.messages = messages;
	}

	String fileName(Locale locale) {
		return this.messages.getMessage("audit.export.fileName", null, "audit", locale);
	}

	void write(AuditFilter filter, DataScope scope, Locale locale, int limit, OutputStream out) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
			Sheet sheet = workbook.createSheet(this.messages.getMessage("audit.export.sheet", null, "audit", locale));
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			Row head = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				var cell = head.createCell(i);
				cell.setCellValue(this.messages.getMessage("audit.column." + COLUMNS.get(i), null, COLUMNS.get(i), locale));
				cell.setCellStyle(header);
			}
			int[] rowIndex = { 1 };
			String success = this.messages.getMessage("audit.outcome.SUCCESS", null, "SUCCESS", locale);
			String failure = this.messages.getMessage("audit.outcome.FAILURE", null, "FAILURE", locale);
			this.audit.forEach(filter, scope, locale, limit, entry -> {
				Row row = sheet.createRow(rowIndex[0]++);
				row.createCell(0).setCellValue(entry.id());
				row.createCell(1).setCellValue(TIME.format(entry.occurredAt()));
				row.createCell(2).setCellValue(nullToEmpty(entry.username()));
				row.createCell(3).setCellValue(nullToEmpty(entry.organisationName()));
				row.createCell(4).setCellValue(nullToEmpty(entry.sourceIp()));
				row.createCell(5).setCellValue(entry.actionLabel());
				row.createCell(6).setCellValue(nullToEmpty(entry.targetTypeLabel()));
				row.createCell(7).setCellValue(nullToEmpty(entry.targetId()));
				row.createCell(8).setCellValue(nullToEmpty(entry.summary()));
				row.createCell(9).setCellValue(AuditLog.SUCCESS.equals(entry.outcome()) ? success : failure);
			});
			int[] widths = { 8, 20, 14, 20, 16, 18, 14, 12, 60, 8 };
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, widths[i] * 256);
			}
			workbook.write(out);
		}
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}
