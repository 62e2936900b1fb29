package io.opsguard.cmdb.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiHistoryTests {

	@Test
	void aDiffListsChangedAddedAndRemovedFields() {
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("name", "旧名称");
		before.put("attributes.ip", "10.0.0.1");
		before.put("attributes.cores", new BigDecimal("8"));
		before.put("tags", List.of());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", "新名称");
		after.put("attributes.cores", 8);
		after.put("attributes.os", "麒麟");
		after.put("tags", null);
		assertThat(CiHistory.diff(before, after)).containsExactly(new CiHistory.Change("name", "旧名称", "新名称"),
				new CiHistory.Change("attributes.os", null, "麒麟"), new CiHistory.Change("attributes.ip", "10.0.0.1", null));
	}

	@Test
	void identicalSnapshotsHaveNoDiff() {
		Map<String, Object> same = Map.of("name", "x", "attributes.n", new BigDecimal("1.50"));
		assertThat(CiHistory.diff(same, Map.of("name", "x", "attributes.n", new BigDecimal("1.5")))).isEmpty();
	}

}
