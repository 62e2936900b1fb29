package io.opsguard.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageQueryTests {

	private static final Map<String, String> SORTABLE = Map.of("name", "o.name");

	@Test
	void defaultsToTheFirstPageOfTwenty() {
		PageQuery query = PageQuery.of(null, null, null, SORTABLE, "o.id");
		assertThat(query.page()).isZero();
		assertThat(query.size()).isEqualTo(20);
		assertThat(query.orderBy()).isEqualTo("o.id");
	}

	@Test
	void mapsSortFieldsThroughTheWhitelistOnly() {
		assertThat(PageQuery.of(2, 50, "name,desc", SORTABLE, "o.id").orderBy()).isEqualTo("o.name desc, o.id");
		assertThat(PageQuery.of(2, 50, "name,desc", SORTABLE, "o.id").offset()).isEqualTo(100);
		assertThatThrownBy(() -> PageQuery.of(0, 20, "name; drop table x", SORTABLE, "o.id"))
			.isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> PageQuery.of(0, 20, "password,asc", SORTABLE, "o.id")).isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> PageQuery.of(0, 20, "name,sideways", SORTABLE, "o.id")).isInstanceOf(OpsGuardException.class);
		for (String empty : new String[] { ",", ",,", "name,", ",desc", " , ", "name,desc," }) {
			assertThatThrownBy(() -> PageQuery.of(0, 20, empty, SORTABLE, "o.id")).as(empty)
				.isInstanceOf(OpsGuardException.class);
		}
	}

	@Test
	void refusesSizesOutsideOneToTwoHundredAndNegativePages() {
		assertThatThrownBy(() -> PageQuery.of(0, 0, null, SORTABLE, "o.id")).isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> PageQuery.of(0, 201, null, SORTABLE, "o.id")).isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> PageQuery.of(-1, 20, null, SORTABLE, "o.id")).isInstanceOf(OpsGuardException.class);
	}

}
