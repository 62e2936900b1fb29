package io.opsguard.alerting.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.alerting.expr.Node.Abs;
import io.opsguard.alerting.expr.Node.Binary;
import io.opsguard.alerting.expr.Node.Neg;
import io.opsguard.alerting.expr.Node.Not;
import io.opsguard.alerting.expr.Node.Num;
import io.opsguard.alerting.expr.Node.Series;
import io.opsguard.alerting.expr.Tokenizer.Kind;
import io.opsguard.alerting.expr.Tokenizer.Token;

/**
 * Recursive descent over the grammar (loosest first):
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := compare ("and" compare)*
 * compare := sum (("&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "==" | "!=") sum)?
 * sum     := product (("+" | "-") product)*
 * product := unary (("*" | "/") unary)*
 * unary   := ("-" | "not") unary | primary
 * primary := number | metric | function "(" arguments ")" | "(" or ")"
 * metric  := name ("{" "instance" "=" string "}")? ("[" duration "]")?
 * </pre>
 *
 * Faults it can read past (a mistyped function, {@code =} for {@code ==}) are collected and
 * parsing goes on, so that a person sees them all at once; after a fault that leaves the structure
 * unclear it stops.
 */
final class Parser {

	static final int MAX_LENGTH = 1000;

	static final int MAX_DEPTH = 32;

	static final long MAX_WINDOW_MILLIS = 86_400_000L;

	static final List<String> FUNCTIONS = List.of("rate", "avg", "min", "max", "delta", "last", "abs", "count_over",
			"changes", "absent");

	/** Names from other products (PromQL, Zabbix, spreadsheets) and what they are called here. */
	private static final Map<String, String> FUNCTION_ALIASES = Map.ofEntries(Map.entry("irate", "rate"),
			Map.entry("increase", "delta"), Map.entry("avg_over_time", "avg"), Map.entry("min_over_time", "min"),
			Map.entry("max_over_time", "max"), Map.entry("count_over_time", "count_over"),
			Map.entry("last_over_time", "last"), Map.entry("absent_over_time", "absent"), Map.entry("average", "avg"),
			Map.entry("mean", "avg"), Map.entry("minimum", "min"), Map.entry("maximum", "max"),
			Map.entry("count", "count_over"), Map.entry("diff", "delta"), Map.entry("change", "delta"),
			Map.entry("nodata", "absent"), Map.entry("idelta", "delta"), Map.entry("resets", "changes"));

	/** Chinese words for and, or, not: explained as such, not as unknown metric names. */
	private static final Set<String> CHINESE_AND = Set.of("且", "并且", "而且", "和", "与");

	private static final Set<String> CHINESE_OR = Set.of("或", "或者");

	private static final Set<String> CHINESE_NOT = Set.of("非", "不是");

	private final String text;

	private final Tokenizer tokenizer;

	private Token lookahead;

	private Token previous;

	private int depth;

	private final List<ExpressionProblem> problems = new ArrayList<>();

	/** Metric references as written (not yet taken by a function), with the position of their window if they have one. */
	private final Map<Node, Token> windowsOutsideFunctions = new IdentityHashMap<>();

	private final Map<Node, Boolean> plainReferences = new IdentityHashMap<>();

	private final List<AlertExpression.Reference> references = new ArrayList<>();

	private final TreeSet<String> pinnedInstances = new TreeSet<>();

	private int openParentheses;

	private Parser(String text) {
		this.text = text;
		this.tokenizer = new Tokenizer(text);
	}

	/** The parsed tree with the references it makes, or an exception listing the faults. */
	static AlertExpression parse(String text) {
		if (text == null || text.chars().allMatch(c -> Tokenizer.isSpace((char) c))) {
			throw new ExpressionException(List.of(ExpressionProblem.at(0, 0, "alerting.expr.empty").build()));
		}
		if (text.length() > MAX_LENGTH) {
			throw new ExpressionException(List.of(ExpressionProblem.at(0, text.length(), "alerting.expr.tooLong")
				.arg("length", text.length())
				.arg("max", MAX_LENGTH)
				.build()));
		}
		List<ExpressionProblem> fullWidth = FullWidth.problems(text);
		if (!fullWidth.isEmpty()) {
			throw new ExpressionException(fullWidth);
		}
		Parser parser = new Parser(text);
		Node root = null;
		try {
			root = parser.expression();
		}
		catch (Stop stop) {
			// the fault is recorded; what was found before it is reported with it
		}
		if (root != null) {
			parser.finish(root);
		}
		if (!parser.problems.isEmpty()) {
			parser.problems.sort(Comparator.comparingInt(ExpressionProblem::position));
			throw new ExpressionException(parser.problems);
		}
		String pinned = (parser.pinnedInstances.size() == 1) ? parser.pinnedInstances.first() : "";
		return new AlertExpression(text, root, parser.references, pinned);
	}

