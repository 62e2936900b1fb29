package io.opsguard.monitoring.collect.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.RetrievalEvent;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableListener;
import org.snmp4j.util.TableUtils;

import org.springframework.stereotype.Component;

/**
 * Collects over SNMP v1, v2c and v3 (protocol {@code snmp}): GETs the template's scalars (and the
 * system group's sysName, sysDescr, sysObjectID and sysLocation as facts) and walks its tables with
 * GETBULK (GETNEXT in v1), all through the one shared {@link SnmpSession}.
 * <p>
 * Outcomes: no answer (a wrong community is silently dropped by agents) is {@code TIMEOUT}; an
 * SNMPv3 report of an unknown user, a wrong digest, a decryption error or an unsupported
 * security level, or an {@code authorizationError}, is {@code AUTH_FAILED}; OIDs the agent does
 * not have give {@code PARTIAL} with those OIDs in the detail (or {@code CONFIG_ERROR} when it has
 * none of them: the wrong template for the device); answers that do not fit the request or values
 * that are not numbers are {@code BAD_RESPONSE}; a host name that does not resolve is
 * {@code UNREACHABLE}; parameters that cannot work are {@code CONFIG_ERROR}.
 */
@Component
class SnmpCollector implements Collector {

	static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");

	static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");

	static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");

	static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6.0");

	private static final Map<OID, String> FACTS = Map.of(SYS_DESCR, "sysDescr", SYS_OBJECT_ID, "sysObjectID",
			SYS_NAME, "sysName", SYS_LOCATION, "sysLocation");

	/** Variable bindings per GET: small enough for every agent's message size. */
	private static final int GET_CHUNK = 20;

	/** Rows per table at most: a guard against an agent that never ends a walk. */
	static final int MAX_ROWS = 20_000;

	private final SnmpSession session;

	SnmpCollector(SnmpSession session) {
		this.session = session;
	}

