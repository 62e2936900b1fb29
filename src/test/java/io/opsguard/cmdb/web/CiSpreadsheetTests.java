package io.opsguard.cmdb.web;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.opsguard.cmdb.internal.CmdbError;
import io.opsguard.cmdb.internal.ImportSource;
import io.opsguard.shared.Foreground;
import io.opsguard.shared.OpsGuardException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading an uploaded sheet as a stream: a sheet far longer than the limit is refused after the
 * first row past it, with a small fraction of the memory a whole-workbook read takes (POI's user
 * model needed about 1 GB for 260,000 rows).
 */
class CiSpreadsheetTests {

	private static final int ROWS = 40_000;

	private static Path file;

	private static Path small;

	@BeforeAll
	static void sheets() throws Exception {
		file = sheet(ROWS);
		small = sheet(5);
	}

	private static Path sheet(int rows) throws Exception {
		Path file = Files.createTempFile("opsguard-sheet-", ".xlsx");
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("SWITCH");
			sheet.createRow(0).createCell(0).setCellValue("编码");
			Row keys = sheet.createRow(1);
			keys.createCell(0).setCellValue("code");
			keys.createCell(1).setCellValue("name");
			keys.createCell(2).setCellValue("attributes.cores");
			for (int r = 2; r < 2 + rows; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue("SW-" + r);
				row.createCell(1).setCellValue("交换机 " + r);
				row.createCell(2).setCellValue(r % 64);
			}
			workbook.write(out);
		}
		return file;
	}

	@AfterAll
	static void removeThem() throws Exception {
		Files.deleteIfExists(file);
		Files.deleteIfExists(small);
	}

	@Test
	void aSheetLongerThanTheLimitIsRefusedAtTheRowAfterIt() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThatThrownBy(() -> CiSpreadsheet.read(file, "SWITCH", 10_000, new Foreground().batch())).isInstanceOfSatisfying(OpsGuardException.class,
				ex -> assertThat(ex.errorCode()).isEqualTo(CmdbError.IMPORT_TOO_MANY_ROWS));
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		// reading the whole workbook allocates about 190 MB here, and grows with every row
		assertThat(allocated).as("bytes allocated while reading").isLessThan(120L * 1024 * 1024);
	}

	@Test
	void rowsUpToTheLimitAreReadWithTheirNumbersAndRawValues() {
		ImportSource.Table table = CiSpreadsheet.read(small, "SWITCH", 5, new Foreground().batch());
		assertThat(table.columns()).containsExactly("code", "name", "attributes.cores");
		assertThat(table.rows()).hasSize(5);
		ImportSource.Row first = table.rows().get(0);
		assertThat(first.number()).as("as Excel numbers it").isEqualTo(3);
		assertThat(first.values()).containsEntry("code", "SW-2").containsEntry("attributes.cores", "2");
	}

	@Test
	void aSheetOfAnotherNameIsNotThisClassesFile() {
		assertThatThrownBy(() -> CiSpreadsheet.read(small, "ROUTER", 10, new Foreground().batch())).isInstanceOfSatisfying(OpsGuardException.class,
				ex -> assertThat(ex.errorCode()).isEqualTo(CmdbError.IMPORT_FORMAT));
	}

}
