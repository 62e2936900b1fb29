package io.opsguard.servicedesk.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.opsguard.servicedesk.internal.TicketStatisticsService.Bucket;
import io.opsguard.servicedesk.internal.TicketStatisticsService.Day;
import io.opsguard.servicedesk.internal.TicketStatisticsService.MetricAttainment;
import io.opsguard.servicedesk.internal.TicketStatisticsService.Summary;
import io.opsguard.servicedesk.internal.TicketStatisticsService.TicketStatistics;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The ticket statistics as a workbook for the monthly report (R-RPT-01): an overview, the counts by
 * each dimension, SLA attainment per metric and the daily trend, in the reader's language; times in
 * working hours.
 */
@Component
class TicketStatisticsSpreadsheet {

	private final MessageSource messages;

	TicketStatisticsSpreadsheet(MessageSource messages) {
		this.messages = messages;
	}

	byte[] write(TicketStatistics s, Locale locale) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			overview(workbook.createSheet(m("ticketStatistics.export.sheet.overview", locale)), s, bold, locale);
			counts(workbook.createSheet(m("ticketStatistics.export.sheet.counts", locale)), s, bold, locale);
			sla(workbook.createSheet(m("ticketStatistics.export.sheet.sla", locale)), s, bold, locale);
			trend(workbook.createSheet(m("ticketStatistics.export.sheet.trend", locale)), s.trend(), bold, locale);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void overview(Sheet sheet, TicketStatistics s, CellStyle bold, Locale locale) {
		Summary sum = s.summary();
		int r = 0;
		r = pair(sheet, r, m("ticketStatistics.export.period", locale), s.from() + " ~ " + s.to(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.opened", locale), sum.opened(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.resolved", locale), sum.resolved(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.closed", locale), sum.closed(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.stillOpen", locale), sum.stillOpen(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.breached", locale), sum.breached(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.attainment", locale), sum.attainment(), bold);
		r = pair(sheet, r, m("ticketStatistics.export.meanResponse", locale), hours(sum.meanResponseSeconds()), bold);
		r = pair(sheet, r, m("ticketStatistics.export.p90Response", locale), hours(sum.p90ResponseSeconds()), bold);
		r = pair(sheet, r, m("ticketStatistics.export.meanResolution", locale), hours(sum.meanResolutionSeconds()), bold);
		r = pair(sheet, r, m("ticketStatistics.export.p90Resolution", locale), hours(sum.p90ResolutionSeconds()), bold);
		r = pair(sheet, r, m("ticketStatistics.export.rated", locale), sum.rated(), bold);
		pair(sheet, r, m("ticketStatistics.export.satisfaction", locale), sum.satisfaction(), bold);
		sheet.setColumnWidth(0, 32 * 256);
		sheet.setColumnWidth(1, 24 * 256);
	}

	private void counts(Sheet sheet, TicketStatistics s, CellStyle bold, Locale locale) {
		int r = 0;
		r = block(sheet, r, "type", s.byType(), b -> m("ticketStatistics.type." + b.key(), locale), bold, locale);
		r = block(sheet, r, "faultLevel", s.byFaultLevel(), b -> m("ticketStatistics.level", locale, b.key()), bold, locale);
		r = block(sheet, r, "businessSystem", s.byBusinessSystem(), b -> b.name(), bold, locale);
		r = block(sheet, r, "category", s.byCategory(), b -> b.key(), bold, locale);
		r = block(sheet, r, "organisation", s.byOrganisation(), b -> b.name(), bold, locale);
		r = block(sheet, r, "channel", s.byChannel(), b -> m("ticketStatistics.channel." + b.key(), locale), bold, locale);
		r = block(sheet, r, "assignee", s.byAssignee(), b -> b.name(), bold, locale);
		block(sheet, r, "group", s.byGroup(), b -> b.name(), bold, locale);
		sheet.setColumnWidth(0, 32 * 256);
		sheet.setColumnWidth(1, 14 * 256);
		sheet.setColumnWidth(2, 14 * 256);
	}

	private int block(Sheet sheet, int r, String dimension, List<Bucket> buckets, Function<Bucket, String> label,
			CellStyle bold, Locale locale) {
		Row title = sheet.createRow(r++);
		bold(title, 0, m("ticketStatistics.export.by." + dimension, locale), bold);
		bold(title, 1, m("ticketStatistics.export.count", locale), bold);
		bold(title, 2, m("ticketStatistics.export.resolved", locale), bold);
		for (Bucket b : buckets) {
			Row row = sheet.createRow(r++);
			String name = b.others() ? m("ticketStatistics.export.others", locale)
					: b.key() == null ? m("ticketStatistics.export.none", locale) : label.apply(b);
			row.createCell(0).setCellValue(name == null ? b.key() : name);
			row.createCell(1).setCellValue(b.count());
			row.createCell(2).setCellValue(b.resolved());
		}
		return r + 1;
	}

	private void sla(Sheet sheet, TicketStatistics s, CellStyle bold, Locale locale) {
		Row title = sheet.createRow(0);
		List<String> columns = List.of("metric", "decided", "met", "attainmentPercent", "meanHours", "p90Hours");
		for (int c = 0; c < columns.size(); c++) {
			bold(title, c, m("ticketStatistics.export.sla." + columns.get(c), locale), bold);
			sheet.setColumnWidth(c, 18 * 256);
		}
		int r = 1;
		for (MetricAttainment a : s.sla()) {
			Row row = sheet.createRow(r++);
			row.createCell(0).setCellValue(m("ticketStatistics.metric." + a.metric().name(), locale));
			row.createCell(1).setCellValue(a.decided());
			row.createCell(2).setCellValue(a.met());
			number(row, 3, a.attainment());
			number(row, 4, hours(a.meanSeconds()));
			number(row, 5, hours(a.p90Seconds()));
		}
		Row target = sheet.createRow(r + 1);
		target.createCell(0).setCellValue(m("ticketStatistics.export.sla.target", locale));
		target.createCell(3).setCellValue(s.attainmentTarget());
	}

	private void trend(Sheet sheet, List<Day> days, CellStyle bold, Locale locale) {
		Row title = sheet.createRow(0);
		bold(title, 0, m("ticketStatistics.export.day", locale), bold);
		bold(title, 1, m("ticketStatistics.export.opened", locale), bold);
		bold(title, 2, m("ticketStatistics.export.resolvedOnDay", locale), bold);
		int r = 1;
		for (Day d : days) {
			Row row = sheet.createRow(r++);
			row.createCell(0).setCellValue(d.day().toString());
			row.createCell(1).setCellValue(d.opened());
			row.createCell(2).setCellValue(d.resolved());
		}
		sheet.setColumnWidth(0, 14 * 256);
		sheet.setColumnWidth(1, 14 * 256);
		sheet.setColumnWidth(2, 14 * 256);
	}

	private static int pair(Sheet sheet, int r, String label, Object value, CellStyle bold) {
		Row row = sheet.createRow(r);
		bold(row, 0, label, bold);
		if (value instanceof Number n) {
			row.createCell(1).setCellValue(n.doubleValue());
		}
		else if (value != null) {
			row.createCell(1).setCellValue(value.toString());
		}
		return r + 1;
	}

	private static void bold(Row row, int column, String text, CellStyle bold) {
		Cell cell = row.createCell(column);
		cell.setCellValue(text);
		cell.setCellStyle(bold);
	}

	private static void number(Row row, int column, Double value) {
		if (value != null) {
			row.createCell(column).setCellValue(value);
		}
	}

	/** Working seconds in hours, to two decimals. */
	static Double hours(Long seconds) {
		return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
	}

	private String m(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

}
