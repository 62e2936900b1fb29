package io.opsguard.notify;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsguard.notify.NotifyTestSupport.Answer;
import io.opsguard.notify.NotifyTestSupport.Receiver;
import io.opsguard.notify.NotifyTestSupport.Received;
import io.opsguard.notify.internal.Dispatcher;
import io.opsguard.notify.internal.SseHub;
import io.opsguard.support.ApiClient;
import io.opsguard.support.EventStream;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications end to end against real peers: GreenMail on a loopback port for e-mail, a local
 * HTTP receiver for robots and the SMS gateway, the event stream over HTTP, and the API. Runs on a
 * database of its own with the scheduled dispatcher slowed down, so that each test dispatches when
 * it means to and moves the clock for the backoff.
 */
@Import(NotificationsIT.TestTypes.class)
class NotificationsIT extends ApiTestSupport {

	private static final int SMTP_PORT = NotifyTestSupport.freePort();

	private static final Path OWN_DATA_DIR = newDataDir();

	private static final ObjectMapper JSON = new ObjectMapper();

	@DynamicPropertySource
	static void notify(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("opsguard.notify.dispatch-interval", () -> "1h");
		// this test dispatches when it means to, critical notices too
		registry.add("opsguard.notify.dispatch-critical-at-once", () -> "false");
		registry.add("opsguard.notify.base-url", () -> "https://ops.example.gov.cn");
		registry.add("opsguard.notify.mail.from", () -> "noreply@ops.example.gov.cn");
	}

