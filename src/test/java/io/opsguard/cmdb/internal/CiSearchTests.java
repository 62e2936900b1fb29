package io.opsguard.cmdb.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiSearchTests {

	@Test
	void theSuccessorOfAPrefixIsAboveEverythingThatStartsWithIt() {
		assertThat(CiStore.successor("vm-01")).isEqualTo("vm-02");
		assertThat(CiStore.successor("服务")).isEqualTo("服勢".substring(0, 1) + (char) ('务' + 1));
		for (String name : List.of("vm-01", "vm-01a", "vm-01\uffff", "vm-01𠀀", "vm-01中")) {
			assertThat(name.compareTo("vm-01")).isGreaterThanOrEqualTo(0);
			assertThat(name.compareTo(CiStore.successor("vm-01"))).isNegative();
		}
		assertThat("vm-02".compareTo(CiStore.successor("vm-01"))).isZero();
	}

	@Test
	void likeWildcardsAreEscaped() {
		assertThat(CiStore.escapeLike("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
	}

}
