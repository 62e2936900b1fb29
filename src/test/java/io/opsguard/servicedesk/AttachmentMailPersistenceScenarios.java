package io.opsguard.servicedesk;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of ticket attachments, mailboxes and the intake's log through the API, on H2
 * ({@link AttachmentMailPersistenceH2IT}) and on a real PostgreSQL
 * ({@link AttachmentMailPersistencePostgresIT}): attachments stored, listed and removed; a mailbox
 * written, changed under its version and its state kept; decisions logged once per message, paged
 * and filtered.
 */
abstract class AttachmentMailPersistenceScenarios extends ApiTestSupport {

	@Test
	void attachmentsAreStoredListedAndRemoved() {
		ApiClient admin = admin();
		long ticket = TicketAttachmentApiIT.ticket(admin, null);
		long comment = admin.post("/api/v1/tickets/" + ticket + "/comments", Map.of("body", "附件说明")).id();
		Response png = admin.upload("/api/v1/tickets/" + ticket + "/attachments", "截图.png", "image/png",
				TicketAttachmentApiIT.PNG);
		assertThat(png.status()).as(png.toString()).isEqualTo(201);
		Response csv = admin.upload("/api/v1/tickets/" + ticket + "/attachments?commentId=" + comment, "导出.csv", "text/csv",
				"编号,名称\n1,服务器\n".getBytes(StandardCharsets.UTF_8));
		assertThat(csv.status()).as(csv.toString()).isEqualTo(201);
		JsonNode list = admin.get("/api/v1/tickets/" + ticket + "/attachments").json();
		assertThat(list).extracting(a -> a.path("fileName").asText()).containsExactly("截图.png", "导出.csv");
		assertThat(list.get(1).path("commentId").asLong()).isEqualTo(comment);
		assertThat(list.get(1).path("contentType").asText()).isEqualTo("text/csv");
		assertThat(list.get(0).path("uploadedAt").asText()).isNotBlank();
		assertThat(admin.delete("/api/v1/attachments/" + png.id()).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/tickets/" + ticket + "/attachments").json()).hasSize(1);
		Response wrongComment = admin.upload("/api/v1/tickets/" + ticket + "/attachments?commentId=987654321", "a.txt",
				"text/plain", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(wrongComment.status()).isEqualTo(400);
		assertThat(wrongComment.json().path("errors").get(0).path("field").asText()).isEqualTo("commentId");
	}

	@Test
	void mailboxesAndTheirLogAreKept() throws Exception {
		ApiClient admin = admin();
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		long mailbox = 0;
		try {
			String account = unique("persist");
			GreenMailUser desk = server.setUser(account + "@opsguard.local", account, "Persist-pw-1");
			Map<String, Object> body = new HashMap<>(Map.of("name", unique("持久化邮箱"), "host", "127.0.0.1", "port",
					server.getImap().getPort(), "protocol", "imap", "username", account, "password", "Persist-pw-1",
					"ticketType", "CONSULTATION", "organisationId", rootOrganisationId(admin), "pollIntervalSeconds", 300));
			Response created = admin.post("/api/v1/mail-intake/mailboxes", body);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			mailbox = created.id();
			assertThat(created.json().path("folder").asText()).isEqualTo("INBOX");
			assertThat(created.json().path("faultLevel").asInt()).isEqualTo(4);
			String sender = unique("p") + "@example.com";
			desk.deliver(MailIntakeIT.mail("孙八", sender, "咨询：报表导出", "如何导出月报？", null, null, Map.of()));
			desk.deliver(MailIntakeIT.mail("孙八", sender, "自动回复", "休假中", null, null, Map.of("Auto-Submitted", "auto-replied")));
			Response polled = admin.post("/api/v1/mail-intake/mailboxes/" + mailbox + "/poll", Map.of());
			assertThat(polled.json().path("decided").asInt()).as(polled.toString()).isEqualTo(2);
			JsonNode box = admin.get("/api/v1/mail-intake/mailboxes/" + mailbox).json();
			assertThat(box.path("state").path("status").asText()).isEqualTo("OK");
			assertThat(box.path("state").path("lastSuccessAt").asText()).isNotBlank();
			JsonNode page = admin.get("/api/v1/mail-intake/log?mailboxId=" + mailbox + "&size=1").json();
			assertThat(page.path("total").asLong()).isEqualTo(2);
			assertThat(page.path("items")).hasSize(1);
			assertThat(admin.get("/api/v1/mail-intake/log?mailboxId=" + mailbox + "&decision=CREATED&sender=" + sender.substring(0, 6))
				.json().path("items").get(0).path("ticket").path("number").asText()).startsWith("ZX-");
			assertThat(admin.get("/api/v1/mail-intake/log?mailboxId=" + mailbox + "&from=2000-01-01&to=2000-01-02").json()
				.path("total").asLong()).isZero();
			assertThat(admin.get("/api/v1/mail-intake/log?mailboxId=" + mailbox + "&sort=sender,asc").status()).isEqualTo(200);
			// the same messages again: decided once only (the log's key)
			admin.post("/api/v1/mail-intake/mailboxes/" + mailbox + "/poll", Map.of());
			assertThat(admin.get("/api/v1/mail-intake/log?mailboxId=" + mailbox).json().path("total").asLong()).isEqualTo(2);
			// a mailbox with a log stays; disabled instead
			Response delete = admin.delete("/api/v1/mail-intake/mailboxes/" + mailbox);
			assertThat(delete.status()).isEqualTo(409);
			assertThat(delete.code()).isEqualTo("SD-0233");
			body.put("enabled", false);
			body.remove("password");
			body.put("version", box.path("version").asInt());
			Response disabled = admin.put("/api/v1/mail-intake/mailboxes/" + mailbox, body);
			assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
			assertThat(disabled.json().path("state").path("status").asText()).isEqualTo("DISABLED");
			assertThat(admin.get("/api/v1/mail-intake/mailboxes").json()).extracting(m -> m.path("id").asLong()).contains(mailbox);
		}
		finally {
			server.stop();
		}
	}

}
