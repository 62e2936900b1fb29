package io.opsguard.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSummaryTests {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void listsOnlyTheFieldsThatChanged() {
		String summary = ChangeSummary.of(this.json, Map.of("name", "旧", "code", "A"), Map.of("name", "新", "code", "A"));
		assertThat(summary).isEqualTo("name: 旧 → 新");
	}

	@Test
	void describesCreationAndRemoval() {
		assertThat(ChangeSummary.of(this.json, null, Map.of("name", "甲"))).isEqualTo("name: 甲");
		assertThat(ChangeSummary.of(this.json, Map.of("name", "甲"), null)).isEqualTo("name: 甲 → ∅");
	}

	@Test
	void neverWritesSecrets() {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("password", "Secret@123");
		after.put("passwordHash", "$2a$10$abc");
		after.put("apiToken", "ogt_x");
		after.put("name", "ok");
		assertThat(ChangeSummary.of(this.json, null, after)).isEqualTo("name: ok").doesNotContain("Secret", "$2a$", "ogt_");
	}

	@Test
	void staysWithinTheColumnSize() {
		Map<String, Object> big = new LinkedHashMap<>();
		for (char c = 'a'; c <= 't'; c++) {
			big.put(String.valueOf(c), String.valueOf(c).repeat(10_000));
		}
		assertThat(ChangeSummary.of(this.json, null, big).length()).isLessThanOrEqualTo(4000);
	}

}
