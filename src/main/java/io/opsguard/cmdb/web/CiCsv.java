package io.opsguard.cmdb.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.internal.CiImport.Column;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.CmdbError;
import io.opsguard.cmdb.internal.ImportSource;
import io.opsguard.shared.Foreground;
import io.opsguard.cmdb.web.CiViews.Names;
import io.opsguard.shared.OpsGuardException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * CSV files of CIs: the export of any list (UTF-8 with a byte-order mark, so that Excel opens it
 * right; a cell starting with = + - @ is neutralised so that a spreadsheet does not run it), and
 * the import of a class's CIs: the first row names the columns by their titles (in either
 * language, as the template or the export write them) or keys, the text is UTF-8 with or without a
 * byte-order mark or GBK/GB18030 as Excel in China saves it.
 */
@Component
class CiCsv {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	/** Columns every list export has, before the attributes of a filtered class. */
	private static final List<String> LIST_FIELDS = List.of("code", "name", "classId", "organisationId", "ownerId", "status",
			"importance", "location", "tags", "lastVerifiedAt", "updatedAt");

	private static final Charset GB18030 = Charset.forName("GB18030");

	private final CiCells cells;

	private final ClassCatalog catalog;

	private final CiViews views;

	private final MessageSource messages;

	CiCsv(CiCells cells, ClassCatalog catalog, CiViews views, MessageSource messages) {
		this.cells = cells;
		this.catalog = catalog;
		this.views = views;
		this.messages = messages;
	}

	// ---- writing ---------------------------------------------------------------------------

	/** The list; with the columns of the class's attributes when {@code classColumns} are given. */
	void export(List<CiRecord> records, List<Column> classColumns, Names names, Locale locale, OutputStream out)
			throws IOException {
		List<String> keys = new ArrayList<>(LIST_FIELDS);
		Map<String, Column> attributes = new LinkedHashMap<>();
		classColumns.stream().filter(c -> c.attribute() != null).forEach(c -> attributes.put(c.key(), c));
		keys.addAll(attributes.keySet());
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\ufeff');
		List<String> titles = new ArrayList<>();
		for (String key : keys) {
			titles.add(csv(attributes.containsKey(key) ? this.cells.title(attributes.get(key), locale)
					: this.messages.getMessage("cmdb.field." + key, null, key, locale)));
		}
		writer.write(String.join(",", titles));
		writer.write("\r\n");
		for (CiRecord r : records) {
			List<String> row = new ArrayList<>();
			for (String key : keys) {
				Object value = switch (key) {
					case "classId" -> this.catalog.find(r.classId()).map(d -> ClassCatalog.name(d, locale)).orElse(null);
					case "organisationId" -> this.views.organisationName(r.organisationId());
					case "lastVerifiedAt" -> r.lastVerifiedAt() == null ? null : TIME.format(r.lastVerifiedAt());
					case "updatedAt" -> TIME.format(r.updatedAt());
					default -> this.cells.value(attributes.getOrDefault(key, new Column(key, null, false, null)), r, names,
							locale);
				};
				row.add(csv(value == null ? "" : value.toString()));
			}
			writer.write(String.join(",", row));
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

	// ---- reading ---------------------------------------------------------------------------

	/**
	 * The rows of a CSV file with the columns of the class: the header row is matched against the
	 * columns' keys and titles (a trailing "*" of required columns is ignored, unknown columns are
	 * skipped); a second row of keys, as a template saved as CSV has it, is skipped too.
	 */
	ImportSource.Table read(Path file, String sheetName, List<Column> columns, int maxRows, Foreground.Batch work) {
		Map<String, String> keysByTitle = new HashMap<>();
		for (Column column : columns) {
			keysByTitle.put(normal(column.key()), column.key());
			for (Locale language : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
				keysByTitle.putIfAbsent(normal(this.messages.getMessage(column.title(), language)), column.key());
			}
		}
		try (Reader reader = reader(file);
				CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
			List<String> keys = new ArrayList<>();
			List<ImportSource.Row> rows = new ArrayList<>();
			int number = 0;
			for (CSVRecord record : parser) {
				work.giveWay();
				number++;
				if (keys.isEmpty()) {
					for (String title : record) {
						keys.add(keysByTitle.getOrDefault(normal(title), ""));
					}
					if (!keys.contains("code") || !keys.contains("name")) {
						throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
					}
					continue;
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int c = 0; c < Math.min(keys.size(), record.size()); c++) {
					String value = unguarded(record.get(c).trim());
					if (!keys.get(c).isEmpty() && !value.isEmpty()) {
						values.put(keys.get(c), value);
					}
				}
				if (values.isEmpty() || (number == 2 && "code".equals(values.get("code")))) {
					continue;
				}
				if (rows.size() == maxRows) {
					throw new OpsGuardException(CmdbError.IMPORT_TOO_MANY_ROWS, maxRows);
				}
				rows.add(new ImportSource.Row(number, values));
			}
			if (keys.isEmpty()) {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
			}
			Set<String> present = new LinkedHashSet<>(keys);
			present.remove("");
			return new ImportSource.Table(present, rows);
		}
		catch (IOException | IllegalStateException | java.io.UncheckedIOException ex) {
			throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheetName);
		}
	}

	/** A title as matched: without a leading byte-order mark, a trailing "*" and spaces, in lower case. */
	private static String normal(String title) {
		String text = title == null ? "" : title.replace("\ufeff", "").trim();
		if (text.endsWith("*")) {
			text = text.substring(0, text.length() - 1).trim();
		}
		return text.toLowerCase(Locale.ROOT);
	}

	/** A cell the export neutralised ('=…) as it was. */
	private static String unguarded(String value) {
		return value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0 ? value.substring(1)
				: value;
	}

	/** The file's text: UTF-8 (a byte-order mark is skipped) when it is valid UTF-8, otherwise GB18030 (GBK). */
	static Reader reader(Path file) throws IOException {
		Charset charset = isUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
		InputStream in = Files.newInputStream(file);
		byte[] head = in.readNBytes(3);
		boolean bom = head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
		InputStream rest = bom ? in : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
		return new BufferedReader(new java.io.InputStreamReader(rest, charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE)));
	}

	/** Whether the whole file decodes as UTF-8, read in chunks. */
	static boolean isUtf8(Path file) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try (InputStream in = Files.newInputStream(file)) {
			ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
			CharBuffer chars = CharBuffer.allocate(64 * 1024);
			byte[] chunk = new byte[32 * 1024];
			int n;
			while ((n = in.read(chunk)) >= 0) {
				bytes.put(chunk, 0, n);
				bytes.flip();
				if (decoder.decode(bytes, chars, false).isError()) {
					return false;
				}
				chars.clear();
				bytes.compact();
			}
			bytes.flip();
			if (decoder.decode(bytes, chars, true).isError()) {
				return false;
			}
			return !decoder.flush(chars).isError();
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
