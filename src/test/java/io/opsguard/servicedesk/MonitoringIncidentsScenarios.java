package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.cmdb.CmdbTestSupport;
import io.opsguard.servicedesk.MonitoringIncidents.AlertIncident;
import io.opsguard.servicedesk.MonitoringIncidents.IncidentLink;
import io.opsguard.servicedesk.MonitoringIncidents.IncidentView;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Faults found by monitoring (R-DSK-05) handed to the service desk through
 * {@link MonitoringIncidents}, seen over the HTTP API as the desk sees them, on H2
 * ({@link MonitoringIncidentsH2IT}) and on a real PostgreSQL ({@link MonitoringIncidentsPostgresIT}):
 * an alert opens one incident with its level, CI, system and timers however often and by however
 * many nodes it is asked; alerts of one system join its open incident within the window, also when
 * they arrive at once; a resolved or quiet incident takes no more; notes are written once per key.
 */
abstract class MonitoringIncidentsScenarios extends CmdbTestSupport {

	private static final Duration WINDOW = Duration.ofMinutes(30);

	@Autowired
	MonitoringIncidents incidents;

	private ApiClient admin;

	private long root;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.root = rootOrganisationId(this.admin);
	}

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void anAlertOpensOneIncidentWithItsLevelCiSystemAndTimersHoweverOftenItIsAsked() {
		long system = ci(this.admin, "BUSINESS_SYSTEM", unique("网上办案"), this.root, Map.of());
		long server = ci(this.admin, "PHYSICAL_SERVER", unique("应用服务器"), this.root, Map.of());
		String title = unique("CPU 使用率过高 ");
		AlertIncident alert = new AlertIncident(unique("alert:"), 101, 1, title, "cpu_usage = 97.5 %（阈值 > 90 %，持续 5 分钟）",
				server, system, this.root, WINDOW, "/monitoring/resources/" + server + "?alert=101");
		IncidentLink link = this.incidents.openOrAttach(alert);
		assertThat(link.opened()).isTrue();
		assertThat(link.number()).matches("GZ-\\d{8}-\\d{4}");

		JsonNode t = ticket(link.ticketId());
		assertThat(t.path("number").asText()).isEqualTo(link.number());
		assertThat(t.path("type").asText()).isEqualTo("INCIDENT");
		assertThat(t.path("channel").asText()).isEqualTo("MONITORING");
		assertThat(t.path("state").asText()).isEqualTo("REPORTED");
		assertThat(t.path("faultLevel").asInt()).as("critical on a system without a guarantee level").isEqualTo(2);
		assertThat(t.path("businessSystem").path("id").asLong()).isEqualTo(system);
		assertThat(t.path("ciIds")).extracting(JsonNode::asLong).containsExactly(server);
		assertThat(t.path("organisationId").asLong()).isEqualTo(this.root);
		assertThat(t.path("description").asText()).startsWith("cpu_usage = 97.5 %")
			.endsWith("监控图表：/monitoring/resources/" + server + "?alert=101");
		assertThat(t.path("requester").isNull()).isTrue();
		assertThat(t.path("contact").path("name").asText()).isEqualTo("监控系统");
		assertThat(t.path("slaTimers").findValuesAsText("metric")).contains("RESPONSE", "DISPATCH", "RESOLUTION");
		assertThat(t.path("slaTimers")).allSatisfy(timer -> assertThat(timer.path("state").asText()).isEqualTo("RUNNING"));
		assertThat(t.path("allowedActions")).extracting(JsonNode::asText).containsExactly("accept");
		JsonNode created = this.admin.get("/api/v1/tickets/" + link.ticketId() + "/history").json().get(0);
		assertThat(created.path("action").asText()).isEqualTo("CREATE");
		assertThat(created.path("userId").isNull()).as("recorded by the system").isTrue();

		// the same key again: the same answer, nothing changed
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.incidents.openOrAttach(alert)).isEqualTo(link);
		assertThat(this.incidents.openOrAttach(alert)).isEqualTo(link);
		assertThat(ticketsTitled(title)).isEqualTo(1);
		assertThat(comments(link.ticketId())).isEmpty();
		assertThat(ticket(link.ticketId()).path("version").asInt()).isEqualTo(t.path("version").asInt());
		assertThat(this.incidents.find(link.ticketId())).contains(new IncidentView(link.ticketId(), link.number(), TicketState.REPORTED));
		assertThat(this.incidents.find(987_654_321L)).isEmpty();
	}

	@Test
	void aMonitoringIncidentIsWorkedThroughItsWholeLifecycleLikeAnyOther() {
		IncidentLink link = this.incidents.openOrAttach(new AlertIncident(unique("alert:"), 102, 2, unique("磁盘空间不足 "),
				"fs_used_percent{mount=\"/data\"} = 93 %", null, null, this.root, WINDOW, null));
		JsonNode t = ticket(link.ticketId());
		assertThat(t.path("faultLevel").asInt()).as("major without a system").isEqualTo(3);
		assertThat(t.path("description").asText()).isEqualTo("fs_used_percent{mount=\"/data\"} = 93 %");
		long group = group();
		long id = link.ticketId();
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", group));
		act(id, "start", Map.of());
		assertThat(act(id, "resolve", Map.of("solution", "清理过期日志", "cause", "日志未轮转")).path("state").asText()).isEqualTo("RESOLVED");
		act(id, "feedback", Map.of("comment", "已在值班群通报"));
		act(id, "rate", Map.of("rating", 5));
		assertThat(act(id, "close", Map.of()).path("state").asText()).isEqualTo("CLOSED");
		IncidentView closed = this.incidents.find(id).orElseThrow();
		assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
		assertThat(closed.done()).isTrue();
	}

	@Test
	void alertsOfOneSystemJoinItsOpenIncidentWithinTheWindowAndRaiseItsLevel() {
		long system = ci(this.admin, "BUSINESS_SYSTEM", unique("电子卷宗"), this.root, Map.of());
		long a = ci(this.admin, "PHYSICAL_SERVER", unique("卷宗服务器A"), this.root, Map.of());
		long b = ci(this.admin, "PHYSICAL_SERVER", unique("卷宗服务器B"), this.root, Map.of());
		long c = ci(this.admin, "PHYSICAL_SERVER", unique("卷宗服务器C"), this.root, Map.of());
		IncidentLink first = this.incidents.openOrAttach(alert(201, 3, "响应时间变慢", a, system));
		assertThat(first.opened()).isTrue();
		assertThat(ticket(first.ticketId()).path("faultLevel").asInt()).as("minor").isEqualTo(4);

		this.clock.advance(Duration.ofMinutes(20));
		IncidentLink second = this.incidents.openOrAttach(alert(202, 1, "卷宗服务器B 不可达", b, system));
		assertThat(second).isEqualTo(new IncidentLink(first.ticketId(), first.number(), false));
		JsonNode t = ticket(first.ticketId());
		assertThat(t.path("ciIds")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(a, b);
		assertThat(t.path("faultLevel").asInt()).as("the critical alert raises the level").isEqualTo(2);
		assertThat(t.path("slaTimers").findValuesAsText("target")).as("new targets for level 2").contains("PT24H");
		List<JsonNode> notes = comments(first.ticketId());
		assertThat(notes).hasSize(1);
		assertThat(notes.get(0).path("authorId").isNull()).isTrue();
		assertThat(notes.get(0).path("visibleToRequester").asBoolean()).isFalse();
		assertThat(notes.get(0).path("body").asText()).startsWith("告警 202 并入本工单：卷宗服务器B 不可达").contains("value = 202");
		JsonNode relevel = lastOf(this.admin.get("/api/v1/tickets/" + first.ticketId() + "/history").json());
		assertThat(relevel.path("action").asText()).isEqualTo("RELEVEL");
		assertThat(relevel.path("detailArgs").asText()).isEqualTo("4,2");
		assertThat(relevel.path("userId").isNull()).isTrue();
		// a minor alert joins too, and lowers nothing
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(this.incidents.openOrAttach(alert(203, 3, "内存使用率偏高", b, system)).opened()).isFalse();
		assertThat(ticket(first.ticketId()).path("faultLevel").asInt()).isEqualTo(2);
		assertThat(comments(first.ticketId())).hasSize(2);

		// quiet for longer than the window since the last alert: the next one opens an incident of its own
		this.clock.advance(WINDOW.plusMinutes(1));
		IncidentLink later = this.incidents.openOrAttach(alert(204, 2, "卷宗服务器C 磁盘故障", c, system));
		assertThat(later.opened()).isTrue();
		assertThat(later.ticketId()).isNotEqualTo(first.ticketId());
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL&businessSystemId=" + system).json().path("total").asLong()).isEqualTo(2);
	}

	@Test
	void aResolvedIncidentTakesNoMoreAlertsAndNeitherDoesAnotherSystemsOrAWindowOfNothing() {
		long system = ci(this.admin, "BUSINESS_SYSTEM", unique("统一业务应用"), this.root, Map.of());
		long other = ci(this.admin, "BUSINESS_SYSTEM", unique("检察办公"), this.root, Map.of());
		IncidentLink first = this.incidents.openOrAttach(alert(301, 1, "数据库连接数耗尽", null, system));
		assertThat(this.incidents.openOrAttach(alert(302, 1, "办公系统无法登录", null, other)).ticketId())
			.as("another system's incident").isNotEqualTo(first.ticketId());
		AlertIncident never = new AlertIncident(unique("alert:"), 303, 2, "不合并的告警", null, null, other, this.root,
				Duration.ZERO, null);
		assertThat(this.incidents.openOrAttach(never).opened()).as("a window of nothing joins nothing").isTrue();
		long id = first.ticketId();
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", group()));
		act(id, "start", Map.of());
		act(id, "resolve", Map.of("solution", "扩大连接池", "cause", "连接泄漏"));
		IncidentLink after = this.incidents.openOrAttach(alert(304, 1, "数据库连接数再次耗尽", null, system));
		assertThat(after.opened()).as("the first incident is resolved").isTrue();
		assertThat(after.ticketId()).isNotEqualTo(id);
		assertThat(comments(id)).isEmpty();
	}

	@Test
	void aCriticalAlertOnALevelOneSystemIsAFaultOfLevelOne() {
		long system = ci(this.admin, "BUSINESS_SYSTEM", unique("全省统一业务"), this.root, Map.of());
		grade(system, Map.of("realtime", "HIGH", "realtimeReason", "全省联网办案，须实时可用", "sensitivity", "VERY_HIGH",
				"sensitivityReason", "涉及案件信息", "dependence", "HIGH", "dependenceReason", "全部业务依赖本系统"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
			.until(() -> this.admin.get("/api/v1/service-levels/systems/" + system).json().path("system").path("level").asInt() == 1);
		IncidentLink critical = this.incidents.openOrAttach(alert(401, 1, "核心交换机宕机", null, system));
		assertThat(ticket(critical.ticketId()).path("faultLevel").asInt()).isEqualTo(1);
		AlertIncident major = new AlertIncident(unique("alert:"), 402, 2, "链路丢包", null, null, system, this.root,
				Duration.ZERO, null);
		assertThat(ticket(this.incidents.openOrAttach(major).ticketId()).path("faultLevel").asInt()).isEqualTo(2);
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Test
	void insideTheCallersTransactionTheHandOverCommitsOrRollsBackWithIt() {
		var callers = new org.springframework.transaction.support.TransactionTemplate(this.transactionManager);
		String title = unique("随调用方回滚 ");
		AlertIncident alert = new AlertIncident(unique("alert:"), 901, 2, title, null, null, null, this.root, WINDOW, null);
		callers.executeWithoutResult(status -> {
			assertThat(this.incidents.openOrAttach(alert).opened()).isTrue();
			status.setRollbackOnly();
		});
		assertThat(ticketsTitled(title)).as("rolled back with the caller").isZero();
		IncidentLink link = callers.execute(status -> {
			IncidentLink opened = this.incidents.openOrAttach(alert);
			assertThat(this.incidents.openOrAttach(alert)).as("seen again inside the same transaction").isEqualTo(opened);
			this.incidents.annotate(opened.ticketId(), "k", "同一事务中的备注");
			return opened;
		});
		assertThat(ticketsTitled(title)).isEqualTo(1);
		assertThat(this.incidents.openOrAttach(alert)).isEqualTo(link);
		assertThat(comments(link.ticketId())).hasSize(1);
	}

	@Test
	void aNoteIsWrittenOncePerKeyAndTicket() {
		IncidentLink link = this.incidents.openOrAttach(alert(501, 2, "接口超时", null, null));
		this.incidents.annotate(link.ticketId(), "alert:501:resolved", "告警已恢复：接口响应时间 120 ms");
		this.incidents.annotate(link.ticketId(), "alert:501:resolved", "告警已恢复：接口响应时间 120 ms");
		assertThat(comments(link.ticketId())).extracting(c -> c.path("body").asText()).containsExactly("告警已恢复：接口响应时间 120 ms");
		this.incidents.annotate(link.ticketId(), "alert:501:acknowledged", "告警已由值班员确认");
		assertThat(comments(link.ticketId())).hasSize(2).allSatisfy(c -> assertThat(c.path("authorId").isNull()).isTrue());
		assertThatExceptionOfType(OpsGuardException.class)
			.isThrownBy(() -> this.incidents.annotate(987_654_321L, "k", "无此工单"))
			.satisfies(ex -> assertThat(ex.errorCode().code()).isEqualTo("SD-0001"));
	}

	@Test
	void aRequestBreakingTheContractIsRefusedAndAGoneCiIsLeftOut() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.incidents.openOrAttach(
				new AlertIncident(" ", 1, 1, "标题", null, null, null, this.root, WINDOW, null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.incidents.openOrAttach(
				new AlertIncident(unique("alert:"), 1, 5, "标题", null, null, null, this.root, WINDOW, null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.incidents.openOrAttach(
				new AlertIncident(unique("alert:"), 1, 1, " ", null, null, null, this.root, WINDOW, null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.incidents.annotate(1, "", "正文"));
		String title = unique("未知配置项的告警 ");
		IncidentLink link = this.incidents.openOrAttach(
				new AlertIncident(unique("alert:"), 601, 4, title, null, 987_654_321L, 987_654_322L, this.root, WINDOW, null));
		JsonNode t = ticket(link.ticketId());
		assertThat(t.path("ciIds")).isEmpty();
		assertThat(t.path("businessSystemId").isNull()).isTrue();
		assertThat(t.path("faultLevel").asInt()).isEqualTo(4);
	}

	@Test
	void nodesAskingAtOnceWithOneKeyOpenOneTicket() throws Exception {
		String title = unique("并发告警 ");
		AlertIncident alert = new AlertIncident(unique("alert:"), 701, 1, title, "ping 丢包 100 %", null, null, this.root,
				WINDOW, null);
		List<IncidentLink> links = concurrently(8, i -> this.incidents.openOrAttach(alert));
		assertThat(links).containsOnly(links.get(0));
		assertThat(links.get(0).opened()).isTrue();
		assertThat(ticketsTitled(title)).isEqualTo(1);
	}

	@Test
	void alertsOfOneSystemArrivingAtOnceMakeOneIncident() throws Exception {
		long system = ci(this.admin, "BUSINESS_SYSTEM", unique("并发系统"), this.root, Map.of());
		List<Long> servers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			servers.add(ci(this.admin, "PHYSICAL_SERVER", unique("并发服务器"), this.root, Map.of()));
		}
		List<IncidentLink> links = concurrently(servers.size(),
				i -> this.incidents.openOrAttach(alert(800 + i, 2, "主机不可达 " + i, servers.get(i), system)));
		assertThat(links.stream().map(IncidentLink::ticketId).distinct()).hasSize(1);
		assertThat(links.stream().filter(IncidentLink::opened)).hasSize(1);
		long id = links.get(0).ticketId();
		assertThat(ticket(id).path("ciIds")).extracting(JsonNode::asLong).containsExactlyInAnyOrderElementsOf(servers);
		assertThat(comments(id)).hasSize(servers.size() - 1);
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL&businessSystemId=" + system).json().path("total").asLong()).isEqualTo(1);
	}

	// ---- helpers ------------------------------------------------------------------------------

	private AlertIncident alert(long alertId, int severity, String title, Long ci, Long system) {
		return new AlertIncident(unique("alert:"), alertId, severity, title, "value = " + alertId, ci, system, this.root, WINDOW,
				"/alerts/" + alertId);
	}

	private JsonNode ticket(long id) {
		Response response = this.admin.get("/api/v1/tickets/" + id);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private List<JsonNode> comments(long ticketId) {
		List<JsonNode> comments = new ArrayList<>();
		this.admin.get("/api/v1/tickets/" + ticketId + "/comments").json().forEach(comments::add);
		return comments;
	}

	private long ticketsTitled(String title) {
		return this.admin.get("/api/v1/tickets?queue=ALL&q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8))
			.json()
			.path("total")
			.asLong();
	}

	private long group() {
		long me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response created = this.admin.post("/api/v1/support-groups",
				Map.of("name", unique("监控值班组"), "line", 1, "memberIds", List.of(me), "leadId", me));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private JsonNode act(long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", ticket(id).path("version").asInt());
		Response response = this.admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	/** Grades a system through the four parties' confirmations. */
	private void grade(long system, Map<String, Object> factors) {
		Map<String, String> roles = new LinkedHashMap<>();
		roles.put("BUSINESS_PARTY", "END_USER");
		roles.put("TECHNICAL_AUTHORITY", "CLIENT_VIEWER");
		roles.put("TECHNICAL_UNDERTAKER", "ENGINEER");
		roles.put("OM_PARTY", "OM_MANAGER");
		Map<String, ApiClient> clients = new LinkedHashMap<>();
		Map<String, Long> ids = new LinkedHashMap<>();
		for (Map.Entry<String, String> role : roles.entrySet()) {
			String username = unique("p");
			clients.put(role.getKey(), createUserAndSignIn(this.admin, username, this.root, List.of(roleId(this.admin, role.getValue()))));
			ids.put(role.getKey(), userId(this.admin, username));
		}
		Response proposed = this.admin.post("/api/v1/grading/proposals", Map.of("systemId", system, "factors", factors, "parties", ids));
		assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
		for (ApiClient party : clients.values()) {
			Response decided = party.post("/api/v1/grading/proposals/" + proposed.id() + "/decision",
					Map.of("decision", "CONFIRMED", "comment", "同意"));
			assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		}
	}

	private static JsonNode lastOf(JsonNode array) {
		return array.get(array.size() - 1);
	}

	/** Runs {@code task} on {@code threads} threads released at the same moment (as many nodes). */
	private static <T> List<T> concurrently(int threads, IntFunction<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return task.apply(index);
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
