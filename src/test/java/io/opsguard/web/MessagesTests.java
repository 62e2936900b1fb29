package io.opsguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.identity.BuiltInRole;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorCatalogue;
import io.opsguard.shared.ErrorCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese first, English available: every message key exists in both languages, on the server
 * and in the web UI, and every error code, built-in role and permission has its words.
 */
class MessagesTests {

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessagesTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	@Test
	void serverMessagesHaveTheSameKeysInChineseAndEnglish() throws IOException {
		Set<String> chinese = new TreeSet<>(load("/i18n/messages.properties").stringPropertyNames());
		Set<String> english = new TreeSet<>(load("/i18n/messages_en.properties").stringPropertyNames());
		Set<String> onlyChinese = new TreeSet<>(chinese);
		onlyChinese.removeAll(english);
		Set<String> onlyEnglish = new TreeSet<>(english);
		onlyEnglish.removeAll(chinese);
		assertThat(onlyChinese).as("keys missing in messages_en.properties").isEmpty();
		assertThat(onlyEnglish).as("keys missing in messages.properties (zh-CN)").isEmpty();
	}

	@Test
	void everyErrorCodeOfEveryModuleHasATitleAndADetail() throws Exception {
		Properties chinese = load("/i18n/messages.properties");
		// every ErrorCode enum of the product, found on the class path (fails on a code declared twice)
		List<ErrorCode> codes = new ArrayList<>(ErrorCatalogue.scan().all());
		assertThat(codes).hasSizeGreaterThan(60).contains(CommonError.NOT_FOUND);
		for (ErrorCode code : codes) {
			assertThat(chinese.getProperty(code.titleKey())).as(code.titleKey()).isNotBlank();
			assertThat(chinese.getProperty(code.detailKey())).as(code.detailKey()).isNotBlank();
		}
	}

	@Test
	void everyBuiltInRoleHasANameAndDescription() throws IOException {
		Properties chinese = load("/i18n/messages.properties");
		for (BuiltInRole role : BuiltInRole.values()) {
			assertThat(chinese.getProperty("role.builtin." + role.name())).isNotBlank();
			assertThat(chinese.getProperty("role.builtin." + role.name() + ".description")).isNotBlank();
		}
	}

	@Test
	void chineseMessagesAreChinese() throws IOException {
		Properties chinese = load("/i18n/messages.properties");
		for (String key : chinese.stringPropertyNames()) {
			if (key.startsWith("error.") && key.endsWith(".title")) {
				assertThat(chinese.getProperty(key)).as(key).matches(".*\\p{IsHan}.*");
			}
		}
		assertThat(Locale.SIMPLIFIED_CHINESE.toLanguageTag()).isEqualTo("zh-CN");
	}

	@Test
	void webLocalesHaveTheSameKeys() throws IOException {
		Path locales = Path.of("web", "src", "locales");
		Assumptions.assumeTrue(Files.isDirectory(locales), "web/src/locales not present");
		ObjectMapper json = new ObjectMapper();
		JsonNode chinese = json.readTree(locales.resolve("zh-CN.json").toFile());
		JsonNode english = json.readTree(locales.resolve("en.json").toFile());
		Set<String> chineseKeys = flatten(chinese);
		Set<String> englishKeys = flatten(english);
		Set<String> onlyChinese = new TreeSet<>(chineseKeys);
		onlyChinese.removeAll(englishKeys);
		Set<String> onlyEnglish = new TreeSet<>(englishKeys);
		onlyEnglish.removeAll(chineseKeys);
		assertThat(onlyChinese).as("keys missing in web/src/locales/en.json").isEmpty();
		assertThat(onlyEnglish).as("keys missing in web/src/locales/zh-CN.json").isEmpty();
		assertThat(chineseKeys).hasSizeGreaterThan(50);
		try (Stream<Path> others = Files.list(locales)) {
			assertThat(others.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
				.containsExactlyInAnyOrder("zh-CN.json", "en.json");
		}
	}

	private static Set<String> flatten(JsonNode node) {
		Set<String> keys = new TreeSet<>();
		flatten("", node, keys);
		return keys;
	}

	private static void flatten(String prefix, JsonNode node, Set<String> into) {
		if (node.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
			}
		}
		else {
			into.add(prefix);
		}
	}

}
