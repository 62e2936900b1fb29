package io.opsguard.cmdb.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.shared.Foreground;

/**
 * Where the rows of an import come from (a spreadsheet or a CSV file, read by the web layer). A
 * source reads at most {@code maxRows} rows and refuses a longer file as soon as it meets the row
 * after them, without reading the rest.
 */
@FunctionalInterface
public interface ImportSource {

	/**
	 * The file's columns and its rows that have any value. {@code sheetName} is the class code an
	 * xlsx sheet must be named after; {@code columns} the columns of the class (keys and titles). The
	 * reader gives way to interactive work between rows ({@code work}).
	 */
	Table read(String sheetName, List<CiImport.Column> columns, int maxRows, Foreground.Batch work);

	/**
	 * What a file holds: the keys of the columns it has ({@code code}, {@code attributes.ip} …) and
	 * its rows. A column the file does not have leaves that field of an updated CI as it is; an
	 * empty cell of a column it has clears it.
	 */
	record Table(Set<String> columns, List<Row> rows) {
	}

	/** A row of the file: its number as the file shows it, and its non-empty cells by column key. */
	record Row(int number, Map<String, String> values) {
	}

}
