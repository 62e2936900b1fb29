package io.opsguard.monitoring.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.monitoring.internal.BulkOnboarding;
import io.opsguard.monitoring.internal.BulkOnboarding.FileRow;
import io.opsguard.monitoring.internal.MonitoringError;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.ParameterDefinition;
import io.opsguard.shared.OpsGuardException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The spreadsheet of bulk onboarding: a template per monitor type (the CI's code, each parameter
 * by its label, the interval) and the reading of a filled-in xlsx or CSV (UTF-8, or GB18030 as
 * Excel saves it in Chinese Windows). Columns are recognised by key or by label in either language.
 */
@Component
class BulkFile {

	/** The largest file accepted. */
	static final int MAX_BYTES = 5 * 1024 * 1024;

	private static final List<String> CI_HEADERS = List.of("ci", "ci code", "配置项", "配置项编码");

	private static final List<String> INTERVAL_HEADERS = List.of("interval", "intervalseconds", "interval (s)", "采集间隔",
			"采集间隔（秒）", "间隔");

	private final MessageSource messages;

	BulkFile(MessageSource messages) {
		this.messages = messages;
	}

	byte[] template(MonitorType type, Locale locale) throws IOException {
		try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet(type.id());
			CellStyle bold = book.createCellStyle();
			Font font = book.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			List<String> titles = new ArrayList<>();
			titles.add(this.messages.getMessage("monitoring.bulk.column.ci", null, locale));
			for (ParameterDefinition p : type.parameters()) {
				titles.add(p.label().in(locale));
			}
			titles.add(this.messages.getMessage("monitoring.bulk.column.interval", null, locale));
			for (int i = 0; i < titles.size(); i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(titles.get(i));
				cell.setCellStyle(bold);
				sheet.setColumnWidth(i, 18 * 256);
			}
			sheet.createFreezePane(0, 1);
			book.write(out);
			return out.toByteArray();
		}
	}

	List<FileRow> read(byte[] content, MonitorType type, Locale locale) {
		if (content.length > MAX_BYTES) {
			throw OpsGuardException.onField("file", MonitoringError.FILE_TOO_LARGE, MAX_BYTES / 1024 / 1024);
		}
		List<List<String>> table = isZip(content) ? xlsx(content) : csv(content);
		if (table.isEmpty()) {
			throw OpsGuardException.onField("file", MonitoringError.NOTHING_SELECTED);
		}
		List<String> headers = table.get(0);
		int ciColumn = -1;
		int intervalColumn = -1;
		Map<Integer, ParameterDefinition> parameterColumns = new LinkedHashMap<>();
		for (int i = 0; i < headers.size(); i++) {
			String header = normal(headers.get(i));
			if (header.isEmpty()) {
				continue;
			}
			if (CI_HEADERS.contains(header)) {
				ciColumn = i;
				continue;
			}
			if (INTERVAL_HEADERS.contains(header)) {
				intervalColumn = i;
				continue;
			}
			ParameterDefinition match = type.parameters()
				.stream()
				.filter(p -> normal(p.key()).equals(header) || normal(p.label().zh()).equals(header)
						|| normal(p.label().en()).equals(header))
				.findFirst()
				.orElse(null);
			if (match == null) {
				throw OpsGuardException.onField("file", MonitoringError.UNKNOWN_COLUMN, headers.get(i).trim());
			}
			parameterColumns.put(i, match);
		}
		if (ciColumn < 0) {
			throw OpsGuardException.onField("file", MonitoringError.MISSING_COLUMN,
					this.messages.getMessage("monitoring.bulk.column.ci", null, locale));
		}
		if (table.size() - 1 > BulkOnboarding.MAX_ROWS) {
			throw OpsGuardException.onField("file", MonitoringError.TOO_MANY_SELECTED, BulkOnboarding.MAX_ROWS);
		}
		List<FileRow> rows = new ArrayList<>();
		for (int r = 1; r < table.size(); r++) {
			List<String> cells = table.get(r);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			Map<String, Object> parameters = new LinkedHashMap<>();
			for (Map.Entry<Integer, ParameterDefinition> column : parameterColumns.entrySet()) {
				String value = cell(cells, column.getKey());
				if (!value.isEmpty()) {
					parameters.put(column.getValue().key(), value);
				}
			}
			Integer interval = null;
			String intervalText = intervalColumn < 0 ? "" : cell(cells, intervalColumn);
			if (!intervalText.isEmpty()) {
				try {
					interval = (int) Double.parseDouble(intervalText);
				}
				catch (NumberFormatException ex) {
					interval = -1;
				}
			}
			rows.add(new FileRow(r + 1, cell(cells, ciColumn), parameters, interval));
		}
		return rows;
	}

	private static String cell(List<String> cells, int index) {
		return index < cells.size() && cells.get(index) != null ? cells.get(index).trim() : "";
	}

	private static String normal(String text) {
		return text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('\u3000', ' ');
	}

	private static boolean isZip(byte[] content) {
		return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
	}

	private static List<List<String>> xlsx(byte[] content) {
		try (InputStream in = new ByteArrayInputStream(content); Workbook book = WorkbookFactory.create(in)) {
			Sheet sheet = book.getSheetAt(0);
			DataFormatter format = new DataFormatter(Locale.ROOT);
			List<List<String>> table = new ArrayList<>();
			for (int r = 0; r <= Math.min(sheet.getLastRowNum(), BulkOnboarding.MAX_ROWS + 1); r++) {
				Row row = sheet.getRow(r);
				List<String> cells = new ArrayList<>();
				if (row != null) {
					for (int c = 0; c < Math.min(row.getLastCellNum(), 100); c++) {
						Cell cell = row.getCell(c);
						cells.add(cell == null ? "" : format.formatCellValue(cell));
					}
				}
				table.add(cells);
			}
			return table;
		}
		catch (IOException | RuntimeException ex) {
			throw OpsGuardException.onField("file", MonitoringError.FILE_UNREADABLE);
		}
	}

	private static List<List<String>> csv(byte[] content) {
		String text = decode(content);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build().parse(new StringReader(text))) {
			List<List<String>> table = new ArrayList<>();
			for (CSVRecord record : parser) {
				table.add(record.toList());
				if (table.size() > BulkOnboarding.MAX_ROWS + 1) {
					break;
				}
			}
			return table;
		}
		catch (IOException | RuntimeException ex) {
			throw OpsGuardException.onField("file", MonitoringError.FILE_UNREADABLE);
		}
	}

	private static String decode(byte[] content) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(content, Charset.forName("GB18030"));
		}
	}

}
