package io.opsguard.servicedesk.internal;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages as the intake reads them: text, quotes, automatic senders, and what cannot be read. */
class InboundMailTests {

	@Test
	void htmlBecomesPlainTextWithoutScripts() throws Exception {
		InboundMail mail = parse("""
				From: "王五" <wangwu@example.com>
				Subject: =?UTF-8?B?5peg5rOV5omT5Y2w?=
				Message-ID: <m1@example.com>
				MIME-Version: 1.0
				Content-Type: text/html; charset=UTF-8

				<html><head><style>p{}</style></head><body><p>打印机&nbsp;报错</p><script>alert(1)</script>\
				<div>错误码&#65306;E&#x32;0 &lt;b&gt;</div></body></html>
				""");
		assertThat(mail.subject).isEqualTo("无法打印");
		assertThat(mail.fromAddress).isEqualTo("wangwu@example.com");
		assertThat(mail.fromName).isEqualTo("王五");
		assertThat(mail.text).isEqualTo("打印机 报错\n错误码：E20 <b>");
		assertThat(mail.automatic).isNull();
	}

	@Test
	void aReplyKeepsOnlyItsNewWords() {
		assertThat(InboundMail.withoutQuotes("还是不行。\n\n> 请重启\n> 谢谢")).isEqualTo("还是不行。");
		assertThat(InboundMail.withoutQuotes("好的，已解决\n\nOn Mon, 7 Dec 2026 at 09:00, Desk <d@x> wrote:\nold text"))
			.isEqualTo("好的，已解决");
		assertThat(InboundMail.withoutQuotes("收到\n-----原始邮件-----\n发件人: 服务台\n旧内容")).isEqualTo("收到");
		assertThat(InboundMail.withoutQuotes("收到\n\n发件人：服务台 <desk@x>\n发送时间：…")).isEqualTo("收到");
	}

	@Test
	void automaticMessagesAreRecognised() throws Exception {
		assertThat(parse(plain("Auto-Submitted: auto-replied")).automatic[0]).isEqualTo("mail.reason.autoSubmitted");
		assertThat(parse(plain("Auto-Submitted: no")).automatic).isNull();
		assertThat(parse(plain("Precedence: junk")).automatic[0]).isEqualTo("mail.reason.precedence");
		assertThat(parse(plain("X-Autoreply: yes")).automatic[0]).isEqualTo("mail.reason.autoReplyHeader");
		assertThat(parse(plain("List-Id: <news.example.com>")).automatic[0]).isEqualTo("mail.reason.mailingList");
		assertThat(parse(plain("X-Auto-Response-Suppress: All")).automatic[0]).isEqualTo("mail.reason.autoResponseSuppress");
		assertThat(parse(plain("Return-Path: <>")).automatic[0]).isEqualTo("mail.reason.bounce");
	}

	@Test
	void aBrokenStructureThrowsButItsKeyAndHeadersAreStillRead() {
		String raw = """
				From: 张三 <zhangsan@example.com>
				Subject: 坏邮件
				Message-ID: <broken@example.com>
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="never-there"

				no part starts here
				""";
		byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> InboundMail.parse(bytes, 1024)).isInstanceOf(MessagingException.class);
		assertThat(InboundMail.messageIdOf(bytes)).isEqualTo("<broken@example.com>");
		assertThat(InboundMail.key(bytes)).isEqualTo(InboundMail.key(("X: y\r\n" + raw).replace("\n", "\r\n")
			.getBytes(StandardCharsets.UTF_8))).as("the same Message-ID, the same message").hasSize(64);
		assertThat(InboundMail.headerOf(bytes, "From")).contains("zhangsan@example.com");
	}

	private static String plain(String header) {
		return "From: a@example.com\nSubject: s\n" + header + "\nContent-Type: text/plain; charset=UTF-8\n\nbody\n";
	}

	private static InboundMail parse(String raw) throws Exception {
		return InboundMail.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), 1024 * 1024);
	}

}
