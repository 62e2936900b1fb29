package io.opsguard.cmdb.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiService.CiFilter;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moving CIs in and out: a per-class xlsx template and export in the same format, an import that
 * checks every row and writes all of them or none, and a CSV export of any list. Row 1 of a sheet
 * holds the column titles in the user's language, the hidden row 2 the field keys the import
 * reads, and the sheet is named after the class code.
 */
@Service
public class CiTransfer {

	static final int MAX_ROWS = 10_000;

	static final int EXPORT_LIMIT = 100_000;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final CiService cis;

	private final CiStore store;

	private final ClassCatalog catalog;

	private final Organisations organisations;

	private final Users users;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final AuditTrail audit;

	private final CmdbGraph graph;

	CiTransfer(CiService cis, CiStore store, ClassCatalog catalog, Organisations organisations, Users users,
			JdbcClient jdbc, MessageSource messages, TransactionTemplate transactions, AuditTrail audit, CmdbGraph graph) {
		this.cis = cis;
		this.store = store;
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
		this.jdbc = jdbc;
		this.messages = messages;
		this.transactions = transactions;
		this.audit = audit;
		this.graph = graph;
	}

	/** A column of the class's sheet: its key and its title. */
	record Column(String key, String title, boolean required, AttributeDef attribute) {
	}

	List<Column> columns(ClassDef def, Locale locale) {
		List<Column> columns = new ArrayList<>();
		boolean physical = this.catalog.physical(def.id());
		for (String field : CiInputFields.ORDERED) {
			if (!physical && List.of("vendor", "model", "serialNumber", "contract").contains(field)) {
				continue;
			}
			boolean required = field.equals("code") || field.equals("name") || field.equals("organisationId");
			columns.add(new Column(field, message("cmdb.field." + field, locale), required, null));
		}
		for (AttributeDef attribute : this.catalog.attributes(def.id())) {
			columns.add(new Column("attributes." + attribute.code(), ClassCatalog.name(attribute, locale), attribute.required(),
					attribute));
		}
		return columns;
	}

	// ---- xlsx ------------------------------------------------------------------------------

