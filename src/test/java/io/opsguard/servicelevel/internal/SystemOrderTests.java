package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.List;

import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemOrderTests {

	private static SystemSummary system(long id, String name, Integer level, int gaps) {
		return new SystemSummary(id, "C" + id, name, 1, "本院", false, level, level, null, null, null, true, "HN-CONTRACT",
				null, true, "7x24", null, null, gaps, null, List.of());
	}

	private static List<String> sorted(String sort, SystemSummary... systems) {
		List<SystemSummary> list = new ArrayList<>(List.of(systems));
		list.sort(SystemOrder.of(PageQuery.of(0, 20, sort, SystemOrder.FIELDS, SystemOrder.DEFAULT).orderBy()));
		return list.stream().map(SystemSummary::name).toList();
	}

	@Test
	void systemsWithoutALevelComeAfterLevelFiveAndTiesGoByName() {
		SystemSummary[] systems = { system(1, "乙", null, 1), system(2, "甲", 3, 0), system(3, "丙", 1, 2), system(4, "丁", 3, 5) };
		assertThat(sorted("level,asc", systems)).containsExactly("丙", "丁", "甲", "乙");
		assertThat(sorted("level,desc", systems)).containsExactly("乙", "丁", "甲", "丙");
		assertThat(sorted("gapCount,desc", systems)).containsExactly("丁", "丙", "乙", "甲");
		assertThat(sorted(null, systems)).containsExactly(sorted("name,asc", systems).toArray(String[]::new));
	}

	@Test
	void onlyTheListedFieldsSort() {
		assertThatThrownBy(() -> PageQuery.of(0, 20, "secret,asc", SystemOrder.FIELDS, SystemOrder.DEFAULT))
			.isInstanceOf(OpsGuardException.class);
	}

}
