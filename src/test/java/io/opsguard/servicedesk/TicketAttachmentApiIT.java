package io.opsguard.servicedesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket attachments over HTTP: a Chinese file name survives the round trip, the kind of a file is
 * told by its bytes (a program or a web page called .png is refused), a file over the limit is
 * refused with the product's own problem and leaves nothing on disk or in the database, and a
 * sibling organisation sees none of it.
 */
class TicketAttachmentApiIT extends ApiTestSupport {

	/** The smallest PNG: one transparent pixel; other tests upload it too. */
	static final byte[] PNG = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

	/** This test's picture (see {@link #unique}). */
	private final byte[] png = unique(PNG);

	/**
	 * The picture with a few bytes of its own after its end, so that this test's files are told apart
	 * by their bytes from the same picture other tests of the shared data directory upload.
	 */
	private static byte[] unique(byte[] png) {
		byte[] nonce = java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] out = Arrays.copyOf(png, png.length + nonce.length);
		System.arraycopy(nonce, 0, out, png.length, nonce.length);
		return out;
	}

	@Value("${opsguard.data-dir}")
	String dataDir;

	private ApiClient admin;

	private long ticket;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.ticket = ticket(this.admin, null);
	}

	@Test
	void aScreenshotWithAChineseNameGoesUpAndComesBackAsItWas() {
		Response uploaded = this.admin.upload("/api/v1/tickets/" + this.ticket + "/attachments", "故障截图 2026.png",
				"application/octet-stream", this.png);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		JsonNode attachment = uploaded.json();
		assertThat(attachment.path("fileName").asText()).isEqualTo("故障截图 2026.png");
		assertThat(attachment.path("contentType").asText()).as("told by its bytes, not the declared type").isEqualTo("image/png");
		assertThat(attachment.path("size").asLong()).isEqualTo(this.png.length);
		assertThat(attachment.path("image").asBoolean()).isTrue();
		assertThat(attachment.path("sha256").asText()).hasSize(64);
		assertThat(attachment.path("uploadedBy").path("name").asText()).isNotBlank();
		JsonNode list = this.admin.get("/api/v1/tickets/" + this.ticket + "/attachments").json();
		assertThat(list).hasSize(1);
		Response content = this.admin.get(attachment.path("contentUrl").asText());
		assertThat(content.status()).isEqualTo(200);
		assertThat(content.bytes()).isEqualTo(this.png);
		assertThat(content.contentType()).startsWith("image/png");
		assertThat(content.headers().get("x-content-type-options")).contains("nosniff");
		String disposition = content.headers().get("content-disposition").get(0);
		assertThat(disposition).startsWith("attachment;");
		String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
		assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("故障截图 2026.png");
		Response inline = this.admin.get(attachment.path("contentUrl").asText() + "?inline=true");
		assertThat(inline.headers().get("content-disposition").get(0)).startsWith("inline;");
		// a comment's files belong to the comment
		long comment = this.admin.post("/api/v1/tickets/" + this.ticket + "/comments", Map.of("body", "日志见附件")).id();
		Response log = this.admin.upload("/api/v1/tickets/" + this.ticket + "/attachments?commentId=" + comment, "app.log",
				"text/plain", "2026-01-01 ERROR 连接池耗尽\n".getBytes(StandardCharsets.UTF_8));
		assertThat(log.status()).as(log.toString()).isEqualTo(201);
		assertThat(log.json().path("commentId").asLong()).isEqualTo(comment);
		assertThat(log.json().path("contentType").asText()).isEqualTo("text/plain");
		assertThat(log.json().path("image").asBoolean()).isFalse();
		Response notInline = this.admin.get(log.json().path("contentUrl").asText() + "?inline=true");
		assertThat(notInline.headers().get("content-disposition").get(0)).as("only images are shown inline").startsWith("attachment;");
	}

	@Test
	void aFileOverTheLimitIsRefusedAndNothingIsLeft() {
		List<Path> before = stored();
		byte[] large = new byte[20 * 1024 * 1024 + 10];
		System.arraycopy(this.png, 0, large, 0, this.png.length);
		Response refused = this.admin.upload("/api/v1/tickets/" + this.ticket + "/attachments", "大图.png", "image/png", large);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.code()).isEqualTo("SD-0201");
		assertThat(refused.json().path("detail").asText()).isEqualTo("附件不能超过 20 MB");
		assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("file");
		assertThat(this.admin.get("/api/v1/tickets/" + this.ticket + "/attachments").json()).isEmpty();
		assertThat(stored()).as("no file left under the data directory").isEqualTo(before);
		Response empty = this.admin.upload("/api/v1/tickets/" + this.ticket + "/attachments", "空.txt", "text/plain", new byte[0]);
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0203");
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void aProgramOrAWebPageCalledPngIsRefused() {
		List<Path> before = stored();
		byte[] exe = new byte[512];
		exe[0] = 'M';
		exe[1] = 'Z';
		Map<String, byte[]> disguised = Map.of("photo.png", exe, "screenshot.png",
				"<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "logo.png",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8), "page.txt",
				"<html><body onload=alert(1)></body></html>".getBytes(StandardCharsets.UTF_8), "run.log",
				"#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
		disguised.forEach((name, bytes) -> {
			Response refused = this.admin.upload("/api/v1/tickets/" + this.ticket + "/attachments", name, "image/png", bytes);
			assertThat(refused.status()).as(name + ": " + refused).isEqualTo(400);
			assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0202");
			assertThat(refused.json().path("errors").get(0).path("message").asText()).contains(name);
		});
		assertThat(this.admin.get("/api/v1/tickets/" + this.ticket + "/attachments").json()).isEmpty();
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void aSiblingOrganisationSeesNothingAndTheUploaderOrAHandlerDeletes() {
		long root = rootOrganisationId(this.admin);
		long a = createOrganisation(this.admin, root, unique("附件甲"));
		long b = createOrganisation(this.admin, root, unique("附件乙"));
		long desk = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		long recorder = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create"),
				"OWN_SUBTREE", List.of());
		ApiClient agentA = createUserAndSignIn(this.admin, unique("atta"), a, List.of(desk));
		ApiClient recorderA = createUserAndSignIn(this.admin, unique("attr"), a, List.of(recorder));
		ApiClient agentB = createUserAndSignIn(this.admin, unique("attb"), b, List.of(desk));
		long ticketA = ticket(agentA, a);
		Response mine = recorderA.upload("/api/v1/tickets/" + ticketA + "/attachments", "现场照片.png", "image/png", this.png);
		assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
		Response others = agentA.upload("/api/v1/tickets/" + ticketA + "/attachments", "方案.png", "image/png", this.png);
		long attachment = others.id();
		// a sibling organisation: 404 for the ticket's list, its files, their removal and new uploads
		assertThat(agentB.get("/api/v1/tickets/" + ticketA + "/attachments").status()).isEqualTo(404);
		assertThat(agentB.get("/api/v1/attachments/" + attachment + "/content").status()).isEqualTo(404);
		assertThat(agentB.delete("/api/v1/attachments/" + attachment).status()).isEqualTo(404);
		assertThat(agentB.upload("/api/v1/tickets/" + ticketA + "/attachments", "x.png", "image/png", this.png).status())
			.isEqualTo(404);
		// who only records tickets removes their own files, not others'
		Response notYours = recorderA.delete("/api/v1/attachments/" + attachment);
		assertThat(notYours.status()).isEqualTo(403);
		assertThat(notYours.code()).isEqualTo("SD-0206");
		assertThat(recorderA.delete("/api/v1/attachments/" + mine.id()).status()).isEqualTo(204);
		Path file = storedFile(attachment);
		assertThat(file).exists();
		assertThat(agentA.delete("/api/v1/attachments/" + attachment).status()).isEqualTo(204);
		assertThat(file).doesNotExist();
		assertThat(agentA.get("/api/v1/attachments/" + attachment + "/content").status()).isEqualTo(404);
		assertThat(agentA.get("/api/v1/tickets/" + ticketA + "/attachments").json()).isEmpty();
	}

	private Path storedFile(long attachmentId) {
		Response content = this.admin.get("/api/v1/attachments/" + attachmentId + "/content");
		byte[] bytes = content.bytes();
		return stored().stream().filter(p -> {
			try {
				return Arrays.equals(Files.readAllBytes(p), bytes);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).findFirst().orElseThrow();
	}

	/** Every file under the attachments' directory. */
	private List<Path> stored() {
		Path root = Path.of(this.dataDir, "attachments");
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static long ticket(ApiClient client, Long organisationId) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("type", "CONSULTATION", "title", "打印机无法连接",
				"contact", Map.of("name", "王老师", "phone", "13800000001")));
		if (organisationId != null) {
			body.put("organisationId", organisationId);
		}
		Response created = client.post("/api/v1/tickets", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

}
