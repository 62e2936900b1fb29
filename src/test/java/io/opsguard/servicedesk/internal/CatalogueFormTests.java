package io.opsguard.servicedesk.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.servicedesk.internal.CatalogueForm.Field;
import io.opsguard.servicedesk.internal.CatalogueForm.Kind;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service catalogue's forms as data (R-DSK-14): a definition an administrator writes is checked
 * field by field, and the values a requester fills in are checked against it, each problem named on
 * its field; what is stored checks cleanly again.
 */
class CatalogueFormTests {

	private static final List<Field> PASSWORD_RESET = List.of(
			new Field("account", "账号", "Account", Kind.TEXT, true, null, null),
			new Field("reason", "原因", "Reason", Kind.SELECT, true, List.of("忘记密码", "账号锁定", "其他"), null),
			new Field("identityChecked", "已核实本人身份", "Identity verified", Kind.CHECKBOX, true, null, null),
			new Field("count", "账号数量", null, Kind.NUMBER, false, null, "一般为 1"),
			new Field("until", "截止日期", null, Kind.DATE, false, null, null),
			new Field("phone", "联系电话", null, Kind.PHONE, false, null, null),
			new Field("note", "补充说明", null, Kind.TEXTAREA, false, null, null));

	// ---------------------------------------------------------------- definitions

	@Example
	void aSensibleDefinitionHasNoProblems() {
		assertThat(CatalogueForm.checkDefinition(PASSWORD_RESET)).isEmpty();
		assertThat(CatalogueForm.checkDefinition(List.of())).isEmpty();
		assertThat(CatalogueForm.checkDefinition(null)).isEmpty();
	}

	@Example
	void eachBadFieldIsNamedWhereItIs() {
		List<Field> fields = new ArrayList<>();
		fields.add(new Field("name", "姓名", null, Kind.TEXT, true, null, null));
		fields.add(new Field("Name", "重复", null, Kind.TEXT, false, null, null));
		fields.add(new Field("1st", "数字开头", null, Kind.TEXT, false, null, null));
		fields.add(new Field("kind", " ", null, null, false, null, null));
		fields.add(new Field("pick", "选择", null, Kind.SELECT, false, List.of(), null));
		fields.add(new Field("twice", "重复选项", null, Kind.SELECT, false, List.of("是", " 是 "), null));
		fields.add(new Field("nullOption", "空选项", null, Kind.SELECT, false, Arrays.asList("是", null), null));
		fields.add(new Field("english", "英文过长", "x".repeat(51), Kind.TEXT, false, null, "y".repeat(201)));
		fields.add(null);
		assertThat(CatalogueForm.checkDefinition(fields)).extracting(p -> p.field() + " " + p.errorCode().code())
			.containsExactly("fields[1].key SD-0031", "fields[2].key SD-0030", "fields[3].label SD-0032",
					"fields[3].kind SD-0033", "fields[4].options SD-0034", "fields[5].options SD-0034",
					"fields[6].options SD-0034", "fields[7].labelEn SD-0018", "fields[7].hint SD-0018",
					"fields[8] SD-0030");
	}

	@Example
	void aFormLongerThanThirtyFieldsIsRefusedAsAWhole() {
		List<Field> fields = new ArrayList<>();
		for (int i = 0; i <= CatalogueForm.MAX_FIELDS; i++) {
			fields.add(new Field("f" + i, "字段" + i, null, Kind.TEXT, false, null, null));
		}
		assertThat(CatalogueForm.checkDefinition(fields)).extracting(FieldProblem::field).containsExactly("fields");
		assertThat(CatalogueForm.checkDefinition(fields.subList(0, CatalogueForm.MAX_FIELDS))).isEmpty();
	}

	@Example
	void keysStartWithALetterAndStayShort() {
		assertThat(CatalogueForm.KEY.matcher("employeeName").matches()).isTrue();
		assertThat(CatalogueForm.KEY.matcher("a_1").matches()).isTrue();
		assertThat(CatalogueForm.KEY.matcher("_a").matches()).isFalse();
		assertThat(CatalogueForm.KEY.matcher("姓名").matches()).isFalse();
		assertThat(CatalogueForm.KEY.matcher("a-b").matches()).isFalse();
		assertThat(CatalogueForm.KEY.matcher("a".repeat(41)).matches()).isFalse();
	}

	// ---------------------------------------------------------------- values