	@Override
	public String protocol() {
		return "snmp";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		SnmpPlan.of(type, problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		long deadline = System.nanoTime() + request.timeout().toNanos();
		SnmpSettings settings;
		try {
			settings = SnmpSettings.from(request);
		}
		catch (SnmpSettings.Invalid ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		TemplateProblems problems = new TemplateProblems();
		SnmpPlan plan = SnmpPlan.of(request.type(), problems);
		if (!problems.isEmpty()) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "The template's SNMP parts are invalid: " + problems.all());
		}
		List<SnmpPlan.Source> scalars;
		try {
			scalars = plan.scalars(request::text);
		}
		catch (SnmpPlan.BadParameter ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		UdpAddress address;
		try {
			address = new UdpAddress(InetAddress.getByName(settings.host()), settings.port());
		}
		catch (UnknownHostException ex) {
			return CollectionResult.failure(Outcome.UNREACHABLE, "Unknown host " + settings.host());
		}
		String where = settings.host() + ":" + settings.port();
		Target<UdpAddress> target;
		try {
			if (settings.v3()) {
				target = this.session.userTarget(address, settings, remainingMillis(deadline));
				if (target == null) {
					return CollectionResult.failure(Outcome.TIMEOUT, "No answer to the SNMPv3 engine discovery from "
							+ where + " within " + request.timeoutMillis() + " ms");
				}
			}
			else {
				target = this.session.communityTarget(address, settings);
			}
		}
		catch (RuntimeException ex) {
			return CollectionResult.failure(Outcome.ERROR, "SNMP " + settings.versionName() + " to " + where + ": " + ex);
		}
		return new Reading(settings, target, deadline, where, request.timeoutMillis()).run(plan, scalars);
	}

	private static long remainingMillis(long deadline) {
		return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
	}

	/** A failure that ends the collection. */
	static final class Failure extends Exception {

		private final Outcome outcome;

		Failure(Outcome outcome, String detail) {
			super(detail, null, false, false);
			this.outcome = outcome;
		}

		Outcome outcome() {
			return this.outcome;
		}

	}

	/** One collection's progress: what was read, what is missing, why it stopped. */
	private final class Reading {

		private final SnmpSettings settings;

		private final Target<UdpAddress> target;

		private final long deadline;

		private final String where;

		private final int timeoutMillis;

		private final long started = System.nanoTime();

		private final List<CollectedValue> values = new ArrayList<>();

		private final Map<String, String> facts = new LinkedHashMap<>();

		/** OID → why it could not be read (noSuchObject, no rows …). */
		private final Map<String, String> missing = new LinkedHashMap<>();

		/** OID → why its value is not usable. */
		private final Map<String, String> badValues = new LinkedHashMap<>();

		Reading(SnmpSettings settings, Target<UdpAddress> target, long deadline, String where, int timeoutMillis) {
			this.settings = settings;
			this.target = target;
			this.deadline = deadline;
			this.where = where;
			this.timeoutMillis = timeoutMillis;
		}

		CollectionResult run(SnmpPlan plan, List<SnmpPlan.Source> scalars) {
			try {
				scalars(scalars);
				for (Map.Entry<SnmpPlan.Table, List<SnmpPlan.Source>> table : plan.tablesRead().entrySet()) {
					table(plan, table.getKey(), table.getValue());
				}
			}
			catch (Failure failure) {
				if (this.values.isEmpty() || failure.outcome() == Outcome.AUTH_FAILED) {
					return CollectionResult.failure(failure.outcome(), failure.getMessage()).withFacts(this.facts);
				}
				return new CollectionResult(Outcome.PARTIAL, failure.getMessage() + problems(), this.values, this.facts,
						Map.of());
			}
			if (this.missing.isEmpty() && this.badValues.isEmpty()) {
				return CollectionResult.success(this.values).withFacts(this.facts);
			}
			if (this.values.isEmpty()) {
				Outcome outcome = this.badValues.isEmpty() ? Outcome.CONFIG_ERROR : Outcome.BAD_RESPONSE;
				String lead = this.badValues.isEmpty()
						? "The agent at " + this.where + " has none of the template's OIDs (a template for another device?)"
						: "The agent at " + this.where + " answered no usable value";
				return CollectionResult.failure(outcome, lead + problems()).withFacts(this.facts);
			}
			return new CollectionResult(Outcome.PARTIAL, problems().substring(2), this.values, this.facts, Map.of());
		}

		private String problems() {
			StringBuilder text = new StringBuilder();
			if (!this.missing.isEmpty()) {
				text.append("; missing OIDs: ");
				this.missing.forEach((oid, why) -> text.append(oid).append(" (").append(why).append("), "));
				text.setLength(text.length() - 2);
			}
			if (!this.badValues.isEmpty()) {
				text.append("; unusable values: ");
				this.badValues.forEach((oid, why) -> text.append(oid).append(" ").append(why).append(", "));
				text.setLength(text.length() - 2);
			}
			return text.length() > 900 ? text.substring(0, 897) + "..." : text.toString();
		}

		private void scalars(List<SnmpPlan.Source> sources) throws Failure {
			Set<OID> oids = new LinkedHashSet<>(FACTS.keySet());
			sources.forEach(s -> oids.add(s.oid()));
			Map<OID, Variable> answers = get(new ArrayList<>(oids));
			FACTS.forEach((oid, name) -> {
				Variable value = answers.get(oid);
				if (value != null && !value.isException()) {
					this.facts.put(name, SnmpValues.text(value));
				}
			});
			for (SnmpPlan.Source source : sources) {
				Variable value = answers.get(source.oid());
				if (value == null || value.isException()) {
					this.missing.put(source.oid().toDottedString(), value == null ? "noSuchName" : value.toString());
					continue;
				}
				if (source.ignores(SnmpValues.text(value))) {
					continue;
				}
				try {
					this.values.add(CollectedValue.of(source.metric(), SnmpValues.value(value, source) / source.divisor()));
				}
				catch (SnmpValues.NotANumber ex) {
					this.badValues.put(source.oid().toDottedString(), ex.getMessage());
				}
			}
		}

		/** GETs OIDs in chunks; an OID the agent lacks maps to its exception value or is left out (v1). */
		private Map<OID, Variable> get(List<OID> oids) throws Failure {
			Map<OID, Variable> answers = new HashMap<>();
			List<List<OID>> chunks = new ArrayList<>();
			for (int i = 0; i < oids.size(); i += GET_CHUNK) {
				chunks.add(new ArrayList<>(oids.subList(i, Math.min(oids.size(), i + GET_CHUNK))));
			}
			while (!chunks.isEmpty()) {
				List<OID> chunk = chunks.remove(0);
				if (chunk.isEmpty()) {
					continue;
				}
				PDU pdu = newPdu(PDU.GET);
				chunk.forEach(oid -> pdu.add(new VariableBinding(oid)));
				PDU response = send(pdu);
				int status = response.getErrorStatus();
				if (status == PDU.tooBig && chunk.size() > 1) {
					chunks.add(0, new ArrayList<>(chunk.subList(chunk.size() / 2, chunk.size())));
					chunks.add(0, new ArrayList<>(chunk.subList(0, chunk.size() / 2)));
					continue;
				}
				if (status == PDU.noSuchName && response.getErrorIndex() >= 1 && response.getErrorIndex() <= chunk.size()) {
					// SNMPv1 names one missing OID per answer: leave it out and ask for the rest again
					chunk.remove(response.getErrorIndex() - 1);
					chunks.add(0, chunk);
					continue;
				}
				if (status != PDU.noError) {
					throw errorStatus(response, chunk);
				}
				if (response.size() != chunk.size()) {
					throw new Failure(Outcome.BAD_RESPONSE, "The agent at " + this.where + " answered " + response.size()
							+ " variable bindings to a GET of " + chunk.size());
				}
				for (int i = 0; i < chunk.size(); i++) {
					VariableBinding binding = response.get(i);
					if (!chunk.get(i).equals(binding.getOid())) {
						throw new Failure(Outcome.BAD_RESPONSE, "The agent at " + this.where + " answered OID "
								+ binding.getOid() + " to a GET of " + chunk.get(i));
					}
					answers.put(chunk.get(i), binding.getVariable());
				}
			}
			return answers;
		}

		private PDU newPdu(int type) {
			PDU pdu;
			if (this.settings.v3()) {
				ScopedPDU scoped = new ScopedPDU();
				if (this.settings.contextName() != null) {
					scoped.setContextName(new OctetString(this.settings.contextName()));
				}
				pdu = scoped;
			}
			else {
				pdu = new PDU();
			}
			pdu.setType(type);
			return pdu;
		}

		private void timeoutPerTry() throws Failure {
			long remaining = remainingMillis(this.deadline);
			if (remaining <= 0) {
				throw timedOut();
			}
			this.target.setTimeout(Math.max(50, remaining / (this.settings.retries() + 1)));
		}

		private Failure timedOut() {
			String refused = this.settings.v3()
					? SnmpCollector.this.session.authenticationFailureSince(this.target.getAddress(), this.started) : null;
			if (refused != null) {
				return new Failure(Outcome.AUTH_FAILED, "The agent at " + this.where + " answered SNMPv3 user "
						+ this.settings.user() + " but " + refused);
			}
			return new Failure(Outcome.TIMEOUT, "No answer from " + this.where + " (SNMP " + this.settings.versionName()
					+ ") within " + this.timeoutMillis + " ms" + (this.settings.v3()
							? "; its engine answered the discovery, so the privacy password or protocol may be wrong" : ""));
		}

		private PDU send(PDU pdu) throws Failure {
			timeoutPerTry();
			ResponseEvent<UdpAddress> event;
			try {
				event = SnmpCollector.this.session.snmp().send(pdu, this.target);
			}
			catch (Exception ex) {
				throw exception(ex);
			}
			if (event == null) {
				throw timedOut();
			}
			if (event.getError() != null) {
				throw exception(event.getError());
			}
			PDU response = event.getResponse();
			if (response == null) {
				throw timedOut();
			}
			if (response.getType() == PDU.REPORT) {
				throw report(response);
			}
			return response;
		}

		private Failure exception(Exception ex) {
			String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			if (ex instanceof java.net.NoRouteToHostException || ex instanceof java.net.PortUnreachableException) {
				return new Failure(Outcome.UNREACHABLE, this.where + ": " + text);
			}
			if (ex instanceof java.io.IOException) {
				return new Failure(Outcome.UNREACHABLE, "Sending to " + this.where + " failed: " + text);
			}
			return new Failure(Outcome.ERROR, "SNMP " + this.settings.versionName() + " to " + this.where + ": " + text);
		}

		private Failure report(PDU report) {
			OID reported = report.size() == 0 ? null : report.get(0).getOid();
			String what = SnmpReports.describe(reported);
			if (SnmpReports.isAuthenticationFailure(reported)) {
				return new Failure(Outcome.AUTH_FAILED, "The agent at " + this.where + " refused SNMPv3 user "
						+ this.settings.user() + ": " + what);
			}
			return new Failure(Outcome.BAD_RESPONSE, "The agent at " + this.where + " answered with a report: " + what);
		}

		private Failure errorStatus(PDU response, List<OID> asked) {
			int index = response.getErrorIndex();
			String oid = index >= 1 && index <= asked.size() ? " for OID " + asked.get(index - 1) : "";
			String text = "The agent at " + this.where + " answered " + response.getErrorStatusText() + " ("
					+ response.getErrorStatus() + ")" + oid;
			return switch (response.getErrorStatus()) {
				case PDU.authorizationError, PDU.noAccess -> new Failure(Outcome.AUTH_FAILED, text);
				case PDU.tooBig -> new Failure(Outcome.BAD_RESPONSE, text);
				default -> new Failure(Outcome.ERROR, text);
			};
		}

		private void table(SnmpPlan plan, SnmpPlan.Table table, List<SnmpPlan.Source> sources) throws Failure {
			List<OID> columns = plan.columns(table);
			List<TableEvent> rows = walk(columns);
			Map<OID, Integer> position = new HashMap<>();
			for (int i = 0; i < columns.size(); i++) {
				position.put(columns.get(i), i);
			}
			Map<String, Integer> names = new HashMap<>();
			Map<SnmpPlan.Source, List<Double>> aggregates = new LinkedHashMap<>();
			Set<SnmpPlan.Source> seen = new LinkedHashSet<>();
			int counted = 0;
			for (TableEvent row : rows) {
				VariableBinding[] cells = row.getColumns();
				if (cells == null || cell(cells, position, table.rowColumn()) == null) {
					continue;
				}
				boolean passes = true;
				for (SnmpPlan.Filter filter : table.filters()) {
					Variable value = cell(cells, position, filter.column());
					passes &= filter.test(value == null ? null : SnmpValues.text(value));
				}
				if (!passes) {
					continue;
				}
				counted++;
				String instance = instance(table, cells, position, row.getIndex(), names);
				for (SnmpPlan.Source source : sources) {
					Variable value = cell(cells, position, source.column());
					if (value == null) {
						continue;
					}
					seen.add(source);
					if (source.ignores(SnmpValues.text(value))) {
						continue;
					}
					try {
						double number = SnmpValues.value(value, source);
						if (source.multiplyBy() != null) {
							Variable factor = cell(cells, position, source.multiplyBy());
							if (factor == null) {
								continue;
							}
							number *= SnmpValues.number(factor);
						}
						if (source.aggregate() != null) {
							aggregates.computeIfAbsent(source, s -> new ArrayList<>()).add(number);
						}
						else {
							this.values.add(new CollectedValue(source.metric(), instance, number));
						}
					}
					catch (SnmpValues.NotANumber ex) {
						this.badValues.putIfAbsent(source.column().toDottedString(), ex.getMessage());
					}
				}
			}
			for (SnmpPlan.Source source : sources) {
				if (source.aggregate() == SnmpPlan.Aggregate.COUNT) {
					this.values.add(CollectedValue.of(source.metric(), aggregates.getOrDefault(source, List.of()).size()));
				}
				else if (aggregates.containsKey(source)) {
					this.values.add(CollectedValue.of(source.metric(), aggregate(source.aggregate(), aggregates.get(source))));
				}
				else if (!seen.contains(source)) {
					this.missing.put(source.column().toDottedString(), counted == 0
							? "table " + table.name() + " has no rows" : "no row of table " + table.name() + " has it");
				}
			}
		}

		private double aggregate(SnmpPlan.Aggregate aggregate, List<Double> numbers) {
			return switch (aggregate) {
				case AVG -> numbers.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
				case SUM -> numbers.stream().mapToDouble(Double::doubleValue).sum();
				case MIN -> numbers.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
				case MAX -> numbers.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
				case COUNT -> numbers.size();
			};
		}

		private static Variable cell(VariableBinding[] cells, Map<OID, Integer> position, OID column) {
			if (column == null) {
				return null;
			}
			Integer at = position.get(column);
			if (at == null || at >= cells.length || cells[at] == null) {
				return null;
			}
			Variable value = cells[at].getVariable();
			return value == null || value.isException() ? null : value;
		}

		private static String instance(SnmpPlan.Table table, VariableBinding[] cells, Map<OID, Integer> position,
				OID index, Map<String, Integer> names) {
			Variable named = cell(cells, position, table.instanceFrom());
			String name = named == null ? null : SnmpValues.text(named).trim();
			if (name == null || name.isEmpty()) {
				name = index.toDottedString();
			}
			int uses = names.merge(name, 1, Integer::sum);
			return uses == 1 ? name : name + " (" + index.toDottedString() + ")";
		}

		private List<TableEvent> walk(List<OID> columns) throws Failure {
			timeoutPerTry();
			TableUtils utils = new TableUtils(SnmpCollector.this.session.snmp(),
					new PduFactory());
			utils.setMaxNumRowsPerPDU(10);
			utils.setMaxNumColumnsPerPDU(columns.size());
			utils.setRowLimit(MAX_ROWS);
			Rows rows = new Rows();
			utils.getTable(this.target, columns.toArray(new OID[0]), rows, null, null, null);
			List<TableEvent> events = rows.await(remainingMillis(this.deadline));
			if (events == null) {
				throw timedOut();
			}
			List<TableEvent> good = new ArrayList<>(events.size());
			for (TableEvent event : events) {
				if (!event.isError()) {
					good.add(event);
					continue;
				}
				switch (event.getStatus()) {
					case RetrievalEvent.STATUS_TIMEOUT -> throw timedOut();
					case RetrievalEvent.STATUS_REPORT -> throw report(event.getReportPDU());
					case RetrievalEvent.STATUS_WRONG_ORDER -> throw new Failure(Outcome.BAD_RESPONSE,
							"The agent at " + this.where + " answered a table walk out of order (" + columns + ")");
					case RetrievalEvent.STATUS_ROW_LIMIT_REACHED -> {
						// keep the rows read
					}
					case RetrievalEvent.STATUS_EXCEPTION -> throw exception(event.getException());
					default -> throw new Failure(Outcome.ERROR, "Walking " + columns + " at " + this.where + ": "
							+ event.getErrorMessage());
				}
			}
			return good;
		}

		/** GETBULK for v2c and v3, GETNEXT for v1, with the context name for v3. */
		private final class PduFactory extends DefaultPDUFactory {

			PduFactory() {
				super(Reading.this.settings.version() == org.snmp4j.mp.SnmpConstants.version1 ? PDU.GETNEXT
						: PDU.GETBULK);
				if (Reading.this.settings.contextName() != null) {
					setContextName(new OctetString(Reading.this.settings.contextName()));
				}
			}

		}

	}

	/** Collects a walk's rows and wakes the collecting thread when it ends. */
	private static final class Rows implements TableListener {

		private final List<TableEvent> events = new ArrayList<>();

		private boolean finished;

		@Override
		public synchronized boolean next(TableEvent event) {
			this.events.add(event);
			return !this.finished;
		}

		@Override
		public synchronized void finished(TableEvent event) {
			if (event != null && (event.isError() || event.getColumns() != null)) {
				this.events.add(event);
			}
			this.finished = true;
			notifyAll();
		}

		@Override
		public synchronized boolean isFinished() {
			return this.finished;
		}

		/** The rows, or null when the walk did not finish in time (it is then told to stop). */
		synchronized List<TableEvent> await(long millis) {
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
			while (!this.finished) {
				long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
				if (left <= 0) {
					this.finished = true;
					return null;
				}
				try {
					wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.finished = true;
					return null;
				}
			}
			return new ArrayList<>(this.events);
		}

	}

}
