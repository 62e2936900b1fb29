package io.opsguard.monitoring.collect.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.HostNames;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.ProbeFields;
import io.opsguard.monitoring.collect.ProbeTargets;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.stereotype.Component;

/**
 * DNS lookup through the JDK's own DNS client (JNDI, {@code com.sun.jndi.dns.DnsContextFactory}; no
 * library needed): resolves {@code name} for {@code recordType} (A, AAAA, CNAME, MX, TXT, NS) at
 * {@code server}:{@code port}, or through the system's resolvers when no server is given, and
 * optionally compares the answers with {@code expected}.
 * <p>
 * Fields: {@code lookup_time} (milliseconds), {@code answers} (count), {@code up}. The outcome says
 * whether the server answered: no answer in time is TIMEOUT, a refusal REFUSED, a server failure
 * (SERVFAIL) BAD_RESPONSE. An answer is a SUCCESS; {@code up} is 1 when it has records and, with an
 * expected answer, one of them is it — an unknown name (NXDOMAIN) is a SUCCESS with {@code up} 0.
 * The answers are reported as the inventory {@code answers}.
 */
@Component
public class DnsCollector implements Collector {

	static final Set<String> FIELDS = Set.of("lookup_time", "answers", "up");

	static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "PTR");

	@Override
	public String protocol() {
		return "dns";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		ProbeFields.validate(type, FIELDS, List.of("name"), problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		String name = request.text("name") == null ? null : request.text("name").trim();
		if (name == null || !HostNames.isDnsName(name)) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "Not a DNS name: " + name);
		}
		String recordType = request.text("recordType") == null ? "A"
				: request.text("recordType").trim().toUpperCase(Locale.ROOT);
		if (!RECORD_TYPES.contains(recordType)) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR,
					"Record type must be one of " + String.join(", ", RECORD_TYPES.stream().sorted().toList()) + ", not "
							+ recordType);
		}
		String server = request.text("server") == null || request.text("server").isBlank() ? null
				: HostNames.unbracket(request.text("server").trim());
		if (server != null && !HostNames.isValid(server)) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "Not an IP address or host name: " + server);
		}
		int port;
		try {
			port = ProbeTargets.port(request, 53);
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		String expected = request.text("expected") == null || request.text("expected").isBlank() ? null
				: request.text("expected").trim();
		String where = server == null ? "the system resolver" : server + ":" + port;
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		environment.put(Context.PROVIDER_URL,
				server == null ? "dns:" : "dns://" + (HostNames.isIpv6(server) ? "[" + server + "]" : server) + ":" + port);
		environment.put("com.sun.jndi.dns.timeout.initial", Integer.toString(Math.max(100, request.timeoutMillis())));
		environment.put("com.sun.jndi.dns.timeout.retries", "1");
		long started = System.nanoTime();
		Map<String, Double> measured = new HashMap<>();
		List<String> answers = new ArrayList<>();
		try {
			DirContext context = new InitialDirContext(environment);
			try {
				Attributes attributes = context.getAttributes(name, new String[] { recordType });
				Attribute attribute = attributes.get(recordType);
				if (attribute != null) {
					NamingEnumeration<?> values = attribute.getAll();
					while (values.hasMore()) {
						answers.add(String.valueOf(values.next()));
					}
				}
			}
			finally {
				context.close();
			}
		}
		catch (NameNotFoundException ex) {
			measured.put("lookup_time", millisSince(started));
			measured.put("answers", 0.0);
			measured.put("up", 0.0);
			return new CollectionResult(Outcome.SUCCESS, name + " does not exist (NXDOMAIN) at " + where,
					ProbeFields.select(request.type(), measured), Map.of(), Map.of()).withInventory("answers", List.of());
		}
		catch (NamingException ex) {
			measured.put("up", 0.0);
			Outcome outcome = outcome(ex);
			String message = ex.getRootCause() != null ? ex.getRootCause().getMessage() : ex.getExplanation();
			String detail = switch (outcome) {
				case TIMEOUT -> "No answer from " + where + " in time for " + name + " " + recordType;
				case REFUSED -> where + " refused to answer " + name + " " + recordType;
				case UNREACHABLE -> "Cannot reach " + where + ": " + message;
				default -> where + " failed to answer " + name + " " + recordType + ": " + ex.getClass().getSimpleName()
						+ (message == null ? "" : ": " + message);
			};
			return new CollectionResult(outcome, detail, ProbeFields.select(request.type(), measured), Map.of(), Map.of());
		}
		measured.put("lookup_time", millisSince(started));
		measured.put("answers", (double) answers.size());
		boolean matched = expected == null || answers.stream().anyMatch(answer -> matches(answer, expected));
		measured.put("up", !answers.isEmpty() && matched ? 1.0 : 0.0);
		String detail = null;
		if (answers.isEmpty()) {
			detail = name + " has no " + recordType + " record at " + where;
		}
		else if (!matched) {
			detail = "Expected " + expected + " among the answers " + answers + " for " + name + " " + recordType;
		}
		return new CollectionResult(Outcome.SUCCESS, detail, ProbeFields.select(request.type(), measured), Map.of(),
				Map.of()).withInventory("answers", answers);
	}

	private static Outcome outcome(NamingException ex) {
		if (ex instanceof NoPermissionException) {
			return Outcome.REFUSED;
		}
		if (ex instanceof ServiceUnavailableException) {
			return Outcome.BAD_RESPONSE;
		}
		if (ex.getRootCause() != null) {
			Outcome network = NetworkFailures.outcome(ex.getRootCause());
			if (network != null) {
				return network;
			}
		}
		if (ex instanceof CommunicationException) {
			return Outcome.TIMEOUT;
		}
		return Outcome.BAD_RESPONSE;
	}

	/**
	 * Whether an answer is the expected one: equal ignoring case, a final dot and TXT quotes, or its
	 * last part is (the host of an MX {@code 10 mail.example.com.}).
	 */
	static boolean matches(String answer, String expected) {
		String want = normalize(expected);
		String have = normalize(answer);
		if (have.equals(want)) {
			return true;
		}
		int space = have.lastIndexOf(' ');
		return space >= 0 && have.substring(space + 1).equals(want);
	}

	private static String normalize(String text) {
		String trimmed = text.trim();
		if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		if (trimmed.endsWith(".")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.toLowerCase(Locale.ROOT);
	}

	private static double millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000.0;
	}

}