	@Example
	void goodValuesAreStoredStrippedInTheFormsOrder() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("note", "  请尽快  ");
		values.put("identityChecked", true);
		values.put("reason", "账号锁定");
		values.put("account", " zhangsan ");
		values.put("count", 2);
		values.put("until", "2026-02-28");
		values.put("phone", "0371-6666 8888");
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, String> stored = CatalogueForm.checkValues(PASSWORD_RESET, values, problems);
		assertThat(problems).isEmpty();
		assertThat(stored).containsExactly(Map.entry("account", "zhangsan"), Map.entry("reason", "账号锁定"),
				Map.entry("identityChecked", "true"), Map.entry("count", "2"), Map.entry("until", "2026-02-28"),
				Map.entry("phone", "0371-6666 8888"), Map.entry("note", "请尽快"));
	}

	@Example
	void missingRequiredValuesAreNamed() {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Object> values = new HashMap<>();
		values.put("account", "   ");
		values.put("identityChecked", "false");
		Map<String, String> stored = CatalogueForm.checkValues(PASSWORD_RESET, values, problems);
		assertThat(problems).extracting(p -> p.field() + " " + p.errorCode().code())
			.containsExactly("formValues.account SD-0035", "formValues.reason SD-0035", "formValues.identityChecked SD-0035");
		assertThat(problems.get(0).args()).containsExactly("账号");
		assertThat(stored).isEmpty();
		problems.clear();
		CatalogueForm.checkValues(PASSWORD_RESET, null, problems);
		assertThat(problems).hasSize(3);
	}

	@Example
	void valuesOfTheWrongKindAreRefused() {
		Map<String, Object> values = new HashMap<>(Map.of("account", "a", "reason", "忘记", "identityChecked", "yes",
				"count", "二", "until", "2026-02-30", "phone", "call me"));
		values.put("note", List.of("a", "b"));
		values.put("unknown", "x");
		List<FieldProblem> problems = new ArrayList<>();
		CatalogueForm.checkValues(PASSWORD_RESET, values, problems);
		assertThat(problems).extracting(p -> p.field() + " " + p.errorCode().code())
			.containsExactlyInAnyOrder("formValues.reason SD-0036", "formValues.identityChecked SD-0036",
					"formValues.count SD-0036", "formValues.until SD-0036", "formValues.phone SD-0036",
					"formValues.note SD-0036", "formValues.unknown SD-0037");
	}

	@Example
	void aValueLongerThanItsKindAllowsIsRefused() {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogueForm.checkValues(PASSWORD_RESET,
				Map.of("account", "x".repeat(201), "reason", "其他", "identityChecked", "TRUE", "note", "y".repeat(2000)), problems);
		assertThat(problems).extracting(p -> p.field() + " " + p.errorCode().code())
			.containsExactly("formValues.account SD-0018");
	}

	@Example
	void numbersAreDecimalsAndDatesAreIsoDays() {
		List<Field> form = List.of(new Field("n", "数", null, Kind.NUMBER, false, null, null),
				new Field("d", "日", null, Kind.DATE, false, null, null));
		for (String good : List.of("0", "-3", "+1.5", ".5", "1e3", "12345678901234567890")) {
			assertThat(problemsOf(form, Map.of("n", good))).as(good).isEmpty();
		}
		for (String bad : List.of("1,5", "1.2.3", "NaN", "Infinity", "0x10", "1 000")) {
			assertThat(problemsOf(form, Map.of("n", bad))).as(bad).hasSize(1);
		}
		assertThat(problemsOf(form, Map.of("d", "2024-02-29"))).isEmpty();
		for (String bad : List.of("2023-02-29", "2026-1-5", "2026/01/05", "20260105")) {
			assertThat(problemsOf(form, Map.of("d", bad))).as(bad).hasSize(1);
		}
	}

	private static List<FieldProblem> problemsOf(List<Field> form, Map<String, ?> values) {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogueForm.checkValues(form, values, problems);
		return problems;
	}

	// ---------------------------------------------------------------- property

	@Provide
	Arbitrary<Object> anyValue() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), Arbitraries.strings().withChars("0123456789-.+e ").ofMaxLength(12),
				Arbitraries.of("2026-03-01", "2026-13-01", " 2025-12-31 ", "true", "false", "忘记密码", " 其他 ", "13800000000", ""),
				Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
				Arbitraries.just(List.of("x")));
	}

	@Provide
	Arbitrary<Map<String, Object>> anyValues() {
		Arbitrary<String> keys = Arbitraries.of("account", "reason", "identityChecked", "count", "until", "phone", "note", "other");
		// half of the maps start from a good answer, so that both outcomes are explored
		return Combinators.combine(keys.list().ofMaxSize(3), anyValue().list().ofSize(3), Arbitraries.of(true, false))
			.as((ks, vs, good) -> {
			Map<String, Object> values = new HashMap<>();
			if (good) {
				values.putAll(Map.of("account", "zhangsan", "reason", "其他", "identityChecked", true));
			}
			for (int i = 0; i < ks.size(); i++) {
				values.put(ks.get(i), vs.get(i));
			}
			return values;
		});
	}

	@Property(tries = 1000)
	void anyValuesYieldProblemsOrStoredValuesThatCheckCleanlyAgain(@ForAll("anyValues") Map<String, Object> values) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, String> stored = CatalogueForm.checkValues(PASSWORD_RESET, values, problems);
		assertThat(problems).allSatisfy(p -> assertThat(p.field()).startsWith("formValues."));
		if (problems.isEmpty()) {
			List<FieldProblem> again = new ArrayList<>();
			assertThat(CatalogueForm.checkValues(PASSWORD_RESET, stored, again)).isEqualTo(stored);
			assertThat(again).isEmpty();
			assertThat(stored.keySet()).containsAll(List.of("account", "reason", "identityChecked"));
		}
		net.jqwik.api.statistics.Statistics.collect(problems.isEmpty() ? "stored" : "refused");
	}

}
