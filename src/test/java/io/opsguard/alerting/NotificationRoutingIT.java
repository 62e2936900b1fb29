package io.opsguard.alerting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsguard.alerting.internal.AlertLifecycle;
import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.alerting.internal.AlertRow;
import io.opsguard.alerting.internal.NotificationSender;
import io.opsguard.notify.NotifyTestSupport;
import io.opsguard.notify.NotifyTestSupport.Answer;
import io.opsguard.notify.NotifyTestSupport.Receiver;
import io.opsguard.notify.NotifyTestSupport.Received;
import io.opsguard.notify.internal.Dispatcher;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notification routing end to end against real peers (issue 11): GreenMail for e-mail, a local HTTP
 * receiver for the robots and the voice gateway. Alerts are fired through the lifecycle; the sender
 * ticks every second as in production, critical notices leave the outbox at once, other messages
 * when the test dispatches. Runs on a database of its own with the rule evaluation off, so that only
 * this test's alerts and routes exist; each test keeps to an organisation of its own, which its
 * routes match.
 */
class NotificationRoutingIT extends ApiTestSupport {

	private static final int SMTP_PORT = NotifyTestSupport.freePort();

	private static final Path OWN_DATA_DIR = newDataDir();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ACK_LINK = Pattern.compile("https://ops\\.example\\.gov\\.cn/ack/([A-Za-z0-9_-]+)");

	private static GreenMail smtp;

	private static Receiver receiver;

	@DynamicPropertySource
	static void routing(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("opsguard.notify.dispatch-interval", () -> "1h");
		registry.add("opsguard.notify.base-url", () -> "https://ops.example.gov.cn");
		registry.add("opsguard.alerting.evaluation-enabled", () -> "false");
	}

	@BeforeAll
	static void peers() throws Exception {
		smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
		smtp.start();
		receiver = new Receiver(request -> new Answer(200, "{\"errcode\":0}"));
	}

	@AfterAll
	static void stopPeers() {
		if (smtp != null) {
			smtp.stop();
		}
		if (receiver != null) {
			receiver.close();
		}
	}

	@Autowired
	AlertLifecycle lifecycle;

	@Autowired
	NotificationSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void realTime() {
		this.clock.set(Instant.now());
	}

	@Test
	void routesMatchBySeverityOrganisationClassTagAndBusinessSystemInOrder() {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("匹配"));
		long other = createOrganisation(admin, rootOrganisationId(admin), unique("其他"));
		long child = createOrganisation(admin, organisation, unique("下级"));
		Person person = person(admin, "match", true);
		String tag = unique("核心");
		long tagged = ci(admin, "PHYSICAL_SERVER", child, List.of(tag));
		long aSwitch = ci(admin, "SWITCH", child, List.of());
		long server = ci(admin, "PHYSICAL_SERVER", child, List.of());
		long system = ci(admin, "BUSINESS_SYSTEM", child, List.of());
		assertThat(admin.post("/api/v1/cmdb/relations", Map.of("type", "RUNS_ON", "sourceId", system, "targetId", server))
			.status()).isEqualTo(201);
		long byTag = route(admin, Map.of("name", "按标签", "organisationId", organisation, "tag", tag, "userIds",
				List.of(person.id()), "channels", List.of("IN_APP")));
		long byClass = route(admin, Map.of("name", "按类别", "organisationId", organisation, "classCode", "NETWORK", "userIds",
				List.of(person.id()), "channels", List.of("IN_APP")));
		long bySystem = route(admin, Map.of("name", "按业务系统", "organisationId", organisation, "businessSystemId", system,
				"userIds", List.of(person.id()), "channels", List.of("IN_APP")));
		long critical = route(admin, Map.of("name", "紧急", "organisationId", organisation, "severities", List.of("CRITICAL"),
				"userIds", List.of(person.id()), "channels", List.of("IN_APP"), "continueMatching", true));
		long rest = route(admin, Map.of("name", "其余", "organisationId", organisation, "userIds", List.of(person.id()),
				"channels", List.of("IN_APP")));