	private Node expression() {
		Node root = or();
		Token rest = peek();
		if (!rest.is(Kind.EOF)) {
			if (rest.is(Kind.RPAREN)) {
				stop(at(rest, "alerting.expr.unmatchedClosing").arg("column", rest.start() + 1));
			}
			if (rest.isKeyword("for")) {
				stop(at(rest, "alerting.expr.forClause"));
			}
			stop(unexpected(rest));
		}
		return root;
	}

	private void finish(Node root) {
		for (Map.Entry<Node, Token> window : this.windowsOutsideFunctions.entrySet()) {
			Series series = (Series) window.getKey();
			add(at(window.getValue(), "alerting.expr.windowOutsideFunction").arg("metric", series.metric()));
		}
		if (this.problems.isEmpty() && !Node.isCondition(root)) {
			add(ExpressionProblem.at(0, this.text.length(), "alerting.expr.notACondition"));
		}
	}

	private Node or() {
		int leftStart = peek().start();
		Node left = and();
		int leftEnd = this.previous.end();
		boolean first = true;
		while (true) {
			Token token = peek();
			if (token.isKeyword("or") || token.is(Kind.PIPE) || isWord(token, CHINESE_OR)) {
				next();
				if (!token.is(Kind.IDENT)) {
					add(symbolOperator(token, "or"));
				}
				if (first) {
					requireCondition(left, leftStart, leftEnd, "or");
					first = false;
				}
				int rightStart = peek().start();
				Node right = and();
				requireCondition(right, rightStart, this.previous.end(), "or");
				left = new Binary(Operator.OR, left, right);
			}
			else {
				return left;
			}
		}
	}

	private Node and() {
		int leftStart = peek().start();
		Node left = compare();
		int leftEnd = this.previous.end();
		boolean first = true;
		while (true) {
			Token token = peek();
			if (token.isKeyword("and") || token.is(Kind.AMP) || isWord(token, CHINESE_AND)) {
				next();
				if (!token.is(Kind.IDENT)) {
					add(symbolOperator(token, "and"));
				}
				if (first) {
					requireCondition(left, leftStart, leftEnd, "and");
					first = false;
				}
				int rightStart = peek().start();
				Node right = compare();
				requireCondition(right, rightStart, this.previous.end(), "and");
				left = new Binary(Operator.AND, left, right);
			}
			else {
				return left;
			}
		}
	}

	/** The operands of and, or, not answer yes or no: "cpu_usage > 90 and mem_usage" lacks a comparison. */
	private void requireCondition(Node operand, int start, int end, String operator) {
		if (!Node.isCondition(operand)) {
			add(ExpressionProblem.at(start, end - start, "alerting.expr.operandNotACondition")
				.arg("operator", operator)
				.arg("operand", this.text.substring(start, end)));
		}
	}

	private Node compare() {
		Node left = sum();
		boolean compared = false;
		while (true) {
			Token token = peek();
			Operator operator = comparison(token);
			if (operator == null) {
				return left;
			}
			next();
			if (compared) {
				add(at(token, "alerting.expr.chainedComparison").arg("column", token.start() + 1));
			}
			if (token.is(Kind.ASSIGN)) {
				add(at(token, "alerting.expr.singleEquals").arg("column", token.start() + 1));
			}
			else if (token.is(Kind.LTGT)) {
				add(at(token, "alerting.expr.notEqualsSign").arg("column", token.start() + 1));
			}
			left = new Binary(operator, left, sum());
			compared = true;
		}
	}

	private static Operator comparison(Token token) {
		switch (token.kind()) {
			case GT:
				return Operator.GT;
			case GE:
				return Operator.GE;
			case LT:
				return Operator.LT;
			case LE:
				return Operator.LE;
			case EQ:
			case ASSIGN:
				return Operator.EQ;
			case NE:
			case LTGT:
				return Operator.NE;
			default:
				return null;
		}
	}

