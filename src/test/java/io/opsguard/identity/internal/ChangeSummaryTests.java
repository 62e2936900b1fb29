package io.opsguard.identity.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSummaryTests {

	private final ObjectMapper json = new ObjectMapper();

	private String rendered(Object before, Object after, Map<String, String> labels) throws Exception {
		String stored = ChangeSummary.stored(this.json, ChangeSummary.of(this.json, before, after));
		List<List<String>> rows = this.json.readValue(stored, new TypeReference<>() {
		});
		return ChangeSummary.render(rows, before == null, field -> labels.getOrDefault(field, field));
	}

	@Test
	void listsOnlyTheFieldsThatChanged() throws Exception {
		assertThat(rendered(Map.of("name", "旧", "code", "A"), Map.of("name", "新", "code", "A"), Map.of()))
			.isEqualTo("name: 旧 → 新");
	}

	@Test
	void fieldsAreNamedInTheReadersLanguageWhenRead() throws Exception {
		Map<String, Object> before = Map.of("name", "旧");
		Map<String, Object> after = Map.of("name", "新");
		assertThat(rendered(before, after, Map.of("name", "名称"))).isEqualTo("名称: 旧 → 新");
		assertThat(rendered(before, after, Map.of("name", "Name"))).isEqualTo("Name: 旧 → 新");
	}

	@Test
	void describesCreationAndRemoval() throws Exception {
		assertThat(rendered(null, Map.of("name", "甲"), Map.of())).isEqualTo("name: 甲");
		assertThat(rendered(Map.of("name", "甲"), null, Map.of())).isEqualTo("name: 甲 → ∅");
	}

	@Test
	void neverWritesSecrets() {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("password", "Secret@123");
		after.put("passwordHash", "$2a$10$abc");
		after.put("apiToken", "ogt_x");
		after.put("name", "ok");
		String stored = ChangeSummary.stored(this.json, ChangeSummary.of(this.json, null, after));
		assertThat(stored).contains("ok").doesNotContain("Secret", "$2a$", "ogt_", "password");
	}

	@Test
	void staysWithinTheColumnSizeAndSaysWhatWasCut() throws Exception {
		Map<String, Object> big = new LinkedHashMap<>();
		for (char c = 'a'; c <= 't'; c++) {
			big.put(String.valueOf(c), String.valueOf(c).repeat(10_000));
		}
		String stored = ChangeSummary.stored(this.json, ChangeSummary.of(this.json, null, big));
		assertThat(stored.length()).isLessThanOrEqualTo(4000);
		assertThat(rendered(null, big, Map.of())).endsWith("…");
	}

}
