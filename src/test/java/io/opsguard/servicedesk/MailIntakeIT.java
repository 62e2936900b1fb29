package io.opsguard.servicedesk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.opsguard.servicedesk.internal.MailIntake;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail intake against a real IMAP server (GreenMail on a free loopback port): new mail makes
 * a ticket with its attachment and a first-feedback clock, a reply naming the ticket is appended,
 * automatic messages and loops are ignored, a message that cannot be read is quarantined without
 * stopping the next, a server that goes away is shown as unreachable and read again once it is
 * back, every decision stays in the log, and no message is ever imported twice.
 */
class MailIntakeIT extends ApiTestSupport {

	private static GreenMail server;

	@Autowired
	MailIntake intake;

	private ApiClient admin;

	private final List<Long> mailboxes = new ArrayList<>();

	@BeforeAll
	static void startMailServer() {
		server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopMailServer() {
		server.stop();
	}

	@BeforeEach
	void setUp() {
		this.admin = admin();
	}

	@AfterEach
	void disableMailboxes() {
		// the shared application keeps running: no poller of these mailboxes after the test
		for (long id : this.mailboxes) {
			JsonNode box = this.admin.get("/api/v1/mail-intake/mailboxes/" + id).json();
			Map<String, Object> body = mailboxBody(box.path("name").asText(), box.path("port").asInt(), box.path("username").asText(),
					null);
			body.put("enabled", false);
			body.put("version", box.path("version").asInt());
			this.admin.put("/api/v1/mail-intake/mailboxes/" + id, body);
		}
		this.clock.set(Instant.now());
	}

	@Test
	void newMailMakesATicketWithItsAttachmentAndAReplyIsAppendedOnce() throws Exception {
		String account = unique("desk");
		GreenMailUser desk = server.setUser(account + "@opsguard.local", account, "Desk-pw-1");
		long mailbox = mailbox(server, account, "Desk-pw-1");
		String sender = unique("li") + "@example.com";
		desk.deliver(mail("李工", sender, "三楼打印机无法连接", "三楼的打印机从早上开始无法连接，错误截图见附件。", "错误截图.png",
				TicketAttachmentApiIT.PNG, Map.of()));
		JsonNode polled = poll(mailbox);
		assertThat(polled.path("reachable").asBoolean()).as(polled.toString()).isTrue();
		assertThat(polled.path("decided").asInt()).isEqualTo(1);
		JsonNode created = onlyEntry(mailbox, "CREATED");
		assertThat(created.path("sender").asText()).isEqualTo(sender);
		assertThat(created.path("subject").asText()).isEqualTo("三楼打印机无法连接");
		assertThat(created.path("attachments").asInt()).isEqualTo(1);
		long ticketId = created.path("ticket").path("id").asLong();
		String number = created.path("ticket").path("number").asText();
		JsonNode ticket = this.admin.get("/api/v1/tickets/" + ticketId).json();
		assertThat(ticket.path("channel").asText()).isEqualTo("EMAIL");
		assertThat(ticket.path("title").asText()).isEqualTo("三楼打印机无法连接");
		assertThat(ticket.path("description").asText()).contains("错误截图见附件");
		assertThat(ticket.path("contact").path("email").asText()).isEqualTo(sender);
		assertThat(ticket.path("contact").path("name").asText()).isEqualTo("李工");
		assertThat(ticket.path("slaTimers")).as("answered within 24 hours (R-DSK-07)")
			.anySatisfy(timer -> {
				assertThat(timer.path("metric").asText()).isEqualTo("FIRST_FEEDBACK");
				assertThat(timer.path("target").asText()).isEqualTo("PT24H");
			});
		JsonNode files = this.admin.get("/api/v1/tickets/" + ticketId + "/attachments").json();
		assertThat(files).hasSize(1);
		assertThat(files.get(0).path("fileName").asText()).isEqualTo("错误截图.png");
		assertThat(files.get(0).path("source").asText()).isEqualTo("EMAIL");
		assertThat(this.admin.get(files.get(0).path("contentUrl").asText()).bytes()).isEqualTo(TicketAttachmentApiIT.PNG);

		desk.deliver(mail("李工", sender, "Re: [" + number + "] 三楼打印机无法连接",
				"重启打印机后还是不行。\n\n在 2026年1月5日 写道：\n> 您好，请先重启打印机。\n", null, null, Map.of()));
		poll(mailbox);
		JsonNode appended = onlyEntry(mailbox, "APPENDED");
		assertThat(appended.path("ticket").path("id").asLong()).isEqualTo(ticketId);
		JsonNode comments = this.admin.get("/api/v1/tickets/" + ticketId + "/comments").json();
		assertThat(comments).hasSize(1);
		assertThat(comments.get(0).path("body").asText()).contains("重启打印机后还是不行", sender).doesNotContain("请先重启");
		assertThat(comments.get(0).path("visibleToRequester").asBoolean()).isTrue();

		// marking them as seen failed (or someone marked them unread): still imported once only
		long tickets = this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong();
		markAllUnseen(server, account, "Desk-pw-1");
		JsonNode again = poll(mailbox);
		assertThat(again.path("decided").asInt()).isZero();
		assertThat(entries(mailbox)).hasSize(2);
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong()).isEqualTo(tickets);
		assertThat(this.admin.get("/api/v1/tickets/" + ticketId + "/comments").json()).hasSize(1);
	}