	public String fileName(long classId, String kind, Locale locale) {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		return ClassCatalog.name(def, locale) + "-" + message("cmdb.export." + kind, locale) + "-"
				+ LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE) + ".xlsx";
	}

	public void template(long classId, Locale locale, OutputStream out) throws IOException {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		try (Workbook workbook = new XSSFWorkbook()) {
			List<Column> columns = columns(def, locale);
			header(workbook, def, columns);
			Sheet help = workbook.createSheet(message("cmdb.import.helpSheet", locale));
			Row title = help.createRow(0);
			title.createCell(0).setCellValue(message("cmdb.import.helpColumn", locale));
			title.createCell(1).setCellValue(message("cmdb.import.helpMeaning", locale));
			int r = 1;
			for (Column column : columns) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(column.title() + (column.required() ? " *" : ""));
				row.createCell(1).setCellValue(explain(column, locale));
			}
			help.setColumnWidth(0, 24 * 256);
			help.setColumnWidth(1, 80 * 256);
			workbook.write(out);
		}
	}

	public void exportXlsx(CurrentUser user, long classId, CiFilter filter, Locale locale, OutputStream out)
			throws IOException {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		List<Column> columns = columns(def, locale);
		List<CiRecord> records = this.cis.all(user, filter, EXPORT_LIMIT);
		Map<Long, String> usernames = usernames(records);
		Map<Long, String> ciCodes = referencedCodes(records);
		try (Workbook workbook = new XSSFWorkbook()) {
			Sheet sheet = header(workbook, def, columns);
			int r = 2;
			for (CiRecord record : records) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < columns.size(); c++) {
					Object value = exportValue(columns.get(c), record, usernames, ciCodes, locale);
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
	}

	private Sheet header(Workbook workbook, ClassDef def, List<Column> columns) {
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
			cell.setCellValue(columns.get(c).title() + (columns.get(c).required() ? " *" : ""));
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
			type += ": " + String.join(" / ", a.options().stream().map(o -> o.label(locale)).toList());
		}
		return type + (a.unique() ? "; " + message("cmdb.import.unique", locale) : "");
	}

	private Object exportValue(Column column, CiRecord r, Map<Long, String> usernames, Map<Long, String> ciCodes,
			Locale locale) {
		return switch (column.key()) {
			case "code" -> r.code();
			case "name" -> r.name();
			case "organisationId" -> this.organisations.find(r.organisationId()).map(o -> o.code()).orElse(null);
			case "ownerId" -> r.ownerId() == null ? null : usernames.get(r.ownerId());
			case "status" -> message("cmdb.status." + r.status(), locale);
			case "importance" -> message("cmdb.importance." + r.importance(), locale);
			case "location" -> r.location();
			case "vendor" -> r.vendor();
			case "model" -> r.model();
			case "serialNumber" -> r.serialNumber();
			case "contract" -> r.contract();
			case "tags" -> String.join(",", r.tags());
			case "notes" -> r.notes();
			default -> {
				Object value = r.attributes().get(column.attribute().code());
				if (value == null) {
					yield null;
				}
				yield switch (column.attribute().type()) {
					case ENUM -> CiViews.optionLabel(column.attribute(), value.toString(), locale);
					case BOOLEAN -> message(Boolean.TRUE.equals(value) ? "cmdb.yes" : "cmdb.no", locale);
					case USER -> usernames.get(((Number) value).longValue());
					case CI -> ciCodes.get(((Number) value).longValue());
					case ORGANISATION -> this.organisations.find(((Number) value).longValue()).map(o -> o.code()).orElse(null);
					case NUMBER -> value instanceof Number n ? n : new BigDecimal(value.toString());
					default -> value.toString();
				};
			}
		};
	}

	private Map<Long, String> usernames(List<CiRecord> records) {
		Set<Long> ids = new HashSet<>();
		records.forEach(r -> {
			if (r.ownerId() != null) {
				ids.add(r.ownerId());
			}
			for (AttributeDef def : this.catalog.attributes(r.classId())) {
				if (def.type() == AttributeType.USER && r.attributes().get(def.code()) instanceof Number n) {
					ids.add(n.longValue());
				}
			}
		});
		Map<Long, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("select id, username from idn_user where id in (:ids)").param("ids", ids).query((rs, i) -> names.put(rs.getLong(1), rs.getString(2))).list();
		}
		return names;
	}

	private Map<Long, String> referencedCodes(List<CiRecord> records) {
		Set<Long> ids = new HashSet<>();
		records.forEach(r -> {
			for (AttributeDef def : this.catalog.attributes(r.classId())) {
				if (def.type() == AttributeType.CI && r.attributes().get(def.code()) instanceof Number n) {
					ids.add(n.longValue());
				}
			}
		});
		Map<Long, String> codes = new HashMap<>();
		this.store.findAll(List.copyOf(ids)).forEach(c -> codes.put(c.id(), c.code()));
		return codes;
	}

	// ---- import ----------------------------------------------------------------------------

	/**
	 * Reads the workbook and writes every row in one transaction, which is rolled back if any row is
	 * bad or if only a check was asked for.
	 */
	public ImportResult importXlsx(CurrentUser user, long classId, InputStream in, boolean dryRun, Locale locale) {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		List<Map<String, Object>> rows;
		List<Integer> rowNumbers = new ArrayList<>();
		Map<String, String> titles = new HashMap<>();
		columns(def, locale).forEach(c -> titles.put(c.key(), c.title()));
		try (Workbook workbook = new XSSFWorkbook(in)) {
			Sheet sheet = workbook.getSheet(def.code());
			if (sheet == null) {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, def.code());
			}
			Row keyRow = sheet.getRow(1);
			if (keyRow == null) {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, def.code());
			}
			List<String> keys = new ArrayList<>();
			for (int c = 0; c < keyRow.getLastCellNum(); c++) {
				Cell cell = keyRow.getCell(c);
				keys.add(cell == null ? "" : cell.toString().trim());
			}
			if (!keys.contains("code") || !keys.contains("name")) {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, def.code());
			}
			if (sheet.getLastRowNum() - 1 > MAX_ROWS) {
				throw new OpsGuardException(CmdbError.IMPORT_TOO_MANY_ROWS, MAX_ROWS);
			}
			rows = new ArrayList<>();
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null) {
					continue;
				}
				Map<String, Object> values = new LinkedHashMap<>();
				boolean any = false;
				for (int c = 0; c < keys.size(); c++) {
					Object value = cellValue(row.getCell(c));
					if (value != null && !keys.get(c).isEmpty()) {
						values.put(keys.get(c), value);
						any = true;
					}
				}
				if (any) {
					rows.add(values);
					rowNumbers.add(r + 1);
				}
			}
		}
		catch (IOException | org.apache.poi.UnsupportedFileFormatException | org.apache.poi.ooxml.POIXMLException ex) {
			throw new OpsGuardException(CmdbError.IMPORT_FORMAT, def.code());
		}
		List<ImportError> errors = new ArrayList<>();
		int[] counts = new int[2];
		this.transactions.executeWithoutResult(tx -> {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < rows.size(); i++) {
				int rowNumber = rowNumbers.get(i);
				Map<String, Object> values = rows.get(i);
				try {
					String code = text(values.get("code"));
					if (code != null && !seen.add(code.toLowerCase(Locale.ROOT))) {
						errors.add(new ImportError(rowNumber, titles.get("code"), message("cmdb.import.duplicateInFile", locale)));
						continue;
					}
					var existing = code == null ? java.util.Optional.<CiRecord>empty() : this.store.findByCode(code);
					if (existing.isPresent()) {
						if (existing.get().classId() != classId) {
							errors.add(new ImportError(rowNumber, titles.get("code"),
									message("cmdb.import.otherClass", locale)));
							continue;
						}
						this.cis.updateRecord(user, existing.get().id(), input(def, values, existing.get(), rowNumber, errors,
								titles, locale), locale, Action.IMPORTED);
						counts[1]++;
					}
					else {
						this.cis.createRecord(user, classId, input(def, values, null, rowNumber, errors, titles, locale),
								locale, Action.IMPORTED);
						counts[0]++;
					}
				}
				catch (OpsGuardException ex) {
					if (ex.fieldProblems().isEmpty()) {
						errors.add(new ImportError(rowNumber, "", this.messages.getMessage(ex.errorCode().detailKey(),
								ex.args(), locale)));
					}
					for (OpsGuardException.FieldProblem problem : ex.fieldProblems()) {
						errors.add(new ImportError(rowNumber, titles.getOrDefault(problem.field(), problem.field()),
								this.messages.getMessage(problem.errorCode().detailKey(), problem.args(), locale)));
					}
				}
				catch (RejectedCell ex) {
					// already listed in errors
				}
			}
			if (!errors.isEmpty() || dryRun) {
				tx.setRollbackOnly();
			}
			else {
				this.audit.record("CI_IMPORTED", "CI_CLASS", classId, def.code() + ": +" + counts[0] + " ~" + counts[1], true);
			}
		});
		if (errors.isEmpty() && !dryRun) {
			this.graph.invalidate();
		}
		boolean valid = errors.isEmpty();
		return new ImportResult(valid, !valid || dryRun ? false : true, rows.size(), valid ? counts[0] : 0,
				valid ? counts[1] : 0, errors.stream().limit(500).toList());
	}

	/** Cell text, number or date, with references by code and username turned into ids. */
	private CiInput input(ClassDef def, Map<String, Object> values, CiRecord existing, int row, List<ImportError> errors,
			Map<String, String> titles, Locale locale) {
		Long organisationId = null;
		String organisationCode = text(values.get("organisationId"));
		if (organisationCode != null) {
			organisationId = this.organisations.findByCode(organisationCode).map(o -> o.id()).orElse(-1L);
		}
		Long ownerId = null;
		String owner = text(values.get("ownerId"));
		if (owner != null) {
			ownerId = this.jdbc.sql("select id from idn_user where lower(username) = :u")
				.param("u", owner.toLowerCase(Locale.ROOT))
				.query(Long.class)
				.optional()
				.orElse(-1L);
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (AttributeDef attribute : this.catalog.attributes(def.id())) {
			Object value = values.get("attributes." + attribute.code());
			if (value == null) {
				continue;
			}
			attributes.put(attribute.code(), switch (attribute.type()) {
				case CI -> this.store.findByCode(value.toString().trim()).map(CiRecord::id).map(Object.class::cast).orElse("-1");
				case USER -> this.jdbc.sql("select id from idn_user where lower(username) = :u")
					.param("u", value.toString().trim().toLowerCase(Locale.ROOT))
					.query(Long.class)
					.optional()
					.map(Object.class::cast)
					.orElse("-1");
				case ORGANISATION -> this.organisations.findByCode(value.toString().trim())
					.map(o -> (Object) o.id())
					.orElse("-1");
				default -> value;
			});
		}
		CiStatus status = parse(values.get("status"), CiStatus.values(), "cmdb.status.", locale);
		Importance importance = parse(values.get("importance"), Importance.values(), "cmdb.importance.", locale);
		if (values.get("status") != null && status == null) {
			errors.add(new ImportError(row, titles.get("status"), message("cmdb.import.badValue", locale)));
			throw new RejectedCell();
		}
		if (values.get("importance") != null && importance == null) {
			errors.add(new ImportError(row, titles.get("importance"), message("cmdb.import.badValue", locale)));
			throw new RejectedCell();
		}
		String tags = text(values.get("tags"));
		return new CiInput(text(values.get("code")), text(values.get("name")) == null ? "" : text(values.get("name")),
				organisationId, ownerId, status == null && existing != null ? existing.status() : status,
				importance == null && existing != null ? existing.importance() : importance, text(values.get("location")),
				text(values.get("vendor")), text(values.get("model")), text(values.get("serialNumber")),
				text(values.get("contract")), existing == null ? List.of() : existing.documents(),
				tags == null ? List.of() : Arrays.stream(tags.split("[,，]")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
				text(values.get("notes")), attributes, null);
	}

	private <E extends Enum<E>> E parse(Object value, E[] constants, String prefix, Locale locale) {
		if (value == null) {
			return null;
		}
		String text = value.toString().trim();
		for (E constant : constants) {
			if (constant.name().equalsIgnoreCase(text)
					|| this.messages.getMessage(prefix + constant.name(), null, "", Locale.SIMPLIFIED_CHINESE).equals(text)
					|| this.messages.getMessage(prefix + constant.name(), null, "", Locale.ENGLISH).equalsIgnoreCase(text)) {
				return constant;
			}
		}
		return null;
	}

	private static Object cellValue(Cell cell) {
		if (cell == null) {
			return null;
		}
		CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
		return switch (type) {
			case STRING -> cell.getStringCellValue().isBlank() ? null : cell.getStringCellValue().trim();
			case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
					: BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
			case BOOLEAN -> cell.getBooleanCellValue();
			default -> null;
		};
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString().trim();
		return text.isEmpty() ? null : text;
	}

	// ---- csv -------------------------------------------------------------------------------

	public void exportCsv(CurrentUser user, CiFilter filter, Locale locale, OutputStream out) throws IOException {
		List<CiRecord> records = this.cis.all(user, filter, EXPORT_LIMIT);
		ClassDef def = filter.classId() == null ? null : this.catalog.find(filter.classId()).orElse(null);
		List<Column> columns = new ArrayList<>();
		for (String field : List.of("code", "name", "classId", "organisationId", "ownerId", "status", "importance", "location",
				"tags", "lastVerifiedAt", "updatedAt")) {
			columns.add(new Column(field, message("cmdb.field." + field, locale), false, null));
		}
		if (def != null) {
			for (AttributeDef attribute : this.catalog.attributes(def.id())) {
				columns.add(new Column("attributes." + attribute.code(), ClassCatalog.name(attribute, locale), false, attribute));
			}
		}
		Map<Long, String> usernames = usernames(records);
		Map<Long, String> ciCodes = referencedCodes(records);
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\ufeff');
		writer.write(String.join(",", columns.stream().map(c -> csv(c.title())).toList()));
		writer.write("\r\n");
		for (CiRecord r : records) {
			List<String> cells = new ArrayList<>();
			for (Column column : columns) {
				Object value = switch (column.key()) {
					case "classId" -> this.catalog.find(r.classId()).map(d -> ClassCatalog.name(d, locale)).orElse(null);
					case "organisationId" -> this.organisations.find(r.organisationId()).map(o -> o.name()).orElse(null);
					case "lastVerifiedAt" -> r.lastVerifiedAt() == null ? null : TIME.format(r.lastVerifiedAt());
					case "updatedAt" -> TIME.format(r.updatedAt());
					default -> exportValue(column, r, usernames, ciCodes, locale);
				};
				cells.add(csv(value == null ? "" : value.toString()));
			}
			writer.write(String.join(",", cells));
			writer.write("\r\n");
		}
		writer.flush();
	}

	/** RFC 4180 quoting; a leading = + - @ is neutralised so that spreadsheets do not run it as a formula. */
	static String csv(String value) {
		String text = value;
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	/** The outcome of an import: counts of created and updated CIs, or the errors of every bad row. */
	/** The problem a refused import answers with (the row errors go with it). */
	public static final io.opsguard.shared.ErrorCode IMPORT_REFUSED = CmdbError.IMPORT_INVALID;

	public record ImportResult(boolean valid, boolean written, int rows, int created, int updated,
			List<ImportError> errors) {
	}

	/** A problem in a cell: row number as Excel shows it, column title and message. */
	public record ImportError(int row, String column, String message) {
	}

	private static final class RejectedCell extends RuntimeException {

		RejectedCell() {
			super(null, null, false, false);
		}

	}

}
