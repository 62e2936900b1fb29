package io.opsguard.alerting.expr;

/**
 * Cuts an expression into tokens on demand. It never fails: what it cannot read becomes an
 * {@link Kind#OTHER} or {@link Kind#UNCLOSED_STRING} token for the parser to explain.
 */
final class Tokenizer {

	enum Kind {

		NUMBER, NUMBER_WITH_UNIT, IDENT, WORD, STRING, UNCLOSED_STRING,
		LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA,
		PLUS, MINUS, STAR, SLASH, GT, GE, LT, LE, EQ, ASSIGN, NE, LTGT, BANG, AMP, PIPE, PERCENT,
		OTHER, EOF

	}

	/** A token: its kind, where it is ({@code [start, end)}), its text and, for strings, the value without quotes. */
	record Token(Kind kind, int start, int end, String text, String value) {

		boolean is(Kind expected) {
			return this.kind == expected;
		}

		/** An identifier equal to the keyword, in any case ({@code and}, {@code AND}). */
		boolean isKeyword(String keyword) {
			return this.kind == Kind.IDENT && this.text.equalsIgnoreCase(keyword);
		}

	}

	private final String text;

	private int position;

	Tokenizer(String text) {
		this.text = text;
	}

	int position() {
		return this.position;
	}

	/** Moves on to {@code index} (used after reading a window's raw text). */
	void moveTo(int index) {
		this.position = index;
	}

	static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	Token next() {
		while (this.position < this.text.length() && isSpace(this.text.charAt(this.position))) {
			this.position++;
		}
		int start = this.position;
		if (start >= this.text.length()) {
			return new Token(Kind.EOF, start, start, "", null);
		}
		char c = this.text.charAt(start);
		if (isDigit(c) || (c == '.' && start + 1 < this.text.length() && isDigit(this.text.charAt(start + 1)))) {
			return number(start);
		}
		if (isIdentifierStart(c)) {
			int end = start + 1;
			while (end < this.text.length() && isIdentifierPart(this.text.charAt(end))) {
				end++;
			}
			return token(Kind.IDENT, start, end);
		}
		if (Character.isLetter(c)) {
			int end = start + 1;
			while (end < this.text.length()
					&& (Character.isLetterOrDigit(this.text.charAt(end)) || this.text.charAt(end) == '_')) {
				end++;
			}
			return token(Kind.WORD, start, end);
		}
		if (c == '"' || c == '\'') {
			return string(start, c);
		}
		String two = (start + 1 < this.text.length()) ? this.text.substring(start, start + 2) : "";
		switch (two) {
			case ">=":
				return token(Kind.GE, start, start + 2);
			case "<=":
				return token(Kind.LE, start, start + 2);
			case "==":
				return token(Kind.EQ, start, start + 2);
			case "!=":
				return token(Kind.NE, start, start + 2);
			case "<>":
				return token(Kind.LTGT, start, start + 2);
			case "&&":
				return token(Kind.AMP, start, start + 2);
			case "||":
				return token(Kind.PIPE, start, start + 2);
			default:
				break;
		}
		Kind single = single(c);
		if (single != null) {
			return token(single, start, start + 1);
		}
		return token(Kind.OTHER, start, start + Character.charCount(this.text.codePointAt(start)));
	}

	private static Kind single(char c) {
		switch (c) {
			case '(':
				return Kind.LPAREN;
			case ')':
				return Kind.RPAREN;
			case '[':
				return Kind.LBRACKET;
			case ']':
				return Kind.RBRACKET;
			case '{':
				return Kind.LBRACE;
			case '}':
				return Kind.RBRACE;
			case ',':
				return Kind.COMMA;
			case '+':
				return Kind.PLUS;
			case '-':
				return Kind.MINUS;
			case '*':
				return Kind.STAR;
			case '/':
				return Kind.SLASH;
			case '>':
				return Kind.GT;
			case '<':
				return Kind.LT;
			case '=':
				return Kind.ASSIGN;
			case '!':
				return Kind.BANG;
			case '&':
				return Kind.AMP;
			case '|':
				return Kind.PIPE;
			case '%':
				return Kind.PERCENT;
			default:
				return null;
		}
	}

	/** Digits, a fraction, an exponent; letters right after it (5m, 10abc) make a number with a unit. */
	private Token number(int start) {
		int end = digits(start);
		if (end < this.text.length() && this.text.charAt(end) == '.') {
			end = digits(end + 1);
		}
		if (end < this.text.length() && (this.text.charAt(end) == 'e' || this.text.charAt(end) == 'E')) {
			int exponent = end + 1;
			if (exponent < this.text.length() && (this.text.charAt(exponent) == '+' || this.text.charAt(exponent) == '-')) {
				exponent++;
			}
			if (exponent < this.text.length() && isDigit(this.text.charAt(exponent))) {
				end = digits(exponent);
			}
		}
		if (end < this.text.length() && (isIdentifierPart(this.text.charAt(end)) || Character.isLetter(this.text.charAt(end)))) {
			while (end < this.text.length()
					&& (isIdentifierPart(this.text.charAt(end)) || Character.isLetter(this.text.charAt(end)))) {
				end++;
			}
			return token(Kind.NUMBER_WITH_UNIT, start, end);
		}
		return token(Kind.NUMBER, start, end);
	}

	private int digits(int from) {
		int end = from;
		while (end < this.text.length() && isDigit(this.text.charAt(end))) {
			end++;
		}
		return end;
	}

	private Token string(int start, char quote) {
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == quote) {
				this.position = i + 1;
				return new Token(Kind.STRING, start, i + 1, this.text.substring(start, i + 1), value.toString());
			}
			if (c == '\\' && i + 1 < this.text.length()) {
				i++;
				c = this.text.charAt(i);
			}
			value.append(c);
			i++;
		}
		return token(Kind.UNCLOSED_STRING, start, this.text.length());
	}

	private Token token(Kind kind, int start, int end) {
		this.position = end;
		return new Token(kind, start, end, this.text.substring(start, end), null);
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c);
	}

}