	@Test
	void autoRepliesAndMailLoopsAreIgnoredAndLogged() throws Exception {
		String account = unique("auto");
		GreenMailUser desk = server.setUser(account + "@opsguard.local", account, "Desk-pw-2");
		long mailbox = mailbox(server, account, "Desk-pw-2");
		desk.deliver(mail("外出助手", unique("away") + "@example.com", "自动答复：我正在休假", "我将于下周一返回。", null, null,
				Map.of("Auto-Submitted", "auto-replied")));
		desk.deliver(mail("Mail Delivery System", "MAILER-DAEMON@example.com", "Undelivered Mail Returned to Sender",
				"This is the mail system.", null, null, Map.of()));
		desk.deliver(mail("通讯", unique("news") + "@example.com", "本周简报", "……", null, null, Map.of("Precedence", "bulk")));
		String looping = unique("loop") + "@example.com";
		for (int i = 1; i <= 7; i++) {
			desk.deliver(mail("循环", looping, "工单通知 " + i, "第 " + i + " 封", null, null, Map.of()));
		}
		poll(mailbox);
		List<JsonNode> ignored = entries(mailbox, "IGNORED_AUTO_REPLY");
		assertThat(ignored).hasSize(3);
		assertThat(ignored).extracting(e -> e.path("reason").asText())
			.anySatisfy(reason -> assertThat(reason).contains("Auto-Submitted: auto-replied"))
			.anySatisfy(reason -> assertThat(reason).containsIgnoringCase("mailer-daemon@example.com"))
			.anySatisfy(reason -> assertThat(reason).contains("Precedence: bulk"));
		assertThat(ignored).allSatisfy(e -> assertThat(e.path("ticket").isNull()).isTrue());
		assertThat(entries(mailbox, "CREATED")).as("a person writes five, not more, in ten minutes").hasSize(5);
		List<JsonNode> loops = entries(mailbox, "IGNORED_LOOP");
		assertThat(loops).hasSize(2);
		assertThat(loops.get(0).path("reason").asText()).contains("邮件循环");
		Response english = this.admin.language("en").get("/api/v1/mail-intake/log?decision=IGNORED_LOOP&mailboxId=" + mailbox);
		assertThat(english.json().path("items").get(0).path("reason").asText()).contains("mail loop");
		this.admin.language("zh-CN");
	}