		assertThat(routesOf(fire("标签资源", AlertSeverity.MINOR, tagged, child, null))).containsExactly(byTag);
		assertThat(routesOf(fire("交换机（网络设备之下）", AlertSeverity.MINOR, aSwitch, child, null))).containsExactly(byClass);
		assertThat(routesOf(fire("业务系统所在服务器", AlertSeverity.MINOR, server, child, null))).containsExactly(bySystem);
		assertThat(routesOf(fire("外部系统的紧急告警", AlertSeverity.CRITICAL, null, child, null)))
			.as("the critical route continues to the next match").containsExactlyInAnyOrder(critical, rest);
		assertThat(routesOf(fire("外部系统的次要告警", AlertSeverity.MINOR, null, organisation, null))).containsExactly(rest);
		AlertRow elsewhere = fire("其他单位", AlertSeverity.CRITICAL, null, other, null);
		assertThat(routesOf(elsewhere)).isEmpty();
		assertThat(timeline(admin, elsewhere.id())).contains("UNROUTED");

		// the order decides: the catch-all first takes everything
		List<Long> order = new ArrayList<>();
		for (JsonNode route : admin.get("/api/v1/notification-routes").json()) {
			order.add(route.path("id").asLong());
		}
		order.remove(rest);
		order.add(0, rest);
		Response reordered = admin.put("/api/v1/notification-routes/order", Map.of("ids", order));
		assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
		assertThat(reordered.json().get(0).path("id").asLong()).isEqualTo(rest);
		assertThat(routesOf(fire("标签资源又一条", AlertSeverity.MINOR, tagged, child, null))).containsExactly(rest);
		assertThat(admin.put("/api/v1/notification-routes/order", Map.of("ids", List.of(rest))).json().path("errors").get(0)
			.path("code").asText()).as("every route once").isEqualTo("ALR-0064");
	}

	@Test
	void aLoneCriticalAlertReachesTheRobotWithinSecondsAndItsLinkAcknowledgesIt() throws Exception {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("快"));
		Person person = person(admin, "fast", true);
		long robot = endpoint(admin, "GENERIC", "/fast");
		route(admin, Map.of("name", "紧急快报", "organisationId", organisation, "severities", List.of("CRITICAL"), "userIds",
				List.of(person.id()), "endpointIds", List.of(robot), "channels", List.of("IN_APP", "EMAIL", "WEBHOOK"),
				"groupWaitSeconds", 10));
		String title = unique("数据库主库宕机");
		long started = System.nanoTime();
		AlertRow alert = fire(title, AlertSeverity.CRITICAL, null, organisation, null);
		await(Duration.ofSeconds(5), () -> !receiver.at("/fast").isEmpty());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("NotificationRoutingIT: a critical alert reached the webhook receiver in " + took.toMillis() + " ms");
		assertThat(took).as("fault to notification").isLessThan(Duration.ofSeconds(5));

		JsonNode message = JSON.readTree(receiver.at("/fast").get(0).body());
		assertThat(message.path("type").asText()).isEqualTo("alerting.alert.firing");
		assertThat(message.path("severity").asText()).isEqualTo("CRITICAL");
		assertThat(message.path("subject").asText()).isEqualTo("【紧急告警】" + title);
		assertThat(message.path("link").asText()).isEqualTo("https://ops.example.gov.cn/alerting/alerts/" + alert.id());
		String robotToken = token(message.path("text").asText());

		await(Duration.ofSeconds(5), () -> mailsTo(person.email()).size() == 1);
		MimeMessage mail = mailsTo(person.email()).get(0);
		assertThat(mail.getSubject()).isEqualTo("【紧急告警】" + title);
		String personal = token(text(mail));
		assertThat(personal).isNotEqualTo(robotToken);
		JsonNode alertView = admin.get("/api/v1/alerts/" + alert.id()).json();
		assertThat(alertView.path("notifiedAt").isNull()).isFalse();
		assertThat(timeline(admin, alert.id())).contains("NOTIFIED");

		// reading the link changes nothing (mail scanners open links), and needs no sign-in
		ApiClient anonymous = client().withoutXsrf();
		for (int i = 0; i < 3; i++) {
			Response read = anonymous.get("/api/v1/alerts/ack-links/" + personal);
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.json().path("title").asText()).isEqualTo(title);
			assertThat(read.json().path("state").asText()).isEqualTo("FIRING");
			assertThat(read.json().path("recipientName").asText()).isEqualTo(person.username());
			assertThat(read.json().path("signInRequired").asBoolean()).isFalse();
		}
		assertThat(admin.get("/api/v1/alerts/" + alert.id()).json().path("state").asText()).isEqualTo("FIRING");
		JsonNode robotLink = anonymous.get("/api/v1/alerts/ack-links/" + robotToken).json();
		assertThat(robotLink.path("signInRequired").asBoolean()).isTrue();
		Response robotAck = anonymous.post("/api/v1/alerts/ack-links/" + robotToken, Map.of());
		assertThat(robotAck.status()).isEqualTo(403);
		assertThat(robotAck.code()).isEqualTo("ALR-0067");
		// forged: one character changed
		String forged = personal.substring(0, 10) + (personal.charAt(10) == 'x' ? 'y' : 'x') + personal.substring(11);
		Response refused = anonymous.post("/api/v1/alerts/ack-links/" + forged, Map.of());
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.code()).isEqualTo("ALR-0065");
		assertThat(refused.json().path("detail").asText()).contains("链接无效");
		assertThat(anonymous.get("/api/v1/alerts/ack-links/garbage").code()).isEqualTo("ALR-0065");

		Response acknowledged = anonymous.post("/api/v1/alerts/ack-links/" + personal, Map.of());
		assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
		assertThat(acknowledged.json().path("acknowledged").asBoolean()).isTrue();
		assertThat(acknowledged.json().path("state").asText()).isEqualTo("ACKNOWLEDGED");
		JsonNode after = admin.get("/api/v1/alerts/" + alert.id()).json();
		assertThat(after.path("state").asText()).isEqualTo("ACKNOWLEDGED");
		assertThat(after.path("acknowledgedBy").asLong()).isEqualTo(person.id());
		assertThat(timeline(admin, alert.id())).contains("ACKNOWLEDGED", "ACK_BY_LINK");
		Response again = anonymous.post("/api/v1/alerts/ack-links/" + personal, Map.of());
		assertThat(again.json().path("acknowledged").asBoolean()).as("once is enough").isFalse();
		assertThat(again.json().path("acknowledgedByName").asText()).isEqualTo(person.username());

		// a day later the link has expired
		this.clock.advance(Duration.ofHours(25));
		Response expired = anonymous.get("/api/v1/alerts/ack-links/" + personal);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.code()).isEqualTo("ALR-0066");
	}

	@Test
	void theAlertsOfOneEvaluationRoundGoOutTogetherOnceItHasRecordedThem() throws Exception {
		long organisation = robotRoute("一轮", "一轮告警", "/round", 10);
		List<String> titles = new ArrayList<>();
		this.sender.roundStarted();
		try {
			for (int i = 0; i < 3; i++) {
				titles.add(unique("机房断电-" + i));
				fire(titles.get(i), AlertSeverity.CRITICAL, null, organisation, null);
				Thread.sleep(1_200);
			}
			assertThat(receiver.at("/round")).as("nothing is sent while the round records its alerts").isEmpty();
		}
		finally {
			this.sender.roundEnded();
		}
		await(Duration.ofSeconds(5), () -> !receiver.at("/round").isEmpty());
		Thread.sleep(1_500);
		assertThat(receiver.at("/round")).as("one message, not the first alert alone and the rest a group wait later")
			.hasSize(1);
		String text = JSON.readTree(receiver.at("/round").get(0).body()).path("text").asText();
		assertThat(titles).allSatisfy(title -> assertThat(text).contains(title));
	}

	@Test
	void aStormOfFiftyAlertsBecomesOneOrTwoMessagesListingThemAll() throws Exception {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("风暴"));
		long robot = endpoint(admin, "GENERIC", "/storm");
		long wecom = endpoint(admin, "WECOM", "/storm-wecom");
		JsonNode robots = admin.get("/api/v1/notification-routes/robots").json();
		assertThat(robots.findValues("id").stream().map(JsonNode::asLong).toList()).as("the robots a route may name")
			.contains(robot, wecom);
		assertThat(robots.toString()).doesNotContain(receiver.url("/storm"));
		route(admin, Map.of("name", "告警风暴", "organisationId", organisation, "endpointIds", List.of(robot, wecom), "channels",
				List.of("WEBHOOK"), "groupWaitSeconds", 10));
		String run = unique("风暴");
		Set<String> titles = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			String title = run + "-链路中断-" + i;
			titles.add(title);
			fire(title, AlertSeverity.MAJOR, null, organisation, null);
		}
		this.clock.advance(Duration.ofSeconds(11));
		await(Duration.ofSeconds(10), () -> pendingSteps(organisation) == 0);
		this.dispatcher.dispatchDue();
		List<JsonNode> messages = new ArrayList<>();
		for (Received received : receiver.at("/storm")) {
			messages.add(JSON.readTree(received.body()));
		}
		long steps = messages.stream().filter(m -> m.path("part").asInt() == 1).count();
		assertThat(steps).as("50 alerts within the group wait: one or two messages").isBetween(1L, 2L);
		StringBuilder text = new StringBuilder();
		messages.forEach(m -> text.append(m.path("text").asText()));
		for (String title : titles) {
			assertThat(text.toString()).as("every alert is listed").contains(title);
		}
		assertThat(messages).as("a message of several alerts says how many")
			.anyMatch(m -> m.path("subject").asText().matches("【重要告警】\\d+ 条告警：.*等"));
		for (Received part : receiver.at("/storm-wecom")) {
			String content = JSON.readTree(part.body()).path("markdown").path("content").asText();
			assertThat(content.getBytes(StandardCharsets.UTF_8).length).as("WeCom parts within 4,096 bytes")
				.isLessThanOrEqualTo(4096);
		}
		assertThat((long) receiver.at("/storm-wecom").size()).as("a long list reaches WeCom in parts").isGreaterThan(steps);
	}

	@Test
	void theCapKeepsARuleAndResourceToItsMessagesPerPeriod() throws Exception {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("限流"));
		long robot = endpoint(admin, "GENERIC", "/cap");
		long resource = ci(admin, "PHYSICAL_SERVER", organisation, List.of());
		route(admin, Map.of("name", "限流", "organisationId", organisation, "endpointIds", List.of(robot), "channels",
				List.of("WEBHOOK"), "groupWaitSeconds", 0, "capCount", 2, "capPeriodMinutes", 60));
		long rule = 9_000_000L + System.nanoTime() % 1_000_000;
		List<AlertRow> alerts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			AlertRow alert = this.lifecycle.fire(new Firing(unique("fp-"), "GENERIC", rule, null, unique("k"),
					unique("磁盘将满-" + i), null, AlertSeverity.MAJOR, resource, organisation, null, null, null, null, null,
					null, Map.of(), true)).alert();
			alerts.add(alert);
			this.sender.sendDue();
		}
		assertThat(timeline(admin, alerts.get(0).id())).contains("NOTIFIED").doesNotContain("CAPPED");
		assertThat(timeline(admin, alerts.get(1).id())).contains("NOTIFIED").doesNotContain("CAPPED");
		assertThat(timeline(admin, alerts.get(2).id())).as("the third message of the rule and resource within the hour")
			.contains("CAPPED")
			.doesNotContain("NOTIFIED");
		// another resource of the same rule is not held back by it
		AlertRow elsewhere = this.lifecycle.fire(new Firing(unique("fp-"), "GENERIC", rule, null, unique("k"), unique("磁盘"),
				null, AlertSeverity.MAJOR, ci(admin, "PHYSICAL_SERVER", organisation, List.of()), organisation, null, null,
				null, null, null, null, Map.of(), true)).alert();
		this.sender.sendDue();
		assertThat(timeline(admin, elsewhere.id())).contains("NOTIFIED");
		// an hour later the rule and resource may be told again
		this.clock.advance(Duration.ofMinutes(61));
		AlertRow later = this.lifecycle.fire(new Firing(unique("fp-"), "GENERIC", rule, null, unique("k"), unique("磁盘"), null,
				AlertSeverity.MAJOR, resource, organisation, null, null, null, null, null, null, Map.of(), true)).alert();
		this.sender.sendDue();
		assertThat(timeline(admin, later.id())).contains("NOTIFIED");
	}

	@Test
	void anUnacknowledgedCriticalAlertIsRepeatedAndEscalatedToAVoiceCall() throws Exception {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("升级"));
		Person onCall = person(admin, "oncall", true);
		Person manager = person(admin, "manager", true);
		Response gateway = admin.post("/api/v1/notification-endpoints", Map.of("name", unique("语音网关"), "kind", "VOICE", "url",
				receiver.url("/voice?to={{phone}}"), "method", "POST", "headers", Map.of("Content-Type", "application/json"),
				"bodyTemplate", "{\"mobile\":\"{{phone}}\",\"content\":\"{{text}}\"}"));
		assertThat(gateway.status()).as(gateway.toString()).isEqualTo(201);
		// escalation goes to a support group: its members are told
		Response group = admin.post("/api/v1/support-groups", Map.of("name", unique("二线"), "line", 2, "organisationId",
				rootOrganisationId(admin), "memberIds", List.of(manager.id())));
		assertThat(group.status()).as(group.toString()).isEqualTo(201);
		route(admin, Map.of("name", "值班升级", "organisationId", organisation, "severities", List.of("CRITICAL"), "userIds",
				List.of(onCall.id()), "channels", List.of("IN_APP", "EMAIL"), "repeatMinutes", 5, "escalateAfterMinutes", 10,
				"escalateGroupIds", List.of(group.id()), "escalateVoice", true));
		String title = unique("核心交换机不可达");
		AlertRow alert = fire(title, AlertSeverity.CRITICAL, null, organisation, null);
		await(Duration.ofSeconds(5), () -> mailsTo(onCall.email()).size() == 1);

		this.clock.advance(Duration.ofMinutes(5));
		this.sender.plan();
		this.sender.sendDue();
		await(Duration.ofSeconds(5), () -> mailsTo(onCall.email()).size() == 2);
		assertThat(mailsTo(onCall.email()).get(1).getSubject()).isEqualTo("【紧急告警·仍未确认】" + title);
		assertThat(mailsTo(manager.email())).as("not escalated yet").isEmpty();
		this.sender.plan();
		this.sender.sendDue();
		assertThat(mailsTo(onCall.email())).as("one repeat per interval, however often planned").hasSize(2);

		this.clock.advance(Duration.ofMinutes(5));
		this.sender.plan();
		this.sender.sendDue();
		await(Duration.ofSeconds(5), () -> mailsTo(manager.email()).size() == 1 && !receiver.at("/voice").isEmpty()
				&& mailsTo(onCall.email()).size() == 3);
		assertThat(mailsTo(manager.email()).get(0).getSubject()).isEqualTo("【告警升级】" + title);
		Received call = receiver.at("/voice").get(0);
		assertThat(call.query()).isEqualTo("to=13800138000");
		assertThat(JSON.readTree(call.body()).path("content").asText()).startsWith("【告警升级】" + title);
		assertThat(mailsTo(onCall.email())).as("the second repeat").hasSize(3);
		assertThat(receiver.at("/voice")).as("escalated once").hasSize(1);

		// acknowledged: no more repeats
		assertThat(admin.post("/api/v1/alerts/acknowledge", Map.of("ids", List.of(alert.id()))).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(5));
		this.sender.plan();
		sendAndDispatch();
		assertThat(mailsTo(onCall.email())).hasSize(3);
		assertThat(receiver.at("/voice")).hasSize(1);
	}

	@Test
	void aResolutionIsToldAfterTheHoldUnlessTheAlertFiresAgainAtOnce() throws Exception {
		long organisation = robotRoute("恢复", "恢复通知", "/resolved", 0);
		String fingerprint = unique("fp-");
		Firing firing = generic(fingerprint, unique("网站无法访问"), AlertSeverity.MAJOR, organisation);
		this.lifecycle.fire(firing);
		sendAndDispatch();
		assertThat(types("/resolved")).containsExactly("alerting.alert.firing");

		// resolved and firing again within the hold: the resolution is withdrawn, nothing new is told
		this.lifecycle.recover(fingerprint, null, null, "recovered");
		this.clock.advance(Duration.ofSeconds(20));
		this.lifecycle.fire(firing);
		this.clock.advance(Duration.ofSeconds(60));
		sendAndDispatch();
		assertThat(types("/resolved")).containsExactly("alerting.alert.firing");

		// resolved for good: told after the hold
		this.lifecycle.recover(fingerprint, null, null, "recovered");
		sendAndDispatch();
		assertThat(types("/resolved")).as("not before the hold").containsExactly("alerting.alert.firing");
		this.clock.advance(Duration.ofSeconds(61));
		sendAndDispatch();
		assertThat(types("/resolved")).containsExactly("alerting.alert.firing", "alerting.alert.resolved");
		assertThat(JSON.readTree(receiver.at("/resolved").get(1).body()).path("subject").asText()).startsWith("【已恢复】");
	}

	@Test
	void anAlertBackAfterItsEndWasToldIsToldAgainUntilItFlapsThenOnceFromItsLatestStart() throws Exception {
		long organisation = robotRoute("抖动", "抖动通知", "/flapping", 0);
		String fingerprint = unique("fp-");
		Firing firing = generic(fingerprint, unique("专线中断"), AlertSeverity.CRITICAL, organisation);
		List<Long> ids = new ArrayList<>();
		for (int episode = 0; episode < 5; episode++) {
			Instant start = this.clock.instant();
			AlertRow alert = this.lifecycle.fire(firing).alert();
			ids.add(alert.id());
			assertThat(alert.startedAt()).as("episode %d starts when it fired", episode)
				.isBetween(start.minusMillis(1), start.plusMillis(1));
			sendAndDispatch();
			this.clock.advance(Duration.ofSeconds(40));
			this.lifecycle.recover(fingerprint, null, null, "recovered");
			// past the hold: the end is told (while the alert is not flapping)
			this.clock.advance(Duration.ofSeconds(40));
			sendAndDispatch();
		}
		List<String> told = types("/flapping");
		// three alerts each told firing and resolved; the fourth time it flaps: told once, then nothing
		// (critical messages leave the outbox at once, others at its next round: arrivals interleave)
		assertThat(told).containsExactlyInAnyOrder("alerting.alert.firing", "alerting.alert.resolved", "alerting.alert.firing",
				"alerting.alert.resolved", "alerting.alert.firing", "alerting.alert.resolved", "alerting.alert.flapping");
		assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
		assertThat(ids.get(3)).isEqualTo(ids.get(2));
		assertThat(ids.get(4)).isEqualTo(ids.get(2));
	}

	@Test
	void aRouteToADeletedOrDisabledUserIsRefusedNamingTheUserAndEveryBadField() {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("校验"));
		int before = admin.get("/api/v1/notification-routes").json().size();
		Response unknown = admin.post("/api/v1/notification-routes", Map.of("name", "找不到的人", "organisationId", organisation,
				"userIds", List.of(987654321L), "channels", List.of("EMAIL")));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.code()).isEqualTo("ALR-0051");
		JsonNode error = unknown.json().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("userIds");
		assertThat(error.path("code").asText()).isEqualTo("ALR-0053");
		assertThat(error.path("message").asText()).contains("987654321");

		Person disabled = person(admin, "gone", true);
		assertThat(admin.post("/api/v1/users/" + disabled.id() + "/disable", Map.of()).status()).isEqualTo(200);
		Response off = admin.language("en").post("/api/v1/notification-routes", Map.of("name", "停用的人", "organisationId",
				organisation, "userIds", List.of(disabled.id()), "channels", List.of("EMAIL")));
		assertThat(off.status()).isEqualTo(400);
		assertThat(off.json().path("errors").get(0).path("code").asText()).isEqualTo("ALR-0054");
		assertThat(off.json().path("errors").get(0).path("message").asText()).contains(disabled.username()).contains("disabled");

		Map<String, Object> bad = new HashMap<>();
		bad.put("name", " ");
		bad.put("organisationId", organisation);
		bad.put("severities", List.of("URGENT"));
		bad.put("classCode", "NO_SUCH_CLASS");
		bad.put("groupIds", List.of(987654321L));
		bad.put("endpointIds", List.of(987654321L));
		bad.put("channels", List.of("PIGEON"));
		bad.put("groupWaitSeconds", 301);
		bad.put("repeatMinutes", -1);
		bad.put("escalateAfterMinutes", 15);
		bad.put("capPeriodMinutes", 0);
		Response many = admin.post("/api/v1/notification-routes", bad);
		assertThat(many.status()).isEqualTo(400);
		Map<String, String> fields = new HashMap<>();
		for (JsonNode problem : many.json().path("errors")) {
			fields.putIfAbsent(problem.path("field").asText(), problem.path("code").asText());
		}
		assertThat(fields).containsEntry("name", "ALR-0004")
			.containsEntry("severities", "ALR-0062")
			.containsEntry("classCode", "ALR-0062")
			.containsEntry("groupIds", "ALR-0055")
			.containsEntry("endpointIds", "ALR-0056")
			.containsEntry("channels", "ALR-0057")
			.containsEntry("groupWaitSeconds", "ALR-0060")
			.containsEntry("repeatMinutes", "ALR-0060")
			.containsEntry("escalateUserIds", "ALR-0061")
			.containsEntry("capPeriodMinutes", "ALR-0060");
		Response noOne = admin.post("/api/v1/notification-routes", Map.of("name", "无人", "organisationId", organisation,
				"channels", List.of("WEBHOOK")));
		assertThat(noOne.json().path("errors").toString()).contains("ALR-0052", "ALR-0058");
		assertThat(admin.get("/api/v1/notification-routes").json().size()).as("nothing was created").isEqualTo(before);

		// a good one: read, changed with its version, refused with a stale one, deleted
		Person person = person(admin, "ok", true);
		long id = route(admin, Map.of("name", "正常", "organisationId", organisation, "userIds", List.of(person.id()), "channels",
				List.of("EMAIL", "SMS")));
		JsonNode read = admin.get("/api/v1/notification-routes/" + id).json();
		assertThat(read.path("groupWaitSeconds").asInt()).isEqualTo(10);
		assertThat(read.path("capPeriodMinutes").asInt()).isEqualTo(60);
		assertThat(read.path("notifyResolved").asBoolean()).isTrue();
		assertThat(read.path("users").get(0).path("name").asText()).isEqualTo(person.username());
		Map<String, Object> change = new HashMap<>(Map.of("name", "正常（改）", "organisationId", organisation, "userIds",
				List.of(person.id()), "channels", List.of("IN_APP"), "version", read.path("version").asInt()));
		Response changed = admin.put("/api/v1/notification-routes/" + id, change);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("channels").toString()).isEqualTo("[\"IN_APP\"]");
		assertThat(admin.put("/api/v1/notification-routes/" + id, change).status()).as("stale version").isEqualTo(409);
		assertThat(admin.delete("/api/v1/notification-routes/" + id + "?version=0").status()).isEqualTo(409);
		assertThat(admin.delete("/api/v1/notification-routes/" + id + "?version=" + changed.json().path("version").asInt())
			.status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/notification-routes/" + id).code()).isEqualTo("ALR-0050");
	}

	// --- helpers

	record Person(long id, String username, String email) {
	}

	private Person person(ApiClient admin, String prefix, boolean withEmail) {
		String username = unique(prefix);
		Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "organisationId",
				rootOrganisationId(admin), "roleIds", List.of(), "password", "Init@" + unique(""), "phone", "13800138000"));
		String email = withEmail ? username + "@example.gov.cn" : null;
		if (email != null) {
			body.put("email", email);
		}
		Response created = admin.post("/api/v1/users", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Person(created.json().path("user").path("id").asLong(), username, email);
	}

	private long endpoint(ApiClient admin, String kind, String path) {
		Response response = admin.post("/api/v1/notification-endpoints",
				Map.of("name", unique(kind + "-"), "kind", kind, "url", receiver.url(path)));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	private long route(ApiClient admin, Map<String, Object> body) {
		Response response = admin.post("/api/v1/notification-routes", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	private long ci(ApiClient admin, String classCode, long organisation, List<String> tags) {
		long classId = cmdbClassId(admin, classCode);
		Response response = admin.post("/api/v1/cmdb/cis", Map.of("classId", classId, "code", unique("CI-"), "name",
				unique(classCode + "-"), "organisationId", organisation, "tags", tags));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	private AlertRow fire(String title, AlertSeverity severity, Long ci, Long organisation, Long system) {
		return this.lifecycle.fire(new Firing(unique("fp-"), "GENERIC", null, null, unique("key-"), title, title + "：详情",
				severity, ci, organisation, system, null, null, null, null, null, Map.of(), true)).alert();
	}

	/** The routes whose steps list the alert. */
	private List<Long> routesOf(AlertRow alert) {
		return this.jdbc.sql("select distinct n.route_id from alr_notification n join alr_notification_alert na "
				+ "on na.notification_id = n.id where na.alert_id = :alert")
			.param("alert", alert.id())
			.query(Long.class)
			.list();
	}

	private long pendingSteps(long organisation) {
		return this.jdbc.sql("select count(*) from alr_notification n where n.status = 'PENDING' and exists (select 1 from "
				+ "alr_notification_alert na join alr_alert a on a.id = na.alert_id where na.notification_id = n.id "
				+ "and a.organisation_id = :organisation)")
			.param("organisation", organisation)
			.query(Long.class)
			.single();
	}

	private String timeline(ApiClient admin, long alertId) {
		return admin.get("/api/v1/alerts/" + alertId + "/timeline").text();
	}

	private List<String> types(String path) throws Exception {
		List<String> types = new ArrayList<>();
		for (Received received : receiver.at(path)) {
			types.add(JSON.readTree(received.body()).path("type").asText());
		}
		return types;
	}

	private static List<MimeMessage> mailsTo(String address) {
		List<MimeMessage> mails = new ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			try {
				if (mail.getAllRecipients()[0].toString().equals(address)) {
					mails.add(mail);
				}
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return mails;
	}

	/** The plain text of a mail (its text/plain part). */
	private static String text(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = text(multipart.getBodyPart(i));
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	private static String token(String text) {
		Matcher matcher = ACK_LINK.matcher(text);
		assertThat(matcher.find()).as("an acknowledge link in: " + text).isTrue();
		return matcher.group(1);
	}

	/** A route for a new organisation's alerts to a generic robot at {@code path}; the organisation. */
	private long robotRoute(String organisationName, String routeName, String path, int groupWaitSeconds) {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique(organisationName));
		long robot = endpoint(admin, "GENERIC", path);
		route(admin, Map.of("name", routeName, "organisationId", organisation, "endpointIds", List.of(robot), "channels",
				List.of("WEBHOOK"), "groupWaitSeconds", groupWaitSeconds));
		return organisation;
	}

	/** An alert of another system (source GENERIC) in the organisation that notifies. */
	private static Firing generic(String fingerprint, String title, AlertSeverity severity, long organisation) {
		return new Firing(fingerprint, "GENERIC", null, null, unique("k"), title, null, severity, null, organisation, null,
				null, null, null, null, null, Map.of(), true);
	}

	/** Sends the steps due now and hands their messages to the channels. */
	private void sendAndDispatch() {
		this.sender.sendDue();
		this.dispatcher.dispatchDue();
	}

	private static void await(Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + timeout);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
