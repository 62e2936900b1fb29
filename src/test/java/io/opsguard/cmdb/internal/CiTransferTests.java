package io.opsguard.cmdb.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiTransferTests {

	@Test
	void csvCellsAreQuotedAndCannotBecomeFormulas() {
		assertThat(CiTransfer.csv("plain")).isEqualTo("plain");
		assertThat(CiTransfer.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(CiTransfer.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CiTransfer.csv("=HYPERLINK(\"x\")")).startsWith("\"'=");
		assertThat(CiTransfer.csv("+1")).isEqualTo("'+1");
		assertThat(CiTransfer.csv("@sum")).isEqualTo("'@sum");
	}

}
