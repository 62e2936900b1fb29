package io.opsguard.alerting.expr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.opsguard.alerting.expr.Node.Abs;
import io.opsguard.alerting.expr.Node.Binary;
import io.opsguard.alerting.expr.Node.Neg;
import io.opsguard.alerting.expr.Node.Not;
import io.opsguard.alerting.expr.Node.Num;
import io.opsguard.alerting.expr.Node.Series;
import io.opsguard.alerting.expr.SeriesAccess.Samples;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AlertExpressionTests {

	// ---- faults: every message, where it points, what it says

	static Stream<Arguments> faults() {
		String tooLong = "cpu_usage > 1" + " or cpu_usage > 1".repeat(70);
		String tooDeep = "(".repeat(33) + "up == 1" + ")".repeat(33);
		return Stream.of(arguments("", "alerting.expr.empty", 0, Map.of()),
				arguments(" \u3000\u00A0\t", "alerting.expr.empty", 0, Map.of()),
				arguments(tooLong, "alerting.expr.tooLong", 0, Map.of("length", tooLong.length(), "max", 1000)),
				arguments(tooDeep, "alerting.expr.tooDeep", 32, Map.of("max", 32)),
				arguments("not ".repeat(33) + "up", "alerting.expr.tooDeep", 128, Map.of("max", 32)),
				arguments("cpu_usage ＞ 90", "alerting.expr.fullWidth", 10,
						Map.of("character", "＞", "replacement", ">", "column", 11)),
				arguments("cpu_usage ≥ 90", "alerting.expr.fullWidth", 10, Map.of("replacement", ">=")),
				arguments("status = 1", "alerting.expr.singleEquals", 7, Map.of("column", 8)),
				arguments("status <> 1", "alerting.expr.notEqualsSign", 7, Map.of("column", 8)),
				arguments("up == 0 && status == 1", "alerting.expr.symbolOperator", 8,
						Map.of("written", "&&", "replacement", "and")),
				arguments("up == 0 || status == 1", "alerting.expr.symbolOperator", 8, Map.of("replacement", "or")),
				arguments("!(up == 1)", "alerting.expr.symbolOperator", 0, Map.of("replacement", "not")),
				arguments("avgg(cpu_usage) > 90", "alerting.expr.unknownFunctionDidYouMean", 0,
						Map.of("name", "avgg", "suggestion", "avg")),
				arguments("avg_over_time(cpu_usage[5m]) > 90", "alerting.expr.unknownFunctionDidYouMean", 0,
						Map.of("suggestion", "avg")),
				arguments("median(cpu_usage) > 90", "alerting.expr.unknownFunction", 0,
						Map.of("name", "median", "functions", "rate, avg, min, max, delta, last, abs, count_over, changes, absent")),
				arguments("avg(cpu_usage[5m] > 90", "alerting.expr.unclosedParenthesis", 22,
						Map.of("column", 23, "openColumn", 4)),
				arguments("(cpu_usage > 90", "alerting.expr.unclosedParenthesis", 15, Map.of("column", 16, "openColumn", 1)),
				arguments("avg(cpu_usage[5]) > 90", "alerting.expr.windowNotDuration", 14, Map.of("text", "5")),
				arguments("avg(cpu_usage[ 5 minutes ]) > 90", "alerting.expr.windowNotDuration", 15,
						Map.of("text", "5 minutes")),
				arguments("avg(cpu_usage[5M]) > 90", "alerting.expr.windowNotDuration", 14, Map.of("text", "5M")),
				arguments("max(cpu_usage[2d]) > 90", "alerting.expr.windowTooLong", 14, Map.of("text", "2d", "max", "1d")),
				arguments("max(cpu_usage[0s]) > 90", "alerting.expr.windowTooShort", 14, Map.of("text", "0s")),
				arguments("avg(cpu_usage[5m) > 90", "alerting.expr.windowNotClosed", 13, Map.of("column", 14)),
				arguments("avg(cpu_usage, mem_usage) > 90", "alerting.expr.arity", 0,
						Map.of("function", "avg", "expected", 1, "given", 2)),
				arguments("rate() > 1", "alerting.expr.arity", 0, Map.of("given", 0)),
				arguments("rate(errors + 1) > 10", "alerting.expr.needsMetric", 0, Map.of("function", "rate")),
				arguments("cpu_usage[5m] > 90", "alerting.expr.windowOutsideFunction", 9, Map.of("metric", "cpu_usage")),
				arguments("abs(delta_x[5m]) > 1", "alerting.expr.windowOutsideFunction", 11, Map.of("metric", "delta_x")),
				arguments("fs_usage{mount=\"/data\"} > 90", "alerting.expr.badSelector", 8, Map.of("column", 10)),
				arguments("fs_usage{instance==\"/data\"} > 90", "alerting.expr.badSelector", 8, Map.of("column", 18)),
				arguments("cpu_usage", "alerting.expr.notACondition", 0, Map.of()),
				arguments("avg(cpu_usage[5m]) * 2", "alerting.expr.notACondition", 0, Map.of()),
				arguments("cpu_usage > 90)", "alerting.expr.unmatchedClosing", 14, Map.of("column", 15)),
				arguments(")", "alerting.expr.unmatchedClosing", 0, Map.of("column", 1)),
				arguments("cpu_usage 90", "alerting.expr.expectedOperator", 10, Map.of("token", "90", "column", 11)),
				arguments("cpu_usage >", "alerting.expr.missingOperand", 11, Map.of("token", ">")),
				arguments("> 90", "alerting.expr.expectedOperand", 0, Map.of("token", ">", "column", 1)),
				arguments("up == 1 and and up == 1", "alerting.expr.expectedOperand", 12, Map.of("token", "and")),
				arguments("(up == 1 and )", "alerting.expr.expectedOperand", 13, Map.of("token", ")")),
				arguments("0 < cpu_usage < 90", "alerting.expr.chainedComparison", 14, Map.of("column", 15)),
				arguments("not cpu_usage > 90", "alerting.expr.ambiguousNot", 0, Map.of("operand", "cpu_usage")),
				arguments("up == 1 and not avg(x[5m]) * 2 > 1", "alerting.expr.ambiguousNot", 12,
						Map.of("column", 13, "operand", "avg(x[5m])")),
				arguments("cpu_usage > 90 and mem_usage", "alerting.expr.operandNotACondition", 19,
						Map.of("operator", "and", "operand", "mem_usage")),
				arguments("up or cpu_usage > 1", "alerting.expr.operandNotACondition", 0,
						Map.of("operator", "or", "operand", "up")),
				arguments("not up", "alerting.expr.operandNotACondition", 4, Map.of("operator", "not", "operand", "up")),
				arguments("cpu_usage > 90%", "alerting.expr.percentSign", 14, Map.of("column", 15)),
				arguments("uptime < 5m", "alerting.expr.numberWithUnit", 9, Map.of("text", "5m")),
				arguments("内存使用率 > 90", "alerting.expr.nonAsciiName", 0, Map.of("name", "内存使用率")),
				arguments("CPU_usage > 90", "alerting.expr.badMetricNameCase", 0,
						Map.of("name", "CPU_usage", "suggestion", "cpu_usage")),
				arguments("fs_usage{instance=\"/data} > 90", "alerting.expr.unclosedString", 18, Map.of("column", 19)),
				arguments("cpu_usage > 90 ;", "alerting.expr.badCharacter", 15, Map.of("character", ";", "column", 16)),
				arguments("cpu_usage > 90 for 5m", "alerting.expr.forClause", 15, Map.of()),
				arguments("cpu_usage > 1e999", "alerting.expr.badNumber", 12, Map.of("text", "1e999")));
	}

	@ParameterizedTest
	@MethodSource("faults")
	void explainsEachFaultWhereItIs(String text, String code, int position, Map<String, Object> args) {
		List<ExpressionProblem> problems = problems(text);
		assertThat(problems).as(text).hasSize(1);
		ExpressionProblem problem = problems.get(0);
		assertThat(problem.code()).isEqualTo(code);
		assertThat(problem.position()).isEqualTo(position);
		assertThat(problem.position() + problem.length()).isLessThanOrEqualTo(text.length());
		assertThat(problem.args()).containsAllEntriesOf(args);
		assertThat(ExpressionMessages.render(problem)).isNotBlank();
	}

	@Test
	void everyMessageOfTheLanguageIsUsedAndEveryFaultHasOne() {
		Set<String> used = new TreeSet<>();
		faults().forEach(arguments -> used.add((String) arguments.get()[1]));
		used.add("alerting.expr.unknownMetric");
		used.add("alerting.expr.unknownMetricDidYouMean");
		assertThat(used).isEqualTo(ExpressionMessages.codes());
	}

	@Test
	void messagesReadWellInBothLanguages() {
		assertThat(ExpressionMessages.render(problems("avgg(cpu_usage) > 90").get(0)))
			.isEqualTo("没有函数“avgg”，您是不是要用“avg”？");
		assertThat(ExpressionMessages.render(problems("(cpu_usage > 90").get(0)))
			.isEqualTo("缺少右括号：第 1 列的“(”没有对应的“)”（应在第 16 列补上）");
		assertThat(ExpressionMessages.render(problems("status = 1").get(0))).isEqualTo("第 8 列写的是 =，比较是否相等要用 ==");
		assertThat(ExpressionMessages.render(problems("cpu_usage").get(0))).isEqualTo("表达式需要是条件，例如 cpu_usage > 90");
		assertThat(ExpressionMessages.render(problems("fs_usage{mount=\"/\"} > 1").get(0)))
			.isEqualTo("第 10 列附近的实例选择写法有误，应写成 {instance=\"/data\"} 的形式");
		ExpressionProblem tooLong = problems("x > 1" + " or x > 1".repeat(200)).get(0);
		assertThat(ExpressionMessages.render(tooLong)).isEqualTo("表达式太长（1805 个字符），最多 1000 个字符");
		assertThat(tooLong.arguments()).containsExactly("1805", "1000");
	}

	@Test
	void reportsEveryFaultItCanReadPastAtOnceInTextOrder() {
		List<ExpressionProblem> problems = problems("avgg(cpu_usage) = 90 && status <> 1");
		assertThat(problems).extracting(ExpressionProblem::code)
			.containsExactly("alerting.expr.unknownFunctionDidYouMean", "alerting.expr.singleEquals",
					"alerting.expr.symbolOperator", "alerting.expr.notEqualsSign");
		assertThat(problems).extracting(ExpressionProblem::position).containsExactly(0, 16, 21, 31);
		assertThat(problems("avg（cpu_usage）＞ 90 and fs_usage{instance=“/data”} > 1"))
			.extracting(ExpressionProblem::position, problem -> problem.args().get("replacement"))
			.containsExactly(tuple(3, "("), tuple(13, ")"),
					tuple(14, ">"), tuple(41, "\""),
					tuple(47, "\""));
	}

	@Test
	void fullWidthCharactersInsideAnInstanceNameAreFine() {
		AlertExpression expression = AlertExpression.parse("fs_usage{instance=\"数据（一）\"} > 90");
		assertThat(expression.toString()).isEqualTo("fs_usage{instance=\"数据（一）\"} > 90");
		assertThat(AlertExpression.parse("cpu_usage\u3000>\u300090").toString()).as("full-width spaces are spaces")
			.isEqualTo("cpu_usage > 90");
	}

	// ---- precedence: not and minus, then * /, + -, comparisons, and, or

	static Stream<Arguments> precedence() {
		return Stream.of(arguments("a + b * c > d", "(a + (b * c)) > d"),
				arguments("a * b + c > d", "((a * b) + c) > d"),
				arguments("a - b - c > 0", "((a - b) - c) > 0"),
				arguments("a / b * c > 0", "((a / b) * c) > 0"),
				arguments("-a * b > 0", "((-a) * b) > 0"),
				arguments("a + b > c + d", "(a + b) > (c + d)"),
				arguments("a > 1 and b > 1 or c > 1", "((a > 1) and (b > 1)) or (c > 1)"),
				arguments("a > 1 or b > 1 and c > 1", "(a > 1) or ((b > 1) and (c > 1))"),
				arguments("a > 1 or b > 1 or c > 1", "((a > 1) or (b > 1)) or (c > 1)"),
				arguments("not absent(a) and b > 1", "(not absent(a)) and (b > 1)"),
				arguments("not absent(a) or not absent(b) and c > 1", "(not absent(a)) or ((not absent(b)) and (c > 1))"),
				arguments("not not absent(a) and b > 1", "(not (not absent(a))) and (b > 1)"),
				arguments("not (a > 1) and b > 1", "(not (a > 1)) and (b > 1)"),
				arguments("a > 1 AND b > 1 Or c > 1", "((a > 1) and (b > 1)) or (c > 1)"),
				arguments("abs(a - b) > 5 * 2", "(abs(a - b)) > (5 * 2)"),
				arguments("(a > 1) + (b > 1) >= 2", "((a > 1) + (b > 1)) >= 2"));
	}

	@ParameterizedTest
	@MethodSource("precedence")
	void bindsAsThePrecedenceTableSays(String text, String parenthesised) {
		assertThat(AlertExpression.parse(text)).isEqualTo(AlertExpression.parse(parenthesised));
	}

	@Test
	void leftAssociativityIsNotRightAssociativity() {
		assertThat(AlertExpression.parse("a - b - c > 0")).isNotEqualTo(AlertExpression.parse("a - (b - c) > 0"));
		assertThat(AlertExpression.parse("a - (b - c) > 0").toString()).isEqualTo("a - (b - c) > 0");
		assertThat(AlertExpression.parse("-(a + b) > 0").toString()).isEqualTo("-(a + b) > 0");
	}

	// ---- canonical form, metrics, equality

	@Test
	void writesOneCanonicalText() {
		assertThat(AlertExpression.parse("rate( errors )>10 AND status==1").toString())
			.isEqualTo("rate(errors[5m]) > 10 and status == 1");
		assertThat(AlertExpression.parse("last(cpu_usage)  >  90.0").toString()).isEqualTo("cpu_usage > 90");
		assertThat(AlertExpression.parse("last(cpu_usage[10m]) > 9e1").toString()).isEqualTo("last(cpu_usage[10m]) > 90");
		assertThat(AlertExpression.parse("((up == 0))").toString()).isEqualTo("up == 0");
		assertThat(AlertExpression.parse("up == 0 and (a > 1 or b > 1)").toString()).isEqualTo("up == 0 and (a > 1 or b > 1)");
		assertThat(AlertExpression.parse("max(x[90s]) > 1 or min(x[1h30m]) < .5").toString())
			.isEqualTo("max(x[90s]) > 1 or min(x[90m]) < 0.5");
		assertThat(AlertExpression.parse("fs_usage{instance='/da\"ta'} > 1").toString())
			.isEqualTo("fs_usage{instance=\"/da\\\"ta\"} > 1");
		assertThat(AlertExpression.parse("not(up==1)").toString()).isEqualTo("not (up == 1)");
		assertThat(AlertExpression.parse("- cpu_usage < -5").toString()).isEqualTo("-cpu_usage < -5");
		assertThat(AlertExpression.parse("absent(up)").toString()).isEqualTo("absent(up[5m])");
		assertThat(AlertExpression.parse("count_over(up[10m]) < 3").text()).isEqualTo("count_over(up[10m]) < 3");
	}

	@Test
	void namesTheMetricsItReadsWithTheirLargestWindow() {
		AlertExpression expression = AlertExpression
			.parse("avg(cpu_usage[10m]) > 80 and cpu_usage > 90 and rate(errors) > 1 and delta(db_size[1h]) > 0");
		assertThat(expression.metrics()).containsExactly(Map.entry("cpu_usage", Duration.ofMinutes(10)),
				Map.entry("errors", Duration.ofMinutes(5)), Map.entry("db_size", Duration.ofHours(1)));
	}

	@Test
	void equalWhenTheyMeanTheSame() {
		AlertExpression a = AlertExpression.parse("cpu_usage>90 AND (up==1)");
		AlertExpression b = AlertExpression.parse("cpu_usage > 90 and up == 1");
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a.text()).isNotEqualTo(b.text());
		assertThat(a).isNotEqualTo(AlertExpression.parse("cpu_usage >= 90 and up == 1"));
	}

	// ---- validation against the metrics a resource has

	@Test
	void validatesMetricNamesAndSuggestsTheNearest() {
		AlertExpression expression = AlertExpression.parse("rate(errors[5m]) > 10 and status == 1 and cpu_usgae > 1");
		List<ExpressionProblem> problems = expression.validate(Set.of("error", "http_status", "cpu_usage"));
		assertThat(problems).extracting(ExpressionProblem::code, ExpressionProblem::position)
			.containsExactly(tuple("alerting.expr.unknownMetricDidYouMean", 5),
					tuple("alerting.expr.unknownMetric", 26),
					tuple("alerting.expr.unknownMetricDidYouMean", 42));
		assertThat(problems.get(0).args()).containsEntry("name", "errors").containsEntry("suggestion", "error");
		assertThat(problems.get(2).args()).containsEntry("suggestion", "cpu_usage");
		assertThat(problems.get(1).length()).isEqualTo("status".length());
		assertThat(ExpressionMessages.render(problems.get(1))).isEqualTo("没有采集指标“status”（请对照监控类型的指标列表）");
		assertThat(ExpressionMessages.render(problems.get(2))).isEqualTo("没有采集指标“cpu_usgae”，您是不是要用“cpu_usage”？");
		assertThat(expression.validate(Set.of("errors", "status", "cpu_usgae"))).isEmpty();
	}

	@Test
	void suggestsTheNamesOfTheMonitorTypesForWordsPeopleUse() {
		Set<String> host = Set.of("cpu_usage", "mem_usage", "fs_usage", "fs_used", "net_in_bps", "if_in_errors");
		assertThat(AlertExpression.parse("disk_usage{instance=\"/data\"} > 90 or memory_util > 90 or disk_used > 1")
			.validate(host)).extracting(problem -> problem.args().get("suggestion"))
			.containsExactly("fs_usage", "mem_usage", "fs_used");
	}

	@Test
	void explainsChineseWordsForAndOrNot() {
		assertThat(problems("cpu_usage > 90 并且 mem_usage > 90 或者 非 absent(up)"))
			.extracting(problem -> problem.args().get("replacement"))
			.containsExactly("and", "or", "not");
	}

	// ---- properties: the canonical text reads back; nothing but ExpressionException escapes

	@Property(tries = 500)
	void theCanonicalTextReadsBackToAnEqualExpression(@ForAll("conditions") Node condition) {
		String canonical = Node.canonical(condition);
		AlertExpression parsed = AlertExpression.parse(canonical);
		assertThat(parsed.root()).as(canonical).isEqualTo(condition);
		assertThat(parsed.toString()).isEqualTo(canonical);
		assertThat(AlertExpression.parse(parsed.toString())).isEqualTo(parsed);
	}

	@Property(tries = 1000)
	void tokenSoupEitherParsesOrIsExplained(@ForAll("tokenSoup") String text) {
		readOrExplain(text);
	}

	@Property(tries = 1000)
	void anyCharactersEitherParseOrAreExplained(@ForAll("characterSoup") String text) {
		readOrExplain(text);
	}

	@Property(tries = 300)
	void anyStringEitherParsesOrIsExplained(@ForAll String text) {
		readOrExplain(text);
	}

	private static void readOrExplain(String text) {
		AlertExpression expression;
		try {
			expression = AlertExpression.parse(text);
		}
		catch (ExpressionException ex) {
			assertThat(ex.problems()).isNotEmpty();
			for (ExpressionProblem problem : ex.problems()) {
				assertThat(problem.position()).isBetween(0, text.length());
				assertThat(problem.position() + problem.length()).isLessThanOrEqualTo(text.length());
				ExpressionMessages.render(problem);
			}
			return;
		}
		assertThat(AlertExpression.parse(expression.toString())).as(text).isEqualTo(expression);
		expression.validate(Set.of("cpu_usage"));
		expression.evaluate((metric, from, to) -> Map.of("", new Samples(new long[] { to - 1000, to }, new double[] { 1, 2 }),
				"/data", new Samples(new long[] { to }, new double[] { 0 })), 1_000_000L);
	}

	@Provide
	Arbitrary<String> tokenSoup() {
		Arbitrary<String> token = Arbitraries.of("cpu_usage", "fs_usage", "up", "rate", "avg", "absent", "count_over", "abs",
				"last", "foo", "(", ")", "[5m]", "[", "]", "[x]", "{instance=\"/data\"}", "{", "}", "\"", "'", ",", ">", ">=",
				"==", "=", "!=", "<>", "!", "&&", "||", "and", "or", "not", "AND", "-", "+", "*", "/", "1", "0", "0.5", "1e9",
				"5m", "90%", "（", "）", "＞", "“", "内存", ";", "for", "\\", " ");
		return token.list().ofMaxSize(25).map(tokens -> String.join(" ", tokens));
	}

	@Provide
	Arbitrary<String> characterSoup() {
		return Arbitraries.strings().withChars("abcrtuvgmxsn_01259.e()[]{}<>=!&|+-*/,\"'\\ %（）＞“内;").ofMaxLength(40);
	}

	@Provide
	Arbitrary<Node> conditions() {
		return condition(4).filter(node -> Node.canonical(node).length() <= AlertExpression.MAX_LENGTH);
	}

	/** Well-formed trees: and, or, not over conditions; arithmetic and comparisons over anything. */
	static Arbitrary<Node> condition(int depth) {
		Arbitrary<Node> absent = Combinators.combine(series(), Arbitraries.just(0))
			.as((series, ignored) -> (Node) new Series(((Series) series).metric(), ((Series) series).instance(),
					WindowFunction.ABSENT, ((Series) series).windowMillis()));
		if (depth == 0) {
			return absent;
		}
		Arbitrary<Node> anything = Arbitraries.lazy(() -> Arbitraries.oneOf(value(depth - 1), condition(depth - 1)));
		Arbitrary<Node> smaller = Arbitraries.lazy(() -> condition(depth - 1));
		Arbitrary<Node> comparison = Combinators
			.combine(Arbitraries.of(Operator.GT, Operator.GE, Operator.LT, Operator.LE, Operator.EQ, Operator.NE), anything,
					anything)
			.as(Binary::new);
		Arbitrary<Node> logic = Combinators.combine(Arbitraries.of(Operator.AND, Operator.OR), smaller, smaller).as(Binary::new);
		Arbitrary<Node> not = smaller.map(Not::new);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, absent), net.jqwik.api.Tuple.of(4, comparison),
				net.jqwik.api.Tuple.of(2, logic), net.jqwik.api.Tuple.of(1, not));
	}

	static Arbitrary<Node> value(int depth) {
		Arbitrary<Node> leaf = Arbitraries.oneOf(number(), series());
		if (depth == 0) {
			return leaf;
		}
		Arbitrary<Node> anything = Arbitraries.lazy(() -> Arbitraries.oneOf(value(depth - 1), condition(depth - 1)));
		Arbitrary<Node> unary = Combinators.combine(Arbitraries.of(true, false), anything)
			.as((minus, operand) -> minus ? new Neg(operand) : new Abs(operand));
		Arbitrary<Node> arithmetic = Combinators
			.combine(Arbitraries.of(Operator.ADD, Operator.SUB, Operator.MUL, Operator.DIV), anything, anything)
			.as(Binary::new);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, unary),
				net.jqwik.api.Tuple.of(2, arithmetic));
	}

	static Arbitrary<Node> number() {
		return Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, 90.0, 0.5, 1e-7, 1e20, 123.456),
				Arbitraries.doubles().between(0, 1e6)).map(Num::new);
	}

	static Arbitrary<Node> series() {
		Arbitrary<String> metric = Arbitraries.of("cpu_usage", "fs_usage", "errors", "up", "_x1", "rate", "for");
		Arbitrary<String> instance = Arbitraries.of("/", "/data", "C:\\", "a\"b", "接口1", "数据（一）", "x]y", "");
		Arbitrary<Long> window = Arbitraries.of(1_000L, 30_000L, 90_000L, 300_000L, 3_600_000L, 5_400_000L, 86_400_000L);
		return Combinators
			.combine(metric, instance.injectNull(0.5), Arbitraries.of(WindowFunction.class), window)
			.as((name, selected, function, millis) -> new Series(name, selected, function, millis));
	}

	private static List<ExpressionProblem> problems(String text) {
		assertThatExceptionOfType(ExpressionException.class).as(text).isThrownBy(() -> AlertExpression.parse(text));
		try {
			AlertExpression.parse(text);
			return new ArrayList<>();
		}
		catch (ExpressionException ex) {
			return ex.problems();
		}
	}

}