	@Test
	void aMessageThatCannotBeReadIsQuarantinedAndTheNextIsStillImported() throws Exception {
		String account = unique("broken");
		GreenMailUser desk = server.setUser(account + "@opsguard.local", account, "Desk-pw-3");
		long mailbox = mailbox(server, account, "Desk-pw-3");
		String brokenId = "<" + unique("broken") + "@example.com>";
		byte[] raw = ("From: 张三 <zhangsan@example.com>\r\nTo: " + account + "@opsguard.local\r\nSubject: 坏邮件\r\n"
				+ "Message-ID: " + brokenId + "\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=\"never-there\"\r\n\r\nno part starts here\r\n")
			.getBytes(StandardCharsets.UTF_8);
		desk.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
		desk.deliver(mail("赵六", unique("zhao") + "@example.com", "VPN 无法登录", "提示证书过期。", null, null, Map.of()));
		poll(mailbox);
		JsonNode quarantined = onlyEntry(mailbox, "QUARANTINED");
		assertThat(quarantined.path("reason").asText()).startsWith("邮件无法解析").contains("boundary");
		assertThat(quarantined.path("messageId").asText()).isEqualTo(brokenId);
		assertThat(quarantined.path("sender").asText()).isEqualTo("zhangsan@example.com");
		assertThat(quarantined.path("ticket").isNull()).as("nothing half-created").isTrue();
		Response download = this.admin.get(quarantined.path("rawUrl").asText());
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.text()).contains("no part starts here", brokenId);
		assertThat(download.headers().get("content-disposition").get(0)).contains(".eml");
		assertThat(onlyEntry(mailbox, "CREATED").path("subject").asText()).isEqualTo("VPN 无法登录");
		// the quarantine is for the intake's administrators of the mailbox's organisation only
		long sibling = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("邮件乙"));
		long manager = createRole(this.admin, List.of("servicedesk:mail:manage"), "OWN_SUBTREE", List.of());
		ApiClient other = createUserAndSignIn(this.admin, unique("mailb"), sibling, List.of(manager));
		assertThat(other.get(quarantined.path("rawUrl").asText()).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/mail-intake/log?mailboxId=" + mailbox).json().path("total").asLong()).isZero();
		assertThat(other.get("/api/v1/mail-intake/mailboxes/" + mailbox).status()).isEqualTo(404);
	}

	@Test
	void anUnreachableServerIsShownAndTheIntakeResumesByItself() throws Exception {
		GreenMail own = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		own.start();
		int port = own.getImap().getPort();
		String account = unique("outage");
		own.setUser(account + "@opsguard.local", account, "Desk-pw-4")
			.deliver(mail("钱七", unique("qian") + "@example.com", "网络中断", "二楼全部断网。", null, null, Map.of()));
		long mailbox = mailbox(own, account, "Desk-pw-4");
		poll(mailbox);
		assertThat(entries(mailbox)).hasSize(1);
		own.stop();
		try {
			JsonNode failed = poll(mailbox);
			assertThat(failed.path("reachable").asBoolean()).isFalse();
			assertThat(failed.path("error").asText()).contains("拒绝连接");
			JsonNode state = this.admin.get("/api/v1/mail-intake/mailboxes/" + mailbox).json().path("state");
			assertThat(state.path("status").asText()).isEqualTo("UNREACHABLE");
			assertThat(state.path("failingSince").asText()).isNotBlank();
			assertThat(state.path("lastError").asText()).contains("127.0.0.1:" + port, "拒绝连接");
			assertThat(state.path("lastSuccessAt").asText()).isNotBlank();
			Instant retry = Instant.parse(state.path("nextPollAt").asText());
			assertThat(retry).as("tried again later, not at once").isAfter(this.clock.instant());
			// the scheduled round skips it until its retry is due
			this.intake.pollDue();
			assertThat(this.admin.get("/api/v1/mail-intake/mailboxes/" + mailbox).json().path("state").path("failures").asInt())
				.isEqualTo(1);
		}
		finally {
			own = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
			own.start();
		}
		try {
			own.setUser(account + "@opsguard.local", account, "Desk-pw-4")
				.deliver(mail("钱七", unique("qian") + "@example.com", "网络已恢复，打印仍异常", "打印服务无响应。", null, null, Map.of()));
			this.clock.advance(Duration.ofHours(1));
			this.intake.pollDue();
			JsonNode state = this.admin.get("/api/v1/mail-intake/mailboxes/" + mailbox).json().path("state");
			assertThat(state.path("status").asText()).isEqualTo("OK");
			assertThat(state.path("failingSince").isNull()).isTrue();
			List<JsonNode> created = entries(mailbox, "CREATED");
			assertThat(created).as("the log keeps the decisions of every run").hasSize(2);
			assertThat(created).extracting(e -> e.path("subject").asText()).contains("网络中断", "网络已恢复，打印仍异常");
		}
		finally {
			own.stop();
		}
	}

	@Test
	void mailboxesAreKeptWithoutEverShowingTheirPasswordAndBadInputChangesNothing() {
		String password = "Never-Shown-" + unique("");
		Map<String, Object> body = mailboxBody(unique("服务台邮箱"), 1143, "servicedesk", password);
		Response created = this.admin.post("/api/v1/mail-intake/mailboxes", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.id();
		this.mailboxes.add(id);
		assertThat(created.text()).doesNotContain(password);
		assertThat(created.json().path("passwordSet").asBoolean()).isTrue();
		assertThat(created.json().path("state").path("status").asText()).isEqualTo("NEW");
		assertThat(this.admin.get("/api/v1/mail-intake/mailboxes").text()).doesNotContain(password);
		// a change without a password keeps the stored one; a stale version is refused
		Map<String, Object> change = mailboxBody(body.get("name").toString(), 1143, "helpdesk", null);
		change.put("version", 0);
		Response changed = this.admin.put("/api/v1/mail-intake/mailboxes/" + id, change);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("passwordSet").asBoolean()).isTrue();
		assertThat(this.admin.put("/api/v1/mail-intake/mailboxes/" + id, change).code()).isEqualTo("SD-0234");
		Map<String, Object> bad = new HashMap<>(Map.of("name", " ", "host", "mail server!", "port", 70000, "protocol",
				"pop3", "username", "", "pollIntervalSeconds", 5, "faultLevel", 9, "organisationId", 987654321L));
		Response refused = this.admin.post("/api/v1/mail-intake/mailboxes", bad);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("errors").findValuesAsText("field")).contains("name", "host", "port", "protocol",
				"username", "password", "pollIntervalSeconds", "ticketType", "faultLevel", "organisationId");
		assertThat(refused.json().path("errors").get(0).path("message").asText()).isNotBlank();
		assertThat(this.admin.get("/api/v1/audit?size=200").text()).as("the password is never audited").doesNotContain(password);
		assertThat(this.admin.delete("/api/v1/mail-intake/mailboxes/" + id).status()).isEqualTo(204);
		this.mailboxes.remove(Long.valueOf(id));
		assertThat(this.admin.get("/api/v1/mail-intake/mailboxes/" + id).status()).isEqualTo(404);
	}

	// ---- helpers --------------------------------------------------------------------------

	private long mailbox(GreenMail mail, String account, String password) {
		Response created = this.admin.post("/api/v1/mail-intake/mailboxes",
				mailboxBody(unique("邮箱"), mail.getImap().getPort(), account, password));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		this.mailboxes.add(created.id());
		return created.id();
	}

	private Map<String, Object> mailboxBody(String name, int port, String username, String password) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("host", "127.0.0.1");
		body.put("port", port);
		body.put("protocol", "imap");
		body.put("username", username);
		if (password != null) {
			body.put("password", password);
		}
		body.put("folder", "INBOX");
		body.put("pollIntervalSeconds", 60);
		body.put("ticketType", "SERVICE_REQUEST");
		body.put("faultLevel", 4);
		body.put("organisationId", rootOrganisationId(this.admin));
		return body;
	}

	private JsonNode poll(long mailbox) {
		Response polled = this.admin.post("/api/v1/mail-intake/mailboxes/" + mailbox + "/poll", Map.of());
		assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
		return polled.json();
	}

	private List<JsonNode> entries(long mailbox) {
		List<JsonNode> entries = new ArrayList<>();
		this.admin.get("/api/v1/mail-intake/log?size=200&mailboxId=" + mailbox).json().path("items").forEach(entries::add);
		return entries;
	}

	private List<JsonNode> entries(long mailbox, String decision) {
		return entries(mailbox).stream().filter(e -> e.path("decision").asText().equals(decision)).toList();
	}

	private JsonNode onlyEntry(long mailbox, String decision) {
		List<JsonNode> entries = entries(mailbox, decision);
		assertThat(entries).as(decision + " in " + entries(mailbox)).hasSize(1);
		return entries.get(0);
	}

	private static void markAllUnseen(GreenMail mail, String account, String password) throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("127.0.0.1", mail.getImap().getPort(), account, password);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			for (Message message : inbox.getMessages()) {
				message.setFlag(Flags.Flag.SEEN, false);
			}
			inbox.close(false);
		}
		finally {
			store.close();
		}
	}

	static MimeMessage mail(String name, String from, String subject, String text, String fileName, byte[] file,
			Map<String, String> headers) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(from, name, "UTF-8"));
		message.setRecipients(Message.RecipientType.TO, "desk@opsguard.local");
		message.setSubject(subject, "UTF-8");
		message.setSentDate(new Date());
		if (file == null) {
			message.setText(text, "UTF-8");
		}
		else {
			MimeBodyPart body = new MimeBodyPart();
			body.setText(text, "UTF-8");
			MimeBodyPart attachment = new MimeBodyPart();
			attachment.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(file, "image/png")));
			attachment.setFileName(fileName);
			attachment.setDisposition(MimeBodyPart.ATTACHMENT);
			message.setContent(new MimeMultipart(body, attachment));
		}
		for (Map.Entry<String, String> header : headers.entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		message.saveChanges();
		return message;
	}

}
