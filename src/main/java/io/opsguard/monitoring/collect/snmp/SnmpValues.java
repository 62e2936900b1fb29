package io.opsguard.monitoring.collect.snmp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * Turns what an agent answers into numbers and texts: integers, gauges, counters (Counter64 read
 * unsigned) and time ticks as they are; OCTET STRINGs by the first number in their text (several
 * vendors, Sangfor among them, answer "23" or "23%" as text); enumerations and words through a
 * template's {@code valueMap}.
 */
final class SnmpValues {

	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

	private static final double TWO_TO_64 = 18446744073709551616.0;

	private SnmpValues() {
	}

	/** A value that cannot be read as the template asks; the message names the value. */
	static final class NotANumber extends Exception {

		NotANumber(String message) {
			super(message, null, false, false);
		}

	}

	/** The value a source stores for a variable. */
	static double value(Variable variable, SnmpPlan.Source source) throws NotANumber {
		if (!source.valueMap().isEmpty()) {
			Double mapped = source.valueMap().get(text(variable).trim().toLowerCase(Locale.ROOT));
			if (mapped != null) {
				return mapped;
			}
			if (source.otherwise() != null) {
				return source.otherwise();
			}
		}
		return number(variable);
	}

	/** A variable as a number. */
	static double number(Variable variable) throws NotANumber {
		if (variable instanceof Counter64 counter) {
			long raw = counter.getValue();
			return raw >= 0 ? raw : raw + TWO_TO_64;
		}
		if (variable instanceof Integer32 || variable instanceof UnsignedInteger32) {
			return variable.toLong();
		}
		if (variable instanceof OctetString) {
			String text = text(variable);
			Matcher matcher = NUMBER.matcher(text);
			if (matcher.find()) {
				double value = Double.parseDouble(matcher.group());
				if (Double.isFinite(value)) {
					return value;
				}
			}
			throw new NotANumber("'" + abbreviate(text) + "' is not a number");
		}
		throw new NotANumber(variable.getSyntaxString() + " '" + abbreviate(variable.toString()) + "' is not a number");
	}

	/** A variable as text: OCTET STRINGs as UTF-8 where they are, other types as SNMP4J prints them. */
	static String text(Variable variable) {
		if (variable instanceof OctetString octets) {
			byte[] bytes = octets.getValue();
			int length = bytes.length;
			while (length > 0 && bytes[length - 1] == 0) {
				length--;
			}
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes, 0, length))
					.toString();
			}
			catch (CharacterCodingException ex) {
				return octets.toHexString();
			}
		}
		return variable.toString();
	}

	private static String abbreviate(String text) {
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}

}
