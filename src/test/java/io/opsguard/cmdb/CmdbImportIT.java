package io.opsguard.cmdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.cmdb.internal.ImportSlots;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI import as a careless user and an attacker would try it: every fault of every row at
 * once with the allowed values, CSV in the encodings Excel writes, files too long or too deep,
 * odd file names, and more imports at once than the server takes.
 */
class CmdbImportIT extends CmdbTestSupport {

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@Autowired
	ImportSlots slots;

	@Test
	void everyFaultOfEveryRowIsReportedWithTheAllowedValues() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "BUSINESS_SYSTEM");
		String rootCode = rootCode(admin);
		String tag = unique("ALL").toUpperCase();
		byte[] file = xlsx(admin, classId, "BUSINESS_SYSTEM", List.of(
				Map.of("code", tag + "-1", "name", "好的一行", "organisationId", rootCode),
				Map.of("code", tag + "-2", "name", "七处错误", "organisationId", "NO-SUCH-ORG", "ownerId", "no-such-user",
						"status", "报废", "importance", "超高", "attributes.category", "自研",
						"attributes.applicationSupport", "也许", "attributes.goLiveDate", "2026-02-30"),
				Map.of("code", tag + "-3", "name", "又一行坏的", "organisationId", rootCode, "importance", "极高")));
		JsonNode refused = upload(admin, classId, "systems.xlsx", XLSX, file, true).json();
		assertThat(refused.path("code").asText()).isEqualTo("CMDB-0030");
		List<JsonNode> sevenFaults = errorsOfRow(refused, 4);
		assertThat(sevenFaults).extracting(e -> e.path("column").asText())
			.containsExactlyInAnyOrder("所属机构", "负责人", "状态", "重要程度", "系统类别", "应用支撑类", "上线日期");
		assertThat(allowed(sevenFaults, "状态")).containsExactly("规划中", "在用", "维护中");
		assertThat(allowed(sevenFaults, "重要程度")).containsExactly("核心", "关键", "一般");
		assertThat(allowed(sevenFaults, "系统类别")).containsExactly("上级研发", "本省研发", "外购", "其他");
		assertThat(allowed(sevenFaults, "应用支撑类")).containsExactly("是", "否");
		assertThat(errorsOfRow(refused, 5)).extracting(e -> e.path("column").asText()).containsExactly("重要程度");
		assertThat(errorsOfRow(refused, 3)).as("the good row").isEmpty();

		JsonNode english = upload(admin.language("en"), classId, "systems.xlsx", XLSX, file, true).json();
		assertThat(allowed(errorsOfRow(english, 4), "Status")).containsExactly("Planned", "In use", "Maintenance");
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase()).json().path("total").asLong()).isZero();
	}

	@Test
	void csvIsReadInUtf8WithOrWithoutBomAndInGbk() {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "SWITCH");
		String rootCode = rootCode(admin);
		String tag = unique("CSV").toUpperCase();
		String header = "编码 *,名称 *,所属机构 *,状态,重要程度,标签\r\n";
		Map<String, byte[]> files = Map.of(
				"utf8-bom", ("\ufeff" + header + tag + "-A,接入交换机（甲）,\"" + rootCode + "\",在用,核心,\"生产,信创\"\r\n")
					.getBytes(StandardCharsets.UTF_8),
				"utf8", (header + tag + "-B,接入交换机（乙）," + rootCode + ",维护中,关键,\r\n").getBytes(StandardCharsets.UTF_8),
				"gbk", (header + tag + "-C,接入交换机（丙）," + rootCode + ",规划中,一般,测试\r\n").getBytes(Charset.forName("GBK")));
		files.forEach((name, bytes) -> {
			Response done = upload(admin, classId, name + ".csv", "text/csv", bytes, false);
			assertThat(done.status()).as(name + ": " + done).isEqualTo(200);
			assertThat(done.json().path("created").asInt()).isEqualTo(1);
		});
		JsonNode items = admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase() + "&sort=code,asc").json().path("items");
		assertThat(items.findValuesAsText("name")).containsExactly("接入交换机（甲）", "接入交换机（乙）", "接入交换机（丙）");
		assertThat(items.get(0).path("tags").toString()).contains("生产", "信创");
		assertThat(items.get(2).path("status").asText()).isEqualTo("PLANNED");

		// the list's own CSV export of one class goes back in as it came out
		Response export = admin.get("/api/v1/cmdb/cis/export.csv?classId=" + classId + "&q=" + tag.toLowerCase());
		Response again = upload(admin, classId, "export.csv", "text/csv", export.bytes(), true);
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().path("updated").asInt()).isEqualTo(3);

		Response refused = upload(admin, classId, "bad.csv", "text/csv",
				(header + tag + "-D,坏的,NO-SUCH-ORG,报废,,\r\n").getBytes(StandardCharsets.UTF_8), true);
		assertThat(refused.json().path("errors").findValuesAsText("column")).containsExactlyInAnyOrder("所属机构", "状态");
		Response noHeader = upload(admin, classId, "nothing.csv", "text/csv", "a;b;c\r\n1;2;3\r\n".getBytes(StandardCharsets.UTF_8),
				true);
		assertThat(noHeader.status()).isEqualTo(400);
		assertThat(noHeader.code()).isEqualTo("CMDB-0031");
	}

	@Test
	void aFileWithTooManyRowsIsRefusedWithoutReadingItAll() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] file;
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(
				new XSSFWorkbook(new ByteArrayInputStream(admin.get("/api/v1/cmdb/classes/" + classId + "/template.xlsx").bytes())),
				200)) {
			Sheet sheet = workbook.getXSSFWorkbook().getSheet("SWITCH");
			List<String> keys = keys(sheet);
			int code = keys.indexOf("code");
			int name = keys.indexOf("name");
			Sheet rows = workbook.getSheet("SWITCH");
			for (int r = 2; r < 2 + 60_000; r++) {
				Row row = rows.createRow(r);
				row.createCell(code).setCellValue("MANY-" + r);
				row.createCell(name).setCellValue("交换机 " + r);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			file = out.toByteArray();
		}
		long start = System.nanoTime();
		Response refused = upload(admin, classId, "many.xlsx", XLSX, file, true);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("CMDB-0032");
		assertThat(refused.json().path("detail").asText()).containsPattern("10,?000");
		assertThat(millis).as("stops at the limit instead of reading 60,000 rows").isLessThan(10_000);

		StringBuilder csv = new StringBuilder("编码,名称,所属机构\r\n");
		for (int r = 0; r < 10_001; r++) {
			csv.append("C-").append(r).append(",交换机,ROOT\r\n");
		}
		Response csvRefused = upload(admin, classId, "many.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8), true);
		assertThat(csvRefused.code()).isEqualTo("CMDB-0032");
	}

	@Test
	void aZipBombIsRefusedAsBadInputNotAsAServerError() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] template = admin.get("/api/v1/cmdb/classes/" + classId + "/template.xlsx").bytes();
		byte[] bomb = withSheetPadding(template, 200 * 1024 * 1024);
		assertThat(bomb.length).as("small on the wire").isLessThan(2 * 1024 * 1024);
		Response refused = upload(admin, classId, "bomb.xlsx", XLSX, bomb, true);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("CMDB-0033");
		assertThat(refused.json().path("detail").asText()).contains("压缩");
	}

	@Test
	void aNulInTheFileNameIsNoServerError() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] file = xlsx(admin, classId, "SWITCH", List.of());
		Response answer = upload(admin, classId, "cis\u0000.xlsx", XLSX, file, true);
		assertThat(answer.status()).as(answer.toString()).isLessThan(500);
		Response percent = upload(admin, classId, "cis%00.xlsx", XLSX, file, true);
		assertThat(percent.status()).as(percent.toString()).isLessThan(500);
	}

	@Test
	void moreImportsAtOnceThanAllowedAreAskedToComeBackLater() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] file = xlsx(admin, classId, "SWITCH", List.of());
		int taken = 0;
		try {
			while (this.slots.tryAcquire()) {
				taken++;
			}
			assertThat(taken).as("default concurrency").isEqualTo(2);
			Response busy = upload(admin, classId, "cis.xlsx", XLSX, file, true);
			assertThat(busy.status()).isEqualTo(503);
			assertThat(busy.code()).isEqualTo("CMDB-0034");
			assertThat(busy.headers()).containsKey("retry-after");
		}
		finally {
			for (int i = 0; i < taken; i++) {
				this.slots.release();
			}
		}
		assertThat(upload(admin, classId, "cis.xlsx", XLSX, file, true).status()).isEqualTo(200);
	}

	@Test
	void anOwnerOutsideTheScopeIsRefusedLikeAnUnknownUsername() throws Exception {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long mine = createOrganisation(admin, root, unique("本部"));
		long other = createOrganisation(admin, root, unique("他部"));
		String mineCode = admin.get("/api/v1/organisations/" + mine).json().path("code").asText();
		String stranger = unique("stranger");
		createUserAndSignIn(admin, stranger, other, List.of());
		ApiClient importer = createUserAndSignIn(admin, unique("imp"), mine, List.of(roleId(admin, "OM_MANAGER")));
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] file = xlsx(importer, classId, "SWITCH", List.of(
				Map.of("code", unique("SW-"), "name", "甲", "organisationId", mineCode, "ownerId", stranger),
				Map.of("code", unique("SW-"), "name", "乙", "organisationId", mineCode, "ownerId", unique("nobody"))));
		JsonNode refused = upload(importer, classId, "cis.xlsx", XLSX, file, true).json();
		List<JsonNode> foreign = errorsOfRow(refused, 3);
		List<JsonNode> unknown = errorsOfRow(refused, 4);
		assertThat(foreign).hasSize(1);
		assertThat(foreign.get(0).path("column").asText()).isEqualTo("负责人");
		assertThat(foreign.get(0).path("message")).isEqualTo(unknown.get(0).path("message"));
	}

	// ---- helpers --------------------------------------------------------------------------

	private String rootCode(ApiClient admin) {
		return admin.get("/api/v1/organisations/" + rootOrganisationId(admin)).json().path("code").asText();
	}

	private byte[] xlsx(ApiClient client, long classId, String sheetName, List<Map<String, String>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(client.get("/api/v1/cmdb/classes/" + classId + "/template.xlsx").bytes()))) {
			Sheet sheet = workbook.getSheet(sheetName);
			List<String> keys = keys(sheet);
			int r = 2;
			for (Map<String, String> values : rows) {
				Row row = sheet.createRow(r++);
				values.forEach((key, value) -> {
					assertThat(keys).as("template column").contains(key);
					row.createCell(keys.indexOf(key)).setCellValue(value);
				});
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private static List<String> keys(Sheet sheet) {
		List<String> keys = new ArrayList<>();
		sheet.getRow(1).forEach(cell -> keys.add(cell.getStringCellValue()));
		return keys;
	}

	/** The workbook with {@code padding} spaces inside its first sheet: tiny compressed, huge inflated. */
	private static byte[] withSheetPadding(byte[] xlsx, int padding) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(9);
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] content = in.readAllBytes();
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
					String xml = new String(content, StandardCharsets.UTF_8);
					int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
					zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
					byte[] spaces = new byte[1024 * 1024];
					java.util.Arrays.fill(spaces, (byte) ' ');
					for (int written = 0; written < padding; written += spaces.length) {
						zip.write(spaces);
					}
					zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
				}
				else {
					zip.write(content);
				}
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	private Response upload(ApiClient client, long classId, String fileName, String contentType, byte[] content,
			boolean dryRun) {
		return client.upload("/api/v1/cmdb/classes/" + classId + "/import?dryRun=" + dryRun, fileName, contentType, content);
	}

	private static List<JsonNode> errorsOfRow(JsonNode result, int row) {
		List<JsonNode> errors = new ArrayList<>();
		result.path("errors").forEach(e -> {
			if (e.path("row").asInt() == row) {
				errors.add(e);
			}
		});
		return errors;
	}

	private static List<String> allowed(List<JsonNode> errors, String column) {
		List<String> values = new ArrayList<>();
		errors.stream()
			.filter(e -> e.path("column").asText().equals(column))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error in " + column + ": " + errors))
			.path("allowedValues")
			.forEach(v -> values.add(v.asText()));
		return values;
	}

}
