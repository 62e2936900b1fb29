package io.opsguard.notify.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications' rules without Spring: rendering, sizes, backoff and robots' signatures. */
class NotifyRuleTests {

	@Test
	void textIsRenderedAsTypedAndHtmlEscaped() {
		Map<String, Object> model = Map.of("ticket", Map.of("title", "<script>alert('x')</script> & 数据库"), "n", 3);
		String template = "工单 {{ticket.title}}（{{n}}）{{missing}}";
		assertThat(TemplateRenderer.render(template, model, TemplateRenderer.Escaping.NONE))
			.isEqualTo("工单 <script>alert('x')</script> & 数据库（3）");
		assertThat(TemplateRenderer.render(template, model, TemplateRenderer.Escaping.HTML))
			.isEqualTo("工单 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 数据库（3）");
	}

	@Test
	void unescapedOutputAndBrokenTemplatesAreRefused() {
		assertThat(TemplateRenderer.problem("{{{ticket.title}}}", Map.of())).isNotNull();
		assertThat(TemplateRenderer.problem("{{& ticket.title}}", Map.of())).isNotNull();
		assertThat(TemplateRenderer.problem("{{#list}}未闭合", Map.of())).isNotNull();
		assertThat(TemplateRenderer.problem("{{ticket.title}} {{#items}}{{name}}{{/items}}", Map.of())).isNull();
		// even a triple mustache slipped into a stored template renders escaped in HTML
		assertThat(TemplateRenderer.render("{{{x}}}", Map.of("x", "<b>"), TemplateRenderer.Escaping.HTML)).isEqualTo("&lt;b&gt;");
	}

	@Test
	void gatewayValuesAreEscapedForUrlsAndJson() {
		Map<String, Object> model = Map.of("text", "告警 \"CPU\" 95%\n请处理", "phone", "+86 138");
		assertThat(TemplateRenderer.render("https://sms/send?to={{phone}}&m={{text}}", model, TemplateRenderer.Escaping.URL))
			.isEqualTo("https://sms/send?to=%2B86+138&m=%E5%91%8A%E8%AD%A6+%22CPU%22+95%25%0A%E8%AF%B7%E5%A4%84%E7%90%86");
		assertThat(TemplateRenderer.render("{\"m\":\"{{text}}\"}", model, TemplateRenderer.Escaping.JSON))
			.isEqualTo("{\"m\":\"告警 \\\"CPU\\\" 95%\\n请处理\"}");
	}

	@Test
	void aLongMessageIsSplitIntoPartsWithinTheLimitInUtf8Bytes() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 400; i++) {
			text.append("第").append(i).append("行：数据库连接数超过阈值 🚨\n");
		}
		List<String> parts = MessageSizes.split(text.toString(), 4096);
		assertThat(parts).hasSizeGreaterThan(2);
		for (String part : parts) {
			assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
			assertThat(part).doesNotContain("\uFFFD");
		}
		assertThat(parts.get(0)).startsWith("(1/" + parts.size() + ") 第0行");
		String joined = String.join("\n", parts.stream().map(p -> p.substring(p.indexOf(") ") + 2)).toList());
		assertThat(joined.replace("\n", "")).isEqualTo(text.toString().replace("\n", ""));
	}

	@Test
	void aLineWithoutBreaksIsCutBetweenCharacters() {
		String text = "汉".repeat(5000);
		List<String> parts = MessageSizes.split(text, 4096);
		assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096));
		assertThat(String.join("", parts.stream().map(p -> p.substring(p.indexOf(") ") + 2)).toList())).isEqualTo(text);
		assertThat(MessageSizes.split("短消息", 4096)).containsExactly("短消息");
	}

	@Test
	void aTextTooLongForAGatewayIsCutWithANote() {
		String cut = MessageSizes.truncate("告".repeat(300), 600, RobotMessages.TRUNCATED_ZH);
		assertThat(cut).endsWith("…(余下内容见系统)");
		assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(600);
		assertThat(MessageSizes.truncate("短", 600, RobotMessages.TRUNCATED_ZH)).isEqualTo("短");
		List<String> sms = RobotMessages.compose(EndpointKind.SMS, "SLA 即将超时", "行一\n行二 " + "字".repeat(400), null,
				"zh-CN", "查看详情");
		assertThat(sms).hasSize(1);
		assertThat(sms.get(0)).startsWith("SLA 即将超时：行一 行二").endsWith("…(余下内容见系统)");
	}

	@Test
	void backoffWaitsLongerEachTimeThenRepeatsAndGivesUp() {
		Backoff backoff = new Backoff(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
				Duration.ofHours(1)), 6);
		assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(backoff::after).toList()).containsExactly(Duration.ofSeconds(30),
				Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
		assertThat(backoff.givesUp(5)).isFalse();
		assertThat(backoff.givesUp(6)).isTrue();
	}

	@Test
	void dingTalkAndFeishuSignaturesFollowTheirDocumentation() throws Exception {
		String secret = "SEC0123456789abcdef";
		long millis = 1_765_000_000_000L;
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expectedDing = Base64.getEncoder()
			.encodeToString(mac.doFinal((millis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
		assertThat(URLDecoder.decode(RobotSigning.dingTalk(secret, millis), StandardCharsets.UTF_8)).isEqualTo(expectedDing);
		assertThat(RobotSigning.dingTalk(secret, millis)).doesNotContain("+", "/", "=");

		long seconds = 1_765_000_000L;
		Mac feishu = Mac.getInstance("HmacSHA256");
		feishu.init(new SecretKeySpec((seconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(RobotSigning.feishu(secret, seconds)).isEqualTo(Base64.getEncoder().encodeToString(feishu.doFinal(new byte[0])));
		assertThat(RobotSigning.generic("k", "{}")).startsWith("sha256=").hasSize(7 + 64);
	}

}
