package io.opsguard.cmdb.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiCsvTests {

	@Test
	void csvCellsAreQuotedAndCannotBecomeFormulas() {
		assertThat(CiCsv.csv("plain")).isEqualTo("plain");
		assertThat(CiCsv.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(CiCsv.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CiCsv.csv("=HYPERLINK(\"x\")")).startsWith("\"'=");
		assertThat(CiCsv.csv("+1")).isEqualTo("'+1");
		assertThat(CiCsv.csv("@sum")).isEqualTo("'@sum");
	}

}
