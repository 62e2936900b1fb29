package io.opsguard.cmdb.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;

import io.opsguard.cmdb.internal.AttributeType;
import io.opsguard.cmdb.internal.CiImport.Column;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.CmdbError;
import io.opsguard.cmdb.internal.ImportSource;
import io.opsguard.shared.Foreground;
import io.opsguard.cmdb.web.CiViews.Names;
import io.opsguard.shared.OpsGuardException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The xlsx files of a class: the import template, the export in the same format, and the reading
 * of an uploaded file. Row 1 of the class's sheet holds the column titles in the user's language,
 * the hidden row 2 the column keys the import reads, and the sheet is named after the class code.
 * An upload is read as a stream of rows (POI's SAX reader) that stops at the row limit; parts that
 * unpack to too much, or unpack suspiciously well (a zip bomb), are refused.
 */
@Component
class CiSpreadsheet {

	/** The most a sheet may unpack to: a full 10,000-row sheet of a wide class is a few tens of MB. */
	static final long MAX_SHEET_BYTES = 256L * 1024 * 1024;

	/** The most the shared strings (held in memory while reading) may unpack to. */
	static final long MAX_SHARED_STRINGS_BYTES = 64L * 1024 * 1024;

	private final CiCells cells;

	private final MessageSource messages;

	CiSpreadsheet(CiCells cells, MessageSource messages) {
		this.cells = cells;
		this.messages = messages;
	}

	// ---- writing ---------------------------------------------------------------------------

	void template(ClassDef def, List<Column> columns, Locale locale, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			header(workbook, def, columns, locale);
			Sheet help = workbook.createSheet(message("cmdb.import.helpSheet", locale));
			Row title = help.createRow(0);
			title.createCell(0).setCellValue(message("cmdb.import.helpColumn", locale));
			title.createCell(1).setCellValue(message("cmdb.import.helpMeaning", locale));
			int r = 1;
			for (Column column : columns) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(this.cells.title(column, locale) + (column.required() ? " *" : ""));
				row.createCell(1).setCellValue(explain(column, locale));
			}
			help.setColumnWidth(0, 24 * 256);
			help.setColumnWidth(1, 80 * 256);
			workbook.write(out);
		}
	}

	/** The CIs in the template's format, written row by row (at most 100 rows in memory). */
	void export(ClassDef def, List<Column> columns, List<CiRecord> records, Names names, Locale locale, OutputStream out)
			throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100);
		try {
			Sheet sheet = header(workbook, def, columns, locale);
			int r = 2;
			for (CiRecord record : records) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < columns.size(); c++) {
					Object value = this.cells.value(columns.get(c), record, names, locale);
					if (value instanceof Number n) {
						row.createCell(c).setCellValue(n.doubleValue());
					}
					else if (value != null) {
						row.createCell(c).setCellValue(value.toString());
					}
				}
			}
			workbook.write(out);
		}
		finally {
			workbook.close();
		}
	}

	private Sheet header(Workbook workbook, ClassDef def, List<Column> columns, Locale locale) {
		Sheet sheet = workbook.createSheet(def.code());
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row titles = sheet.createRow(0);
		Row keys = sheet.createRow(1);
		keys.setZeroHeight(true);
		for (int c = 0; c < columns.size(); c++) {
			Cell cell = titles.createCell(c);
			cell.setCellValue(this.cells.title(columns.get(c), locale) + (columns.get(c).required() ? " *" : ""));
			cell.setCellStyle(bold);
			keys.createCell(c).setCellValue(columns.get(c).key());
			sheet.setColumnWidth(c, 18 * 256);
		}
		sheet.createFreezePane(0, 2);
		return sheet;
	}

	private String explain(Column column, Locale locale) {
		if (column.attribute() == null) {
			return message("cmdb.import.explain." + column.key(), locale);
		}
		AttributeDef a = column.attribute();
		String type = message("cmdb.type." + a.type(), locale);
		if (a.type() == AttributeType.ENUM) {
			type += ": " + String.join(" / ", a.options().stream().map(o -> CiViews.optionLabel(a, o.value(), locale)).toList());
		}
		return type + (a.unique() ? "; " + message("cmdb.import.unique", locale) : "");
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	// ---- reading ---------------------------------------------------------------------------

	/**
	 * The rows of the class's sheet, read as a stream: row 2 names the columns, rows from 3 on are
	 * data; reading stops with a refusal at the first row past {@code maxRows}.
	 */
	static ImportSource.Table read(Path file, String sheetName, int maxRows, Foreground.Batch work) {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			StylesTable styles = reader.getStylesTable();
			ReadOnlySharedStringsTable strings = sharedStrings(pkg);
			XSSFReader.SheetIterator sheets = reader.getSheetIterator();
			while (sheets.hasNext()) {
				try (InputStream sheet = sheets.next()) {
					if (sheetName.equals(sheets.getSheetName())) {
						SheetRows rows = new SheetRows(maxRows, work);
						XMLReader parser = SAXHelper.newXMLReader();
						parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new RawValues(), false));
						parser.parse(new InputSource(new CappedInputStream(sheet, MAX_SHEET_BYTES)));
						return rows.table(sheetName);
					}
				}
			}
			throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
		}
		catch (IOException | SAXException | OpenXML4JException | ParserConfigurationException
				| org.apache.poi.ooxml.POIXMLException
				| IllegalStateException | IllegalArgumentException ex) {
			throw refusal(ex, sheetName);
		}
	}

	private static ReadOnlySharedStringsTable sharedStrings(OPCPackage pkg) throws IOException, SAXException {
		List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
		if (parts.isEmpty()) {
			return new ReadOnlySharedStringsTable(pkg, false);
		}
		try (InputStream in = new CappedInputStream(parts.get(0).getInputStream(), MAX_SHARED_STRINGS_BYTES)) {
			return new ReadOnlySharedStringsTable(in, false);
		}
	}

	/** What went wrong while reading, as the user's problem: a too-long file, a zip bomb, or no such file. */
	private static OpsGuardException refusal(Throwable failure, String sheetName) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof OpsGuardException refused) {
				return refused;
			}
			if (t instanceof CappedInputStream.TooLarge
					|| (t.getMessage() != null && t.getMessage().contains("Zip bomb"))) {
				return new OpsGuardException(CmdbError.IMPORT_TOO_EXPANDED);
			}
		}
		return new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
	}

	/** Collects the rows of a sheet: keys from row 2, values from row 3 on, up to the limit. */
	private static final class SheetRows implements SheetContentsHandler {

		private final int maxRows;

		private final Foreground.Batch work;

		private final List<String> keys = new ArrayList<>();

		private final List<ImportSource.Row> rows = new ArrayList<>();

		private Map<Integer, String> current = new HashMap<>();

		SheetRows(int maxRows, Foreground.Batch work) {
			this.maxRows = maxRows;
			this.work = work;
		}

		@Override
		public void startRow(int rowNum) {
			this.work.giveWay();
			this.current = new HashMap<>();
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			if (reference == null || value == null || value.isBlank()) {
				return;
			}
			int column = new CellReference(reference).getCol();
			// cells right of the last named column are not read (a sheet may be very wide)
			if (this.keys.isEmpty() ? column < 1000 : column < this.keys.size()) {
				this.current.put(column, value.trim());
			}
		}

		@Override
		public void endRow(int rowNum) {
			if (rowNum == 1) {
				int width = this.current.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
				for (int c = 0; c < width; c++) {
					this.keys.add(this.current.getOrDefault(c, ""));
				}
				return;
			}
			if (rowNum < 2 || this.current.isEmpty()) {
				return;
			}
			Map<String, String> values = new LinkedHashMap<>();
			this.current.forEach((column, value) -> {
				if (column < this.keys.size() && !this.keys.get(column).isEmpty()) {
					values.put(this.keys.get(column), value);
				}
			});
			if (values.isEmpty()) {
				return;
			}
			if (this.rows.size() == this.maxRows) {
				throw new OpsGuardException(CmdbError.IMPORT_TOO_MANY_ROWS, this.maxRows);
			}
			this.rows.add(new ImportSource.Row(rowNum + 1, values));
		}

		ImportSource.Table table(String sheetName) {
			if (!this.keys.contains("code") || !this.keys.contains("name")) {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
			}
			Set<String> columns = new LinkedHashSet<>(this.keys);
			columns.remove("");
			return new ImportSource.Table(columns, this.rows);
		}

	}

	/**
	 * Cell values as the import reads them rather than as Excel shows them: numbers in full
	 * ({@code 32}, {@code 0.5}), dates as {@code yyyy-MM-dd}.
	 */
	private static final class RawValues extends DataFormatter {

		RawValues() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			return formatRawCellContents(value, formatIndex, formatString, false);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
			}
			return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		}

	}

}