	/** A type with a mandatory channel, as a module such as the service desk would declare. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestTypes {

		@Bean
		NoticeTypes testNoticeTypes() {
			return () -> List.of(new NoticeType("test.sla.breached", "SLA 已超时", "SLA breached",
					new NoticeType.Template("工单 {{number}} 已超时", "工单 {{number}}「{{title}}」已超过{{metric}}时限。"),
					new NoticeType.Template("Ticket {{number}} breached", "Ticket {{number}} \"{{title}}\" breached its {{metric}}."),
					Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(Channel.IN_APP),
					Map.of("number", "GZ-20261208-0001", "title", "数据库无法连接", "metric", "解决")));
		}

	}

	@Autowired
	Notifications notifications;

	@Autowired
	LivePush livePush;

	@Autowired
	SseHub hub;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void realTime() {
		this.clock.set(Instant.now());
	}

	@Test
	void aNoticeArrivesAsMultipartMailWithAChineseSubject() throws Exception {
		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
		smtp.start();
		try {
			Person person = person("mail", true);
			String key = unique("mail-");
			this.transactions.executeWithoutResult(status -> this.notifications.send(Notice.of("test.sla.breached")
				.toUser(person.id())
				.with("number", "GZ-20261208-0007")
				.with("title", "<b>数据库</b> & 应用")
				.with("metric", "解决")
				.link("/servicedesk/tickets/7")
				.dedupKey(key)
				.build()));
			assertThat(this.dispatcher.dispatchDue()).isGreaterThanOrEqualTo(1);
			assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
			MimeMessage mail = null;
			for (MimeMessage received : smtp.getReceivedMessages()) {
				if (received.getAllRecipients()[0].toString().equals(person.email())) {
					mail = received;
				}
			}
			assertThat(mail).isNotNull();
			assertThat(mail.getSubject()).isEqualTo("工单 GZ-20261208-0007 已超时");
			assertThat(mail.getHeader("Subject")[0]).as("encoded as RFC 2047").startsWith("=?UTF-8?");
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(person.email());
			assertThat(mail.getFrom()[0].toString()).contains("noreply@ops.example.gov.cn");
			Map<String, String> parts = new HashMap<>();
			collect(mail, parts);
			assertThat(parts.get("text/plain")).contains("「<b>数据库</b> & 应用」");
			assertThat(parts.get("text/html")).contains("&lt;b&gt;数据库&lt;/b&gt; &amp; 应用")
				.doesNotContain("<b>数据库")
				.contains("https://ops.example.gov.cn/servicedesk/tickets/7")
				.contains("查看详情");
			assertThat(status(key, "EMAIL")).isEqualTo("SENT");
			// and in the inbox, once, with the relative link
			JsonNode inbox = person.client().get("/api/v1/notifications").json();
			assertThat(inbox.path("total").asLong()).isEqualTo(1);
			assertThat(inbox.path("items").get(0).path("link").asText()).isEqualTo("/servicedesk/tickets/7");
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void aDownMailServerNeitherFailsTheCallerNorLosesTheMessage() throws Exception {
		Person person = person("down", true);
		String key = unique("down-");
		String marker = unique("caller-");
		long started = System.nanoTime();
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("insert into ntf_user_setting (user_id, locale) values (:id, 'zh-CN')").param("id", person.id()).update();
			this.notifications.send(Notice.of("test.sla.breached").toUser(person.id()).with("number", marker).dedupKey(key).build());
		});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("sending never waits for a channel")
			.isLessThan(Duration.ofSeconds(3));
		assertThat(this.jdbc.sql("select count(*) from ntf_user_setting where user_id = :id").param("id", person.id())
			.query(Long.class).single()).as("the caller's change is committed").isEqualTo(1);

		this.dispatcher.dispatchDue();
		Map<String, Object> row = row(key, "EMAIL");
		assertThat(row.get("status")).isEqualTo("FAILED");
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("last_error_key")).isEqualTo("notify.failure.smtp-connect");
		JsonNode log = admin().get("/api/v1/notification-deliveries?channel=EMAIL&status=FAILED&q=" + person.email()).json();
		assertThat(log.path("items").get(0).path("lastError").asText()).isEqualTo("无法连接邮件服务器");

		// not due yet: nothing is tried
		this.dispatcher.dispatchDue();
		assertThat(row(key, "EMAIL").get("attempts")).isEqualTo(1);
		// 30 s later the second attempt fails too, and waits 2 min; never given up before the last attempt
		this.clock.advance(Duration.ofSeconds(31));
		this.dispatcher.dispatchDue();
		assertThat(row(key, "EMAIL")).containsEntry("status", "FAILED").containsEntry("attempts", 2);
		Instant next = this.jdbc.sql("select next_attempt_at from ntf_outbox where dedup_key = :k and channel = 'EMAIL'")
			.param("k", key)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(Duration.between(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), next))
			.isEqualTo(Duration.ofMinutes(2));

		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
		smtp.start();
		try {
			this.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
			this.dispatcher.dispatchDue();
			assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
			assertThat(row(key, "EMAIL")).containsEntry("status", "SENT").containsEntry("attempts", 3);
			assertThat(toMe(smtp, person)).isEqualTo(1);
			this.clock.advance(Duration.ofHours(2));
			this.dispatcher.dispatchDue();
			assertThat(toMe(smtp, person)).as("sent once").isEqualTo(1);
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void robotsAndTheSmsGatewayReceiveSignedMessagesWithinTheirSizes() throws Exception {
		String dingSecret = "SECding" + unique("");
		String feishuSecret = "feishu" + unique("");
		String genericSecret = "generic" + unique("");
		try (Receiver receiver = new Receiver(r -> switch (r.path()) {
			case "/wecom", "/ding" -> new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
			case "/wecom-refuses" -> new Answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
			case "/feishu" -> new Answer(200, "{\"code\":0,\"msg\":\"success\"}");
			default -> new Answer(200, "");
		})) {
			ApiClient admin = admin();
			long wecom = endpoint(admin, "WECOM", receiver.url("/wecom?key=robot-key"), null, Map.of());
			long refusing = endpoint(admin, "WECOM", receiver.url("/wecom-refuses?key=x"), null, Map.of());
			long ding = endpoint(admin, "DINGTALK", receiver.url("/ding?access_token=tok"), dingSecret, Map.of());
			long feishu = endpoint(admin, "FEISHU", receiver.url("/feishu"), feishuSecret, Map.of());
			long generic = endpoint(admin, "GENERIC", receiver.url("/generic"), genericSecret, Map.of());
			Response sms = admin.post("/api/v1/notification-endpoints", Map.of("name", unique("短信网关"), "kind", "SMS", "url",
					receiver.url("/sms?to={{phone}}"), "method", "POST", "headers",
					Map.of("Content-Type", "application/json", "X-Api-Key", "{{secret}}"), "bodyTemplate",
					"{\"mobile\":\"{{phone}}\",\"content\":\"{{text}}\"}", "secret", "gateway-credential"));
			assertThat(sms.status()).as(sms.toString()).isEqualTo(201);
			// secrets are write-only
			String listed = admin.get("/api/v1/notification-endpoints").text();
			assertThat(listed).doesNotContain(dingSecret, feishuSecret, genericSecret, "gateway-credential")
				.contains("\"secretSet\":true");

			String key = unique("robots-");
			String longText = "数据库连接数告警，请立即处理。".repeat(200);
			this.transactions.executeWithoutResult(status -> this.notifications.send(Notice.of("test.sla.breached")
				.toEndpoint(wecom)
				.toEndpoint(refusing)
				.toEndpoint(ding)
				.toEndpoint(feishu)
				.toEndpoint(generic)
				.toAddress(Notice.Address.sms("13800000001"))
				.with("number", "GZ-1")
				.with("title", longText)
				.with("metric", "解决")
				.link("/servicedesk/tickets/1")
				.severity(NoticeSeverity.CRITICAL)
				.dedupKey(key)
				.build()));
			this.dispatcher.dispatchDue();

			List<Received> wecomParts = receiver.at("/wecom");
			assertThat(wecomParts).as("a message over 4,096 bytes reaches WeCom in parts").hasSizeGreaterThanOrEqualTo(2);
			for (Received part : wecomParts) {
				String content = JSON.readTree(part.body()).path("markdown").path("content").asText();
				assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
				assertThat(JSON.readTree(part.body()).path("msgtype").asText()).isEqualTo("markdown");
			}
			assertThat(JSON.readTree(wecomParts.get(0).body()).path("markdown").path("content").asText())
				.startsWith("(1/" + wecomParts.size() + ") **工单 GZ-1 已超时**");

			Received dingTalk = receiver.at("/ding").get(0);
			Map<String, String> query = query(dingTalk.query());
			assertThat(query.get("access_token")).isEqualTo("tok");
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(dingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = Base64.getEncoder()
				.encodeToString(mac.doFinal((query.get("timestamp") + "\n" + dingSecret).getBytes(StandardCharsets.UTF_8)));
			assertThat(query.get("sign")).as("the signature the receiver computes").isEqualTo(expected);
			assertThat(JSON.readTree(dingTalk.body()).path("markdown").path("title").asText()).isEqualTo("工单 GZ-1 已超时");

			JsonNode lark = JSON.readTree(receiver.at("/feishu").get(0).body());
			Mac feishuMac = Mac.getInstance("HmacSHA256");
			feishuMac.init(new SecretKeySpec((lark.path("timestamp").asText() + "\n" + feishuSecret).getBytes(StandardCharsets.UTF_8),
					"HmacSHA256"));
			assertThat(lark.path("sign").asText()).isEqualTo(Base64.getEncoder().encodeToString(feishuMac.doFinal(new byte[0])));
			assertThat(lark.path("msg_type").asText()).isEqualTo("text");
			assertThat(lark.path("content").path("text").asText()).contains("https://ops.example.gov.cn/servicedesk/tickets/1");

			Received json = receiver.at("/generic").get(0);
			Mac genericMac = Mac.getInstance("HmacSHA256");
			genericMac.init(new SecretKeySpec(genericSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			assertThat(json.header("X-OpsGuard-Signature"))
				.isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(genericMac.doFinal(json.body().getBytes(StandardCharsets.UTF_8))));
			JsonNode genericBody = JSON.readTree(json.body());
			assertThat(genericBody.path("severity").asText()).isEqualTo("CRITICAL");
			assertThat(genericBody.path("type").asText()).isEqualTo("test.sla.breached");

			Received text = receiver.at("/sms").get(0);
			assertThat(text.query()).isEqualTo("to=13800000001");
			assertThat(text.header("X-Api-Key")).isEqualTo("gateway-credential");
			JsonNode smsBody = JSON.readTree(text.body());
			assertThat(smsBody.path("mobile").asText()).isEqualTo("13800000001");
			assertThat(smsBody.path("content").asText()).startsWith("工单 GZ-1 已超时：").endsWith("…(余下内容见系统)");
			assertThat(text.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(1000);

			assertThat(status(key, "WEBHOOK", "endpoint:" + refusing)).isEqualTo("FAILED");
			JsonNode failed = admin.get("/api/v1/notification-deliveries?status=FAILED&channel=WEBHOOK&q=endpoint:" + refusing)
				.json()
				.path("items")
				.get(0);
			assertThat(failed.path("lastError").asText()).isEqualTo("机器人拒收了消息");
			assertThat(failed.path("lastErrorDetail").asText()).contains("93000");
			assertThat(admin.post("/api/v1/notification-deliveries/" + failed.path("id").asLong() + "/retry", Map.of())
				.json().path("status").asText()).isEqualTo("PENDING");
			long sent = admin.get("/api/v1/notification-deliveries?status=SENT&channel=SMS&q=13800000001").json()
				.path("items").get(0).path("id").asLong();
			assertThat(admin.post("/api/v1/notification-deliveries/" + sent + "/retry", Map.of()).code()).isEqualTo("NT-0015");

			// the test button: accepted, and a refusal in words
			JsonNode ok = admin.post("/api/v1/notification-endpoints/" + wecom + "/test", Map.of()).json();
			assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
			JsonNode refused = admin.post("/api/v1/notification-endpoints/" + refusing + "/test", Map.of()).json();
			assertThat(refused.path("ok").asBoolean()).isFalse();
			assertThat(refused.path("message").asText()).isEqualTo("机器人拒收了消息");
			Response noPhone = admin.post("/api/v1/notification-endpoints/" + sms.id() + "/test", Map.of());
			assertThat(noPhone.status()).isEqualTo(400);
			assertThat(noPhone.json().path("errors").get(0).path("field").asText()).isEqualTo("phone");
			assertThat(admin.post("/api/v1/notification-endpoints/" + sms.id() + "/test", Map.of("phone", "13900000002"))
				.json().path("ok").asBoolean()).isTrue();
			assertThat(receiver.at("/sms").get(receiver.at("/sms").size() - 1).query()).isEqualTo("to=13900000002");
		}
	}

	@Test
	void theSameStepIsQueuedOnce() {
		Person person = person("dedup", true);
		String key = unique("step-");
		for (int i = 0; i < 2; i++) {
			this.transactions.executeWithoutResult(status -> this.notifications
				.send(Notice.of("test.sla.breached").toUser(person.id()).toAddress(Notice.Address.email("x@example.com"))
					.dedupKey(key).build()));
		}
		assertThat(this.jdbc.sql("select count(*) from ntf_outbox where dedup_key = :k").param("k", key).query(Long.class).single())
			.as("one e-mail to the user, one to the address").isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from ntf_inbox where dedup_key = :k").param("k", key).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void theStreamTellsTheUserAtOnceAndNobodyElse() throws Exception {
		Person alice = person("alice", false);
		Person bob = person("bob", false);
		try (EventStream alices = open(alice); EventStream bobs = open(bob)) {
			assertThat(alices.next("unread-count").path("count").asLong()).isZero();
			bobs.next("unread-count");
			this.transactions.executeWithoutResult(status -> this.notifications.send(Notice.of("test.sla.breached")
				.toUser(alice.id())
				.with("number", "GZ-20261208-0042")
				.link("/servicedesk/tickets/42")
				.build()));
			JsonNode event = alices.next("notification");
			assertThat(event.path("subject").asText()).isEqualTo("工单 GZ-20261208-0042 已超时");
			assertThat(event.path("unreadCount").asLong()).isEqualTo(1);
			assertThat(event.path("link").asText()).isEqualTo("/servicedesk/tickets/42");
			// a module's own live event, e.g. a caller card
			assertThat(this.livePush.push(alice.id(), "caller-card", Map.of("phone", "13700000000"))).isEqualTo(1);
			assertThat(alices.next("caller-card").path("phone").asText()).isEqualTo("13700000000");
			assertThat(bobs.poll(Duration.ofSeconds(1))).as("bob hears nothing of alice's").isNull();
		}
		// a closed stream is forgotten
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.hub.openStreams(alice.id()) > 0 && System.nanoTime() < deadline) {
			this.livePush.push(alice.id(), "ping", Map.of());
			Thread.sleep(100);
		}
		assertThat(this.hub.openStreams(alice.id())).isZero();
	}

	@Test
	void usersReadAndMarkTheirOwnNotificationsOnly() {
		Person alice = person("inbox", false);
		Person bob = person("other", false);
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.transactions.executeWithoutResult(status -> this.notifications
				.send(Notice.of("test.sla.breached").toUser(alice.id()).with("number", "N" + n).build()));
		}
		ApiClient a = alice.client();
		assertThat(a.get("/api/v1/notifications/unread-count").json().path("count").asLong()).isEqualTo(3);
		JsonNode page = a.get("/api/v1/notifications?unread=true&size=2").json();
		assertThat(page.path("total").asLong()).isEqualTo(3);
		assertThat(page.path("items")).hasSize(2);
		assertThat(page.path("items").get(0).path("subject").asText()).isEqualTo("工单 N2 已超时");
		long first = page.path("items").get(0).path("id").asLong();
		assertThat(bob.client().post("/api/v1/notifications/" + first + "/read", Map.of()).code()).isEqualTo("NT-0013");
		assertThat(a.post("/api/v1/notifications/" + first + "/read", Map.of()).status()).isEqualTo(204);
		assertThat(a.get("/api/v1/notifications/unread-count").json().path("count").asLong()).isEqualTo(2);
		assertThat(a.post("/api/v1/notifications/read-all", Map.of()).json().path("count").asInt()).isEqualTo(2);
		assertThat(a.get("/api/v1/notifications?unread=true").json().path("total").asLong()).isZero();
		assertThat(bob.client().get("/api/v1/notifications").json().path("total").asLong()).isZero();
	}

	@Test
	void preferencesChooseChannelsButNeverDropAMandatoryOne() throws Exception {
		Person person = person("prefs", true);
		ApiClient me = person.client();
		JsonNode mine = me.get("/api/v1/me/notification-preferences").json();
		assertThat(mine.path("locale").asText()).isEqualTo("zh-CN");
		JsonNode breach = type(mine, "test.sla.breached");
		assertThat(breach.path("mandatory").toString()).isEqualTo("[\"IN_APP\"]");
		Response refused = me.put("/api/v1/me/notification-preferences",
				Map.of("types", List.of(Map.of("type", "test.sla.breached", "channels", List.of("EMAIL")))));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("NT-0016");
		assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("types.test.sla.breached");
		assertThat(me.put("/api/v1/me/notification-preferences", Map.of("locale", "fr")).json().path("errors").get(0)
			.path("field").asText()).isEqualTo("locale");
		assertThat(me.put("/api/v1/me/notification-preferences",
				Map.of("types", List.of(Map.of("type", "nope.nope", "channels", List.of())))).status()).isEqualTo(400);

		JsonNode changed = me.put("/api/v1/me/notification-preferences", Map.of("locale", "en", "types",
				List.of(Map.of("type", "test.sla.breached", "channels", List.of("IN_APP"))))).json();
		assertThat(type(changed, "test.sla.breached").path("channels").toString()).isEqualTo("[\"IN_APP\"]");
		assertThat(changed.path("locale").asText()).isEqualTo("en");
		String key = unique("pref-");
		this.transactions.executeWithoutResult(status -> this.notifications
			.send(Notice.of("test.sla.breached").toUser(person.id()).with("number", "GZ-9").dedupKey(key).build()));
		assertThat(this.jdbc.sql("select count(*) from ntf_outbox where dedup_key = :k").param("k", key).query(Long.class).single())
			.as("no e-mail once switched off").isZero();
		assertThat(me.get("/api/v1/notifications").json().path("items").get(0).path("subject").asText())
			.as("in the user's language").isEqualTo("Ticket GZ-9 breached");
	}

	@Test
	void administratorsEditTemplatesSafelyAndEndpointsFieldByField() {
		ApiClient admin = admin();
		JsonNode types = admin.get("/api/v1/notification-templates").json();
		assertThat(types.findValuesAsText("code")).contains("notify.test", "test.sla.breached");
		JsonNode template = admin.get("/api/v1/notification-templates/test.sla.breached/zh-CN").json();
		assertThat(template.path("version").asInt()).isZero();
		assertThat(template.path("customised").asBoolean()).isFalse();
		Response unsafe = admin.put("/api/v1/notification-templates/test.sla.breached/zh-CN",
				Map.of("version", 0, "subject", "{{number}}", "body", "{{{title}}}"));
		assertThat(unsafe.status()).isEqualTo(400);
		assertThat(unsafe.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
		assertThat(unsafe.json().path("errors").get(0).path("code").asText()).isEqualTo("NT-0007");
		JsonNode saved = admin.put("/api/v1/notification-templates/test.sla.breached/zh-CN",
				Map.of("version", 0, "subject", "【超时】{{number}}", "body", "{{title}} 超时")).json();
		assertThat(saved.path("version").asInt()).isEqualTo(1);
		assertThat(admin.put("/api/v1/notification-templates/test.sla.breached/zh-CN",
				Map.of("version", 0, "subject", "x", "body", "y")).code()).isEqualTo("NT-0008");
		JsonNode preview = admin.post("/api/v1/notification-templates/preview", Map.of("type", "test.sla.breached", "locale",
				"zh-CN", "subject", "{{number}}", "body", "{{title}}", "model", Map.of("title", "<i>x</i>"))).json();
		assertThat(preview.path("text").asText()).isEqualTo("<i>x</i>");
		assertThat(preview.path("html").asText()).contains("&lt;i&gt;x&lt;/i&gt;");
		assertThat(admin.post("/api/v1/notification-templates/test.sla.breached/zh-CN/reset", Map.of()).json()
			.path("customised").asBoolean()).isFalse();
		assertThat(admin.get("/api/v1/notification-templates/test.sla.breached/fr").code()).isEqualTo("NT-0012");
		assertThat(admin.get("/api/v1/notification-templates/no.such/zh-CN").code()).isEqualTo("NT-0011");

		Response bad = admin.post("/api/v1/notification-endpoints", Map.of("name", "", "kind", "PIGEON", "url", "ftp://x",
				"headers", Map.of("Host", "evil")));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsText("field")).contains("name", "kind", "url", "headers");
		long id = endpoint(admin, "WECOM", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + unique("k"), null, Map.of());
		JsonNode read = admin.get("/api/v1/notification-endpoints/" + id).json();
		assertThat(admin.put("/api/v1/notification-endpoints/" + id, Map.of("name", read.path("name").asText(), "kind",
				"WECOM", "url", read.path("url").asText())).code()).isEqualTo("NT-0009");
		JsonNode changed = admin.put("/api/v1/notification-endpoints/" + id, Map.of("version", 0, "name",
				read.path("name").asText(), "kind", "WECOM", "url", read.path("url").asText(), "secret", "later-secret",
				"enabled", false)).json();
		assertThat(changed.path("secretSet").asBoolean()).isTrue();
		assertThat(changed.path("enabled").asBoolean()).isFalse();
		assertThat(changed.toString()).doesNotContain("later-secret");
		String audit = admin.get("/api/v1/audit?targetType=NOTIFICATION_ENDPOINT&size=50").text();
		assertThat(audit).doesNotContain("later-secret").doesNotContain("key=" );
		assertThat(admin.delete("/api/v1/notification-endpoints/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/notification-endpoints/" + id).code()).isEqualTo("NT-0001");
	}

	// --- helpers

	private static long toMe(GreenMail smtp, Person person) throws Exception {
		long count = 0;
		for (MimeMessage received : smtp.getReceivedMessages()) {
			if (received.getAllRecipients()[0].toString().equals(person.email())) {
				count++;
			}
		}
		return count;
	}

	record Person(long id, String username, String email, ApiClient client) {
	}

	private Person person(String prefix, boolean withEmail) {
		String username = unique(prefix);
		String email = withEmail ? username + "@example.gov.cn" : null;
		String initial = "Init@" + unique("");
		Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "organisationId",
				rootOrganisationId(admin()), "roleIds", List.of(), "password", initial, "phone", "13800138000"));
		if (email != null) {
			body.put("email", email);
		}
		Response created = admin().post("/api/v1/users", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		ApiClient user = client().signedIn(username, initial);
		assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", initial, "newPassword", passwordOf(username)))
			.status()).isEqualTo(204);
		return new Person(created.json().path("user").path("id").asLong(), username, email, user);
	}

	private long endpoint(ApiClient admin, String kind, String url, String secret, Map<String, String> headers) {
		Map<String, Object> body = new HashMap<>(Map.of("name", unique(kind + "-"), "kind", kind, "url", url, "headers", headers));
		if (secret != null) {
			body.put("secret", secret);
		}
		Response response = admin.post("/api/v1/notification-endpoints", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	private Map<String, Object> row(String key, String channel) {
		return this.jdbc.sql("select * from ntf_outbox where dedup_key = :k and channel = :c")
			.param("k", key)
			.param("c", channel)
			.query()
			.singleRow();
	}

	private String status(String key, String channel) {
		return (String) row(key, channel).get("status");
	}

	private String status(String key, String channel, String recipient) {
		return this.jdbc.sql("select status from ntf_outbox where dedup_key = :k and channel = :c and recipient = :r and part = 1")
			.param("k", key)
			.param("c", channel)
			.param("r", recipient)
			.query(String.class)
			.single();
	}

	private static JsonNode type(JsonNode preferences, String code) {
		for (JsonNode type : preferences.path("types")) {
			if (type.path("type").asText().equals(code)) {
				return type;
			}
		}
		throw new AssertionError("no type " + code);
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> map = new HashMap<>();
		for (String pair : raw.split("&")) {
			String[] kv = pair.split("=", 2);
			map.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
		}
		return map;
	}

	private static void collect(Part part, Map<String, String> into) throws Exception {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collect(child, into);
			}
		}
		else if (part.isMimeType("text/plain")) {
			into.put("text/plain", (String) part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			into.put("text/html", (String) part.getContent());
		}
	}

	private EventStream open(Person person) throws Exception {
		return EventStream.open(this.port, person.username(), passwordOf(person.username()));
	}

}
