package io.opsguard.benchmark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Other people's work while a large import runs (issue 8, defect 2): an administrator imports
 * 10,000 virtual machines from the CMDB's xlsx template in one request, and meanwhile ten people
 * sign in again and again and edit CIs. Before audit entries were sealed after commit, the import
 * held the audit chain's lock for its whole transaction, and every sign-in and change waited for
 * it and failed after two seconds.
 */
final class ImportBenchmark implements Benchmark {

	static final int ROWS = 10_000;

	/** Imports one after the other (the first creates, the others update), so that the window holds enough sign-ins. */
	private static final int IMPORTS = 3;

	private static final int CLIENTS = 10;

	private static final String PASSWORD = "Bench@Import2026";

	private static final String INITIAL = "Start#Import2026";

	private final ObjectMapper json = new ObjectMapper();

	@Override
	public String name() {
		return "import";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		try (CloseableHttpClient admin = signedIn(context, "admin", context.adminPassword())) {
			long classId = classId(admin, context, "VIRTUAL_MACHINE");
			List<Long> editable = createUsersAndCis(admin, context, classId);
			byte[] workbook = workbook(get(admin, context, "/api/v1/cmdb/classes/" + classId + "/template.xlsx"));

			List<LoadClient> people = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				people.add(new LoadClient(context.baseUrl(), i));
			}
			// warm-up: the same sign-ins and edits without an import
			Latencies warmSignIn = new Latencies();
			Latencies warmEdit = new Latencies();
			LoadPhases.run(people, 5_000, 0, person -> {
				pause();
				work(person, context, editable, warmSignIn, warmEdit);
			});

			Latencies quietSignIn = new Latencies();
			Latencies quietEdit = new Latencies();
			LoadPhases.run(people, 15_000, 0, person -> {
				pause();
				work(person, context, editable, quietSignIn, quietEdit);
			});

			// the imports run in the background while people work, until the last has answered: the
			// file first creates its CIs, then updates them (an import of the same file again)
			List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
			List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
			List<Double> seconds = new java.util.concurrent.CopyOnWriteArrayList<>();
			long importStart = System.nanoTime();
			Thread importer = new Thread(() -> {
				try (CloseableHttpClient importing = signedIn(context, "admin", context.adminPassword())) {
					for (int i = 0; i < IMPORTS; i++) {
						long started = System.nanoTime();
						HttpPost post = new HttpPost(context.baseUrl() + "/api/v1/cmdb/classes/" + classId + "/import");
						post.setHeader("X-XSRF-TOKEN", xsrf(importing));
						post.setEntity(MultipartEntityBuilder.create()
							.addBinaryBody("file", workbook, ContentType.create(
									"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "vms.xlsx")
							.build());
						importing.execute(post, response -> {
							statuses.add(response.getCode());
							outcomes.add(EntityUtils.toString(response.getEntity()));
							return null;
						});
						seconds.add((System.nanoTime() - started) / 1e9);
					}
				}
				catch (Exception ex) {
					outcomes.add(ex.toString());
				}
			});
			Latencies signIn = new Latencies();
			Latencies edit = new Latencies();
			importer.start();
			Thread.sleep(200);
			List<Thread> workers = new ArrayList<>();
			for (LoadClient person : people) {
				Thread worker = new Thread(() -> {
					while (importer.isAlive()) {
						pause();
						if (importer.isAlive()) {
							work(person, context, editable, signIn, edit);
						}
					}
				});
				worker.start();
				workers.add(worker);
			}
			importer.join();
			double importSeconds = (System.nanoTime() - importStart) / 1e9;
			for (Thread worker : workers) {
				worker.join();
			}
			if (statuses.size() != IMPORTS || statuses.stream().anyMatch(status -> status != 200)) {
				throw new IllegalStateException("an import failed: " + statuses + " " + outcomes);
			}
			long created = this.json.readTree(outcomes.get(0)).path("created").asLong();
			long updated = this.json.readTree(outcomes.get(1)).path("updated").asLong();

			List<Figure> figures = new ArrayList<>();
			figures.add(Figure.info("import.rows", created, "CIs").remark("one xlsx of " + ROWS + " virtual machines"));
			figures.add(Figure.info("import.create.time", seconds.get(0), "s").remark("the first import creates them"));
			figures.add(Figure.info("import.update.time", seconds.get(1), "s")
				.remark("the same file again updates " + updated + " CIs"));
			figures.add(Figure.info("import.window", importSeconds, "s")
				.remark(IMPORTS + " imports one after the other, while people work"));
			figures.add(Figure.info("import.quiet.signin.p95", quietSignIn.percentileMillis(95), "ms")
				.remark("the same sign-ins without an import, for comparison"));
			figures.add(Figure.atMost("import.during.signin.p95", signIn.percentileMillis(95), "ms", 200)
				.remark(CLIENTS + " people signing in again and again while the imports run (" + signIn.count()
						+ " sign-ins)"));
			figures.add(Figure.info("import.during.signin.max", signIn.percentileMillis(100), "ms"));
			figures.add(Figure.info("import.quiet.ci-edit.p95", quietEdit.percentileMillis(95), "ms"));
			figures.add(Figure.info("import.during.ci-edit.p95", edit.percentileMillis(95), "ms")
				.remark(edit.count() + " edits of other CIs while the import runs"));
			figures.add(Figure.atMost("import.during.errors", signIn.errors() + edit.errors(), "requests", 0)
				.remark("sign-ins and edits that failed while the import ran"));
			return figures;
		}
	}

	/** One person's step: sign out, sign in, and edit one of the CIs they look after. */
	private void work(LoadClient person, BenchmarkContext context, List<Long> editable, Latencies signIn,
			Latencies edit) {
		person.timed(new Latencies(), "POST", "/api/v1/auth/logout", null);
		person.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
		person.timed(signIn, "POST", "/api/v1/auth/login",
				"{\"username\":\"importer" + person.user() + "\",\"password\":\"" + PASSWORD + "\"}");
		long ci = editable.get(person.user());
		JsonNode current = person.json("/api/v1/cmdb/cis/" + ci);
		if (current == null) {
			edit.error();
			return;
		}
		ObjectNode update = (ObjectNode) current.deepCopy();
		update.put("notes", "edited " + ThreadLocalRandom.current().nextInt());
		update.put("organisationId", current.path("organisationId").asLong());
		person.timed(edit, "PUT", "/api/v1/cmdb/cis/" + ci, update.toString());
	}

	/**
	 * 1–3 s before each sign-in of one person (the first too, so that people arrive on their own,
	 * not all at one instant): about five sign-ins a second from ten people.
	 */
	private static void pause() {
		try {
			Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(2_001));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ten engineers, each with one CI of their own to edit. */
	private List<Long> createUsersAndCis(CloseableHttpClient admin, BenchmarkContext context, long classId)
			throws Exception {
		JsonNode roles = this.json.readTree(get(admin, context, "/api/v1/roles?size=200"));
		long manager = 0;
		for (JsonNode role : roles.path("items")) {
			if (role.path("code").asText().equals("OM_MANAGER")) {
				manager = role.path("id").asLong();
			}
		}
		long root = this.json.readTree(get(admin, context, "/api/v1/organisations/tree")).get(0).path("id").asLong();
		List<Long> cis = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			post(admin, context, "/api/v1/users", "{\"username\":\"importer" + i + "\",\"displayName\":\"并发用户" + i
					+ "\",\"organisationId\":" + root + ",\"roleIds\":[" + manager + "],\"password\":\"" + INITIAL + "\"}");
			try (CloseableHttpClient user = signedIn(context, "importer" + i, INITIAL)) {
				// an initial password must be changed at the first sign-in
				post(user, context, "/api/v1/auth/password",
						"{\"currentPassword\":\"" + INITIAL + "\",\"newPassword\":\"" + PASSWORD + "\"}");
			}
			JsonNode ci = this.json.readTree(post(admin, context, "/api/v1/cmdb/cis", "{\"classId\":" + classId
					+ ",\"code\":\"EDIT-" + i + "\",\"name\":\"编辑对象" + i + "\",\"organisationId\":" + root + "}"));
			cis.add(ci.path("id").asLong());
		}
		return cis;
	}

	/** The class template with {@link #ROWS} virtual machines filled in by their field keys. */
	private static byte[] workbook(byte[] template) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Sheet sheet = workbook.getSheet("VIRTUAL_MACHINE");
			Row keys = sheet.getRow(1);
			int code = -1;
			int name = -1;
			int organisation = -1;
			int location = -1;
			for (int c = 0; c < keys.getLastCellNum(); c++) {
				switch (keys.getCell(c).getStringCellValue()) {
					case "code" -> code = c;
					case "name" -> name = c;
					case "organisationId" -> organisation = c;
					case "location" -> location = c;
					default -> {
					}
				}
			}
			for (int i = 0; i < ROWS; i++) {
				Row row = sheet.createRow(2 + i);
				row.createCell(code).setCellValue(String.format("VM-IMP-%05d", i));
				row.createCell(name).setCellValue("导入虚拟机" + i);
				row.createCell(organisation).setCellValue("ROOT");
				if (location >= 0) {
					row.createCell(location).setCellValue("机房 A 区 " + (i % 20));
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private long classId(CloseableHttpClient admin, BenchmarkContext context, String code) throws Exception {
		for (JsonNode c : this.json.readTree(get(admin, context, "/api/v1/cmdb/classes"))) {
			Long found = find(c, code);
			if (found != null) {
				return found;
			}
		}
		throw new IllegalStateException("no class " + code);
	}

	private static Long find(JsonNode node, String code) {
		if (node.path("code").asText().equals(code)) {
			return node.path("id").asLong();
		}
		for (JsonNode child : node.path("children")) {
			Long found = find(child, code);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	// ---- a plain client for the set-up -------------------------------------------------------

	private static CloseableHttpClient signedIn(BenchmarkContext context, String username, String password)
			throws Exception {
		BasicCookieStore cookies = new BasicCookieStore();
		CloseableHttpClient client = HttpClients.custom()
			.setDefaultCookieStore(cookies)
			.setDefaultRequestConfig(org.apache.hc.client5.http.config.RequestConfig.custom()
				.setResponseTimeout(org.apache.hc.core5.util.Timeout.ofMinutes(30))
				.build())
			.build();
		client.execute(new HttpGet(context.baseUrl() + "/api/v1/auth/session"), response -> null);
		HttpPost login = new HttpPost(context.baseUrl() + "/api/v1/auth/login");
		login.setHeader("X-XSRF-TOKEN", xsrf(cookies));
		login.setEntity(new StringEntity("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
				ContentType.APPLICATION_JSON));
		int status = client.execute(login, response -> response.getCode());
		if (status != 200) {
			throw new IllegalStateException(username + " cannot sign in: " + status);
		}
		COOKIES.put(client, cookies);
		return client;
	}

	private static final java.util.Map<CloseableHttpClient, BasicCookieStore> COOKIES = new java.util.concurrent.ConcurrentHashMap<>();

	private static String xsrf(CloseableHttpClient client) {
		return xsrf(COOKIES.get(client));
	}

	private static String xsrf(BasicCookieStore cookies) {
		return cookies.getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().map(c -> c.getValue())
			.orElse("");
	}

	private static byte[] get(CloseableHttpClient client, BenchmarkContext context, String path) throws Exception {
		return client.execute(new HttpGet(context.baseUrl() + path), response -> {
			if (response.getCode() != 200) {
				throw new IllegalStateException("GET " + path + ": " + response.getCode());
			}
			return EntityUtils.toByteArray(response.getEntity());
		});
	}

	private static byte[] post(CloseableHttpClient client, BenchmarkContext context, String path, String body)
			throws Exception {
		HttpPost post = new HttpPost(context.baseUrl() + path);
		post.setHeader("X-XSRF-TOKEN", xsrf(client));
		post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
		return client.execute(post, response -> {
			byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
			if (response.getCode() >= 300) {
				throw new IllegalStateException("POST " + path + ": " + response.getCode() + " " + new String(answer));
			}
			return answer;
		});
	}

}