	private Node sum() {
		Node left = product();
		while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
			Operator operator = next().is(Kind.PLUS) ? Operator.ADD : Operator.SUB;
			left = new Binary(operator, left, product());
		}
		return left;
	}

	private Node product() {
		Node left = unary();
		while (peek().is(Kind.STAR) || peek().is(Kind.SLASH)) {
			Operator operator = next().is(Kind.STAR) ? Operator.MUL : Operator.DIV;
			left = new Binary(operator, left, unary());
		}
		return left;
	}

	private Node unary() {
		Token token = peek();
		if (token.is(Kind.MINUS)) {
			next();
			enter(token);
			Node operand = unary();
			this.depth--;
			return new Neg(operand);
		}
		if (token.isKeyword("not") || token.is(Kind.BANG) || isWord(token, CHINESE_NOT)) {
			next();
			if (!token.is(Kind.IDENT)) {
				add(symbolOperator(token, "not"));
			}
			enter(token);
			int operandStart = peek().start();
			Node operand = unary();
			this.depth--;
			Token after = peek();
			boolean ambiguous = comparison(after) != null || after.is(Kind.PLUS) || after.is(Kind.MINUS)
					|| after.is(Kind.STAR) || after.is(Kind.SLASH);
			if (ambiguous && !(operand instanceof Not)) {
				// "not x > 1": a person means not (x > 1); the precedence table says (not x) > 1
				add(ExpressionProblem.at(token.start(), this.previous.end() - token.start(), "alerting.expr.ambiguousNot")
					.arg("column", token.start() + 1)
					.arg("operand", this.text.substring(operandStart, this.previous.end())));
			}
			else if (!ambiguous) {
				requireCondition(operand, operandStart, this.previous.end(), "not");
			}
			return new Not(operand);
		}
		return primary();
	}

	private Node primary() {
		Token before = this.previous;
		Token token = next();
		switch (token.kind()) {
			case NUMBER:
				return number(token);
			case NUMBER_WITH_UNIT:
				add(at(token, "alerting.expr.numberWithUnit").arg("text", token.text()));
				return new Num(0);
			case LPAREN: {
				enter(token);
				this.openParentheses++;
				Node inner = or();
				close(token);
				this.openParentheses--;
				this.depth--;
				return inner;
			}
			case IDENT:
				if (token.isKeyword("and") || token.isKeyword("or")) {
					stop(expectedOperand(token));
				}
				return peek().is(Kind.LPAREN) ? call(token) : metric(token);
			case WORD:
				add(at(token, "alerting.expr.nonAsciiName").arg("name", token.text()));
				return metric(token);
			case RPAREN:
				if (this.openParentheses == 0) {
					stop(at(token, "alerting.expr.unmatchedClosing").arg("column", token.start() + 1));
				}
				stop(expectedOperand(token));
				return null;
			case EOF:
				stop(missingOperand(before, token));
				return null;
			case UNCLOSED_STRING:
				stop(at(token, "alerting.expr.unclosedString").arg("column", token.start() + 1));
				return null;
			case OTHER:
				stop(at(token, "alerting.expr.badCharacter").arg("character", token.text()).arg("column", token.start() + 1));
				return null;
			default:
				stop(expectedOperand(token));
				return null;
		}
	}

	private Node number(Token token) {
		double value = Double.parseDouble(token.text());
		if (!Double.isFinite(value)) {
			add(at(token, "alerting.expr.badNumber").arg("text", token.text()));
			value = 0;
		}
		if (peek().is(Kind.PERCENT)) {
			Token percent = next();
			add(at(percent, "alerting.expr.percentSign").arg("column", percent.start() + 1));
		}
		return new Num(value);
	}

	/** Expects the ")" that closes {@code open}. */
	private void close(Token open) {
		Token token = peek();
		if (token.is(Kind.RPAREN)) {
			next();
			return;
		}
		if (token.is(Kind.EOF)) {
			stop(ExpressionProblem.at(token.start(), 0, "alerting.expr.unclosedParenthesis")
				.arg("column", token.start() + 1)
				.arg("openColumn", open.start() + 1));
		}
		stop(unexpected(token));
	}

	private Node call(Token name) {
		Token open = next();
		enter(open);
		this.openParentheses++;
		List<Node> arguments = new ArrayList<>();
		if (peek().is(Kind.RPAREN)) {
			next();
		}
		else {
			while (true) {
				arguments.add(or());
				if (peek().is(Kind.COMMA)) {
					next();
					continue;
				}
				close(open);
				break;
			}
		}
		this.openParentheses--;
		this.depth--;
		String function = name.text();
		boolean usable = FUNCTIONS.contains(function) && arguments.size() == 1;
		if (!usable) {
			// the function is the fault; a window inside it is not a second one
			arguments.forEach(this.windowsOutsideFunctions::remove);
		}
		if (!FUNCTIONS.contains(function)) {
			String suggestion = FUNCTION_ALIASES.get(function.toLowerCase(Locale.ROOT));
			if (suggestion == null) {
				suggestion = NearestName.find(function, FUNCTIONS);
			}
			if (suggestion == null) {
				add(at(name, "alerting.expr.unknownFunction").arg("name", function)
					.arg("functions", String.join(", ", FUNCTIONS)));
			}
			else {
				add(at(name, "alerting.expr.unknownFunctionDidYouMean").arg("name", function).arg("suggestion", suggestion));
			}
			return new Num(0);
		}
		if (arguments.size() != 1) {
			add(ExpressionProblem.at(name.start(), this.previous.end() - name.start(), "alerting.expr.arity")
				.arg("function", function)
				.arg("expected", 1)
				.arg("given", arguments.size()));
			return new Num(0);
		}
		Node argument = arguments.get(0);
		if (function.equals("abs")) {
			return new Abs(argument);
		}
		if (!this.plainReferences.containsKey(argument)) {
			add(ExpressionProblem.at(name.start(), this.previous.end() - name.start(), "alerting.expr.needsMetric")
				.arg("function", function));
			return new Num(0);
		}
		this.windowsOutsideFunctions.remove(argument);
		Series series = (Series) argument;
		return new Series(series.metric(), series.instance(), WindowFunction.byName(function), series.windowMillis());
	}

	private Node metric(Token name) {
		String metric = name.text();
		if (name.is(Kind.IDENT) && !isMetricName(metric)) {
			// an identifier is letters, digits and underscores: only upper case can make it no metric name
			add(at(name, "alerting.expr.badMetricNameCase").arg("name", metric)
				.arg("suggestion", metric.toLowerCase(Locale.ROOT)));
		}
		String instance = null;
		if (peek().is(Kind.LBRACE)) {
			instance = selector();
			this.pinnedInstances.add(instance);
		}
		long window = Node.DEFAULT_WINDOW_MILLIS;
		int windowStart = -1;
		if (peek().is(Kind.LBRACKET)) {
			windowStart = peek().start();
			window = window();
		}
		Series series = new Series(metric, instance, WindowFunction.LAST, window);
		this.references.add(new AlertExpression.Reference(metric, name.start(), name.end() - name.start()));
		this.plainReferences.put(series, Boolean.TRUE);
		if (windowStart >= 0) {
			// "[5m]", until a function takes the metric with its window
			int windowEnd = this.previous.end();
			this.windowsOutsideFunctions.put(series, new Token(Kind.LBRACKET, windowStart, windowEnd,
					this.text.substring(windowStart, windowEnd), null));
		}
		return series;
	}

	static boolean isMetricName(String name) {
		if (name.isEmpty() || !(name.charAt(0) == '_' || (name.charAt(0) >= 'a' && name.charAt(0) <= 'z'))) {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!(c == '_' || (c >= 'a' && c <= 'z') || Tokenizer.isDigit(c))) {
				return false;
			}
		}
		return true;
	}

	/** {@code {instance="/data"}}: the instance's name. */
	private String selector() {
		Token open = next();
		Token label = next();
		Token equals = next();
		Token value = next();
		Token close = next();
		for (Token token : List.of(label, equals, value, close)) {
			if (token.is(Kind.UNCLOSED_STRING)) {
				stop(at(token, "alerting.expr.unclosedString").arg("column", token.start() + 1));
			}
		}
		if (!label.is(Kind.IDENT) || !label.text().equals("instance")) {
			stop(badSelector(open, label));
		}
		if (!equals.is(Kind.ASSIGN)) {
			stop(badSelector(open, equals));
		}
		if (!value.is(Kind.STRING)) {
			stop(badSelector(open, value));
		}
		if (!close.is(Kind.RBRACE)) {
			stop(badSelector(open, close));
		}
		return value.value();
	}

	private ExpressionProblem.Builder badSelector(Token open, Token wrong) {
		return ExpressionProblem.at(open.start(), Math.max(wrong.end(), open.end()) - open.start(), "alerting.expr.badSelector")
			.arg("column", wrong.start() + 1);
	}

	/** {@code [5m]}: the window in milliseconds. */
	private long window() {
		Token open = next();
		int close = this.text.indexOf(']', open.end());
		if (close < 0) {
			stop(at(open, "alerting.expr.windowNotClosed").arg("column", open.start() + 1));
		}
		this.tokenizer.moveTo(close + 1);
		this.previous = new Token(Kind.RBRACKET, close, close + 1, "]", null);
		String raw = this.text.substring(open.end(), close);
		String written = raw.strip();
		int rawStart = open.end() + (raw.length() - raw.stripLeading().length());
		long millis = duration(written);
		ExpressionProblem.Builder problem = null;
		if (millis < 0) {
			problem = ExpressionProblem.at(rawStart, written.length(), "alerting.expr.windowNotDuration").arg("text", written);
		}
		else if (millis == 0) {
			problem = ExpressionProblem.at(rawStart, written.length(), "alerting.expr.windowTooShort").arg("text", written);
		}
		else if (millis > MAX_WINDOW_MILLIS) {
			problem = ExpressionProblem.at(rawStart, written.length(), "alerting.expr.windowTooLong")
				.arg("text", written)
				.arg("max", Node.duration(MAX_WINDOW_MILLIS));
		}
		if (problem != null) {
			add(problem);
			return Node.DEFAULT_WINDOW_MILLIS;
		}
		return millis;
	}

	/** 30s, 5m, 1h, 1d, or parts of them together (1h30m); -1 when it is none of these. */
	static long duration(String text) {
		if (text.isEmpty()) {
			return -1;
		}
		long total = 0;
		int i = 0;
		while (i < text.length()) {
			int start = i;
			while (i < text.length() && Tokenizer.isDigit(text.charAt(i))) {
				i++;
			}
			if (i == start || i - start > 9 || i >= text.length()) {
				return -1;
			}
			long amount = Long.parseLong(text.substring(start, i));
			long unit;
			switch (text.charAt(i)) {
				case 's':
					unit = 1_000L;
					break;
				case 'm':
					unit = 60_000L;
					break;
				case 'h':
					unit = 3_600_000L;
					break;
				case 'd':
					unit = 86_400_000L;
					break;
				default:
					return -1;
			}
			i++;
			total += amount * unit;
		}
		return total;
	}

	private void enter(Token token) {
		this.depth++;
		if (this.depth > MAX_DEPTH) {
			stop(at(token, "alerting.expr.tooDeep").arg("max", MAX_DEPTH));
		}
	}

	private ExpressionProblem.Builder expectedOperand(Token token) {
		return at(token, "alerting.expr.expectedOperand").arg("token", token.text()).arg("column", token.start() + 1);
	}

	/** A token where an operator, a ")" or the end should be. */
	private ExpressionProblem.Builder unexpected(Token token) {
		if (token.is(Kind.OTHER)) {
			return at(token, "alerting.expr.badCharacter").arg("character", token.text()).arg("column", token.start() + 1);
		}
		if (token.is(Kind.UNCLOSED_STRING)) {
			return at(token, "alerting.expr.unclosedString").arg("column", token.start() + 1);
		}
		return expectedOperator(token);
	}

	private ExpressionProblem.Builder expectedOperator(Token token) {
		return at(token, "alerting.expr.expectedOperator").arg("token", token.text()).arg("column", token.start() + 1);
	}

	private static ExpressionProblem.Builder missingOperand(Token last, Token end) {
		return ExpressionProblem.at(end.start(), 0, "alerting.expr.missingOperand").arg("token", last.text());
	}

	private ExpressionProblem.Builder symbolOperator(Token token, String word) {
		return at(token, "alerting.expr.symbolOperator").arg("written", token.text())
			.arg("replacement", word)
			.arg("column", token.start() + 1);
	}

	private static boolean isWord(Token token, Set<String> words) {
		return token.is(Kind.WORD) && words.contains(token.text());
	}

	private static ExpressionProblem.Builder at(Token token, String code) {
		return ExpressionProblem.at(token.start(), token.end() - token.start(), code);
	}

	private void add(ExpressionProblem.Builder problem) {
		this.problems.add(problem.build());
	}

	private void stop(ExpressionProblem.Builder problem) {
		add(problem);
		throw new Stop();
	}

	private Token peek() {
		if (this.lookahead == null) {
			this.lookahead = this.tokenizer.next();
		}
		return this.lookahead;
	}

	private Token next() {
		Token token = peek();
		this.lookahead = null;
		this.previous = token;
		return token;
	}

	/** Ends parsing after a fault that leaves the rest unreadable. */
	private static final class Stop extends RuntimeException {

		Stop() {
			super(null, null, false, false);
		}

	}

}
