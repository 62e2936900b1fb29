package io.opsguard.cmdb.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeValuesTests {

	private static AttributeDef def(String code, AttributeType type, boolean required, List<EnumOption> options,
			String pattern, Double min, Double max, String ref) {
		return new AttributeDef(1, 1, code, code + "中", code, type, required, false, options, pattern, min, max, ref, false,
				0, 0);
	}

	private static final AttributeValues.References REFS = new AttributeValues.References() {
		@Override
		public boolean ci(long id, String refClassCode) {
			return id == 7;
		}

		@Override
		public boolean user(long id) {
			return id == 3;
		}

		@Override
		public boolean organisation(long id) {
			return id == 1;
		}
	};

	private static final List<AttributeDef> DEFS = List.of(
			def("hostname", AttributeType.TEXT, true, List.of(), "^[a-z0-9-]+$", null, null, null),
			def("cores", AttributeType.NUMBER, false, List.of(), null, 1.0, 256.0, null),
			def("since", AttributeType.DATE, false, List.of(), null, null, null, null),
			def("db", AttributeType.ENUM, false,
					List.of(new EnumOption("DM", "达梦", "Dameng"), new EnumOption("ORACLE", "Oracle", "Oracle")), null, null,
					null, null),
			def("prod", AttributeType.BOOLEAN, false, List.of(), null, null, null, null),
			def("ip", AttributeType.IP, false, List.of(), null, null, null, null),
			def("host", AttributeType.CI, false, List.of(), null, null, null, "HOST"),
			def("owner", AttributeType.USER, false, List.of(), null, null, null, null),
			def("org", AttributeType.ORGANISATION, false, List.of(), null, null, null, null));

	private static AttributeValues.Result check(Map<String, Object> input) {
		return AttributeValues.check(input, DEFS, REFS);
	}

	@Test
	void normalisesEveryTypeToOneCanonicalForm() {
		Map<String, Object> input = new HashMap<>();
		input.put("hostname", " app-01 ");
		input.put("cores", "16.0");
		input.put("since", "2024-03-01");
		input.put("db", "达梦");
		input.put("prod", "是");
		input.put("ip", "2001:DB8::1");
		input.put("host", 7);
		input.put("owner", "3");
		input.put("org", 1L);
		AttributeValues.Result result = check(input);
		assertThat(result.problems()).isEmpty();
		assertThat(result.values()).containsEntry("hostname", "app-01")
			.containsEntry("cores", new BigDecimal("16"))
			.containsEntry("since", "2024-03-01")
			.containsEntry("db", "DM")
			.containsEntry("prod", true)
			.containsEntry("ip", "2001:db8:0:0:0:0:0:1")
			.containsEntry("host", 7L)
			.containsEntry("owner", 3L)
			.containsEntry("org", 1L);
	}

	@Test
	void reportsEveryBadFieldAtOnce() {
		Map<String, Object> input = new HashMap<>();
		input.put("cores", "many");
		input.put("since", "2024-13-45");
		input.put("db", "MYSQL");
		input.put("prod", "maybe");
		input.put("ip", "10.0.0.256");
		input.put("host", 8);
		input.put("owner", "x");
		input.put("nonsense", "1");
		AttributeValues.Result result = check(input);
		assertThat(result.problems()).extracting(p -> p.field())
			.containsExactlyInAnyOrder("attributes.nonsense", "attributes.hostname", "attributes.cores", "attributes.since",
					"attributes.db", "attributes.prod", "attributes.ip", "attributes.host", "attributes.owner");
		assertThat(result.problems()).filteredOn(p -> p.field().equals("attributes.hostname"))
			.extracting(p -> p.errorCode())
			.containsExactly(CmdbError.REQUIRED);
		assertThat(result.problems()).filteredOn(p -> p.field().equals("attributes.nonsense"))
			.extracting(p -> p.errorCode())
			.containsExactly(CmdbError.UNKNOWN_ATTRIBUTE);
		assertThat(result.problems()).filteredOn(p -> p.field().equals("attributes.host"))
			.extracting(p -> p.errorCode())
			.containsExactly(CmdbError.UNKNOWN_REFERENCE);
		assertThat(result.problems()).filteredOn(p -> p.field().equals("attributes.db"))
			.extracting(p -> p.errorCode())
			.containsExactly(CmdbError.NOT_AN_OPTION);
	}

	@Test
	void theChoicesOfAnEnumAreItsLabelsInBothLanguages() {
		assertThat(AttributeValues.choices(DEFS.get(3))).containsExactly(new Localised("达梦", "Dameng"),
				new Localised("Oracle", "Oracle"));
		assertThat(AttributeValues.choices(DEFS.get(4))).hasSize(2);
		assertThat(AttributeValues.choices(DEFS.get(0))).isEmpty();
	}

	@Test
	void checksPatternsAndRanges() {
		assertThat(check(Map.of("hostname", "App_01")).problems()).extracting(p -> p.errorCode())
			.containsExactly(CmdbError.OUT_OF_RULE);
		assertThat(check(Map.of("hostname", "a", "cores", 0)).problems()).extracting(p -> p.errorCode())
			.containsExactly(CmdbError.OUT_OF_RULE);
		assertThat(check(Map.of("hostname", "a", "cores", 257)).problems()).hasSize(1);
		assertThat(check(Map.of("hostname", "a", "cores", 256)).problems()).isEmpty();
	}

	@Test
	void blankValuesCountAsMissing() {
		assertThat(check(Map.of("hostname", "  ")).problems()).extracting(p -> p.errorCode())
			.containsExactly(CmdbError.REQUIRED);
		AttributeValues.Result result = check(Map.of("hostname", "a", "ip", ""));
		assertThat(result.values()).doesNotContainKey("ip");
	}

	@Property(tries = 300)
	void everyIpv4AddressIsAcceptedAsWritten(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
			@ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) {
		String ip = a + "." + b + "." + c + "." + d;
		assertThat(AttributeValues.ip(ip, new Localised("ip", "ip"), "attributes.ip")).isEqualTo(ip);
	}

	@Test
	void theKeyOfAValueIgnoresCaseAndNumberFormatting() {
		assertThat(AttributeValues.key("ABC")).isEqualTo(AttributeValues.key("abc"));
		assertThat(AttributeValues.key(new BigDecimal("16"))).isEqualTo("16");
	}

}
