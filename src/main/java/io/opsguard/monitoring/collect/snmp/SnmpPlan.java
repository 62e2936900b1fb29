package io.opsguard.monitoring.collect.snmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.snmp4j.smi.OID;

/**
 * What an SNMP monitor type reads, checked and ready to collect: scalars ({@code source: {oid: …}})
 * and tables ({@code collect.tables} with rows named by a column, filtered, and per metric
 * {@code source: {table: …, column: …}}). The format is described in
 * {@code docs/guide/17-monitor-templates.md}, section SNMP.
 */
final class SnmpPlan {

	static final Pattern OID_TEXT = Pattern.compile("[0-2](\\.(0|[1-9]\\d{0,9})){1,127}");

	private static final Set<String> COLLECT_KEYS = Set.of("tables");

	private static final Set<String> TABLE_KEYS = Set.of("index", "instanceFrom", "filter");

	private static final Set<String> FILTER_KEYS = Set.of("column", "equals", "in", "matches", "notMatches");

	private static final Set<String> SOURCE_KEYS = Set.of("oid", "oidParameter", "table", "column", "multiplyBy",
			"aggregate", "valueMap", "otherwise", "divideByParameter", "ignore");

	/** The parameters every SNMP template declares. */
	static final List<String> PARAMETERS = List.of("host", "port", "version", "community", "user", "securityLevel",
			"authProtocol", "authPassword", "privProtocol", "privPassword", "contextName", "retries");

	/** How a table metric's rows are folded into one value of the whole target. */
	enum Aggregate {

		AVG, SUM, MIN, MAX, COUNT

	}

	/** A table: its rows, what names them and which of them count. */
	record Table(String name, OID index, OID instanceFrom, List<Filter> filters) {

		/** The column whose rows define the table: {@code index}, else {@code instanceFrom}. */
		OID rowColumn() {
			return this.index != null ? this.index : this.instanceFrom;
		}

	}

	/** A condition on a column of a row; a row counts when all its table's filters hold. */
	record Filter(OID column, Set<String> values, Pattern matches, Pattern notMatches) {

		boolean test(String text) {
			if (text == null) {
				return false;
			}
			if (this.values != null && !this.values.contains(text.trim().toLowerCase(Locale.ROOT))) {
				return false;
			}
			if (this.matches != null && !this.matches.matcher(text).find()) {
				return false;
			}
			return this.notMatches == null || !this.notMatches.matcher(text).find();
		}

	}

	/**
	 * Where one metric comes from.
	 *
	 * @param valueMap text or number read → value stored (enumerations, words), keys lower case
	 * @param otherwise the value when {@code valueMap} has no entry, or null to read the value as a
	 * number
	 */
	record Source(String metric, OID oid, String oidParameter, String table, OID column, OID multiplyBy,
			Aggregate aggregate, Map<String, Double> valueMap, Double otherwise, String divideByParameter,
			double divisor, Set<String> ignore) {

		/** Whether a value read means "no reading" (65535 for an absent sensor, say). */
		boolean ignores(String text) {
			return this.ignore.contains(text.trim().toLowerCase(Locale.ROOT));
		}

		/** This source with its OID and divisor taken from the monitor's parameters. */
		Source resolved(OID resolvedOid, double resolvedDivisor) {
			return new Source(this.metric, resolvedOid, this.oidParameter, this.table, this.column, this.multiplyBy,
					this.aggregate, this.valueMap, this.otherwise, this.divideByParameter, resolvedDivisor, this.ignore);
		}

	}

	/** A parameter that cannot work for this plan: answered as {@code CONFIG_ERROR}. */
	static final class BadParameter extends RuntimeException {

		BadParameter(String message) {
			super(message, null, false, false);
		}

	}

	private final List<Source> scalars;

	private final Map<String, Table> tables;

	private final Map<String, List<Source>> tableSources;

	private SnmpPlan(List<Source> scalars, Map<String, Table> tables, Map<String, List<Source>> tableSources) {
		this.scalars = scalars;
		this.tables = tables;
		this.tableSources = tableSources;
	}

	/**
	 * The scalars to read for one monitor: OIDs named by a parameter ({@code oidParameter}) are
	 * taken from it (left out when the monitor leaves it empty), divisors likewise.
	 *
	 * @throws BadParameter when such a parameter is not an OID or not a positive number
	 */
	List<Source> scalars(java.util.function.Function<String, String> parameters) {
		List<Source> resolved = new ArrayList<>(this.scalars.size());
		for (Source source : this.scalars) {
			OID oid = source.oid();
			if (source.oidParameter() != null) {
				String text = parameters.apply(source.oidParameter());
				if (text == null || text.isBlank()) {
					continue;
				}
				text = text.trim().startsWith(".") ? text.trim().substring(1) : text.trim();
				if (!OID_TEXT.matcher(text).matches()) {
					throw new BadParameter("Parameter " + source.oidParameter() + " '" + text + "' is not an OID");
				}
				oid = new OID(text);
			}
			double divisor = 1;
			if (source.divideByParameter() != null) {
				String text = parameters.apply(source.divideByParameter());
				try {
					divisor = text == null || text.isBlank() ? 1 : Double.parseDouble(text.trim());
				}
				catch (NumberFormatException ex) {
					divisor = Double.NaN;
				}
				if (!(divisor > 0) || Double.isInfinite(divisor)) {
					throw new BadParameter("Parameter " + source.divideByParameter() + " '" + text
							+ "' is not a positive number");
				}
			}
			resolved.add(source.resolved(oid, divisor));
		}
		return resolved;
	}

	/** The tables some metric reads, with those metrics. */
	Map<Table, List<Source>> tablesRead() {
		Map<Table, List<Source>> read = new LinkedHashMap<>();
		this.tableSources.forEach((name, sources) -> {
			if (!sources.isEmpty()) {
				read.put(this.tables.get(name), sources);
			}
		});
		return read;
	}

	/** The columns of a table to walk: those that name, filter and measure its rows, each once. */
	List<OID> columns(Table table) {
		Set<OID> columns = new LinkedHashSet<>();
		if (table.rowColumn() != null) {
			columns.add(table.rowColumn());
		}
		if (table.instanceFrom() != null) {
			columns.add(table.instanceFrom());
		}
		table.filters().forEach(f -> columns.add(f.column()));
		for (Source source : this.tableSources.getOrDefault(table.name(), List.of())) {
			columns.add(source.column());
			if (source.multiplyBy() != null) {
				columns.add(source.multiplyBy());
			}
		}
		return List.copyOf(columns);
	}

	/** Reads and checks the SNMP parts of a type, reporting every fault. */
	static SnmpPlan of(MonitorType type, TemplateProblems problems) {
		problems.unknownKeys("collect", type.collect(), COLLECT_KEYS);
		if (type.parameter("host").isEmpty()) {
			problems.add("parameters", "snmpParameterMissing", "host");
		}
		Map<String, Table> tables = new LinkedHashMap<>();
		Object tablesValue = type.collect().get("tables");
		if (tablesValue != null && !(tablesValue instanceof Map)) {
			problems.add("collect.tables", "notAMapping");
		}
		else if (tablesValue instanceof Map<?, ?> declared) {
			declared.forEach((name, value) -> {
				Table table = table("collect.tables." + name, String.valueOf(name), value, problems);
				if (table != null) {
					tables.put(table.name(), table);
				}
			});
		}
		List<Source> scalars = new ArrayList<>();
		Map<String, List<Source>> tableSources = new LinkedHashMap<>();
		tables.keySet().forEach(name -> tableSources.put(name, new ArrayList<>()));
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			Source source = source("metrics[" + i + "]", type, metric, tables, problems);
			if (source == null) {
				continue;
			}
			if (source.table() == null) {
				scalars.add(source);
			}
			else {
				tableSources.get(source.table()).add(source);
			}
		}
		return new SnmpPlan(List.copyOf(scalars), tables, tableSources);
	}

	private static Table table(String path, String name, Object value, TemplateProblems problems) {
		if (!(value instanceof Map<?, ?> map)) {
			problems.add(path, "notAMapping");
			return null;
		}
		problems.unknownKeys(path, map, TABLE_KEYS);
		OID index = oid(path + ".index", map.get("index"), false, problems);
		OID instanceFrom = oid(path + ".instanceFrom", map.get("instanceFrom"), false, problems);
		if (map.get("index") == null && map.get("instanceFrom") == null) {
			problems.add(path + ".index", "required");
		}
		List<Filter> filters = new ArrayList<>();
		Object filterValue = map.get("filter");
		if (filterValue instanceof Map<?, ?>) {
			Filter filter = filter(path + ".filter", filterValue, problems);
			if (filter != null) {
				filters.add(filter);
			}
		}
		else if (filterValue instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				Filter filter = filter(path + ".filter[" + i + "]", list.get(i), problems);
				if (filter != null) {
					filters.add(filter);
				}
			}
		}
		else if (filterValue != null) {
			problems.add(path + ".filter", "notAMapping");
		}
		return new Table(name, index, instanceFrom, List.copyOf(filters));
	}

	private static Filter filter(String path, Object value, TemplateProblems problems) {
		if (!(value instanceof Map<?, ?> map)) {
			problems.add(path, "notAMapping");
			return null;
		}
		problems.unknownKeys(path, map, FILTER_KEYS);
		OID column = oid(path + ".column", map.get("column"), true, problems);
		Set<String> values = null;
		if (map.get("equals") != null && map.get("in") != null) {
			problems.add(path + ".in", "snmpFilterEqualsAndIn");
		}
		if (map.get("equals") != null) {
			values = Set.of(String.valueOf(map.get("equals")).trim().toLowerCase(Locale.ROOT));
		}
		else if (map.get("in") instanceof List<?> list && !list.isEmpty()) {
			values = new LinkedHashSet<>();
			for (Object item : list) {
				values.add(String.valueOf(item).trim().toLowerCase(Locale.ROOT));
			}
		}
		else if (map.get("in") != null) {
			problems.add(path + ".in", "notAList");
		}
		Pattern matches = pattern(path + ".matches", map.get("matches"), problems);
		Pattern notMatches = pattern(path + ".notMatches", map.get("notMatches"), problems);
		if (map.get("equals") == null && map.get("in") == null && map.get("matches") == null
				&& map.get("notMatches") == null) {
			problems.add(path, "snmpFilterEmpty");
		}
		return column == null ? null : new Filter(column, values, matches, notMatches);
	}

	private static Pattern pattern(String path, Object value, TemplateProblems problems) {
		if (value == null) {
			return null;
		}
		try {
			return Pattern.compile(String.valueOf(value));
		}
		catch (PatternSyntaxException ex) {
			problems.add(path, "snmpBadPattern", value, ex.getDescription());
			return null;
		}
	}

	private static Source source(String path, MonitorType type, MetricDefinition metric, Map<String, Table> tables,
			TemplateProblems problems) {
		Map<String, Object> source = metric.source();
		String at = path + ".source";
		problems.unknownKeys(at, source, SOURCE_KEYS);
		Object oidValue = source.get("oid");
		Object oidParameter = source.get("oidParameter");
		Object tableValue = source.get("table");
		int given = (oidValue == null ? 0 : 1) + (oidParameter == null ? 0 : 1) + (tableValue == null ? 0 : 1);
		if (given != 1) {
			problems.add(at, "snmpOidOrTable");
			return null;
		}
		String divideBy = source.get("divideByParameter") == null ? null : String.valueOf(source.get("divideByParameter"));
		for (Object parameter : java.util.Arrays.asList(oidParameter, divideBy)) {
			if (parameter != null && type.parameter(String.valueOf(parameter)).isEmpty()) {
				problems.add(at + (parameter == oidParameter ? ".oidParameter" : ".divideByParameter"),
						"unknownParameter", parameter);
			}
		}
		if (divideBy != null && tableValue != null) {
			problems.add(at + ".divideByParameter", "snmpOnlyForScalars");
		}
		Map<String, Double> valueMap = valueMap(at + ".valueMap", source.get("valueMap"), problems);
		Set<String> ignore = Set.of();
		if (source.get("ignore") instanceof List<?> list) {
			Set<String> values = new LinkedHashSet<>();
			list.forEach(item -> values.add(String.valueOf(item).trim().toLowerCase(Locale.ROOT)));
			ignore = Set.copyOf(values);
		}
		else if (source.get("ignore") != null) {
			problems.add(at + ".ignore", "notAList");
		}
		Double otherwise = null;
		if (source.get("otherwise") != null) {
			if (source.get("otherwise") instanceof Number number && Double.isFinite(number.doubleValue())) {
				otherwise = number.doubleValue();
			}
			else {
				problems.add(at + ".otherwise", "badValue", source.get("otherwise"));
			}
		}
		if (oidParameter != null) {
			for (String onlyTables : List.of("column", "multiplyBy", "aggregate")) {
				if (source.get(onlyTables) != null) {
					problems.add(at + "." + onlyTables, "snmpOnlyForTables");
				}
			}
			return new Source(metric.name(), null, String.valueOf(oidParameter), null, null, null, null, valueMap,
					otherwise, divideBy, 1, ignore);
		}
		if (oidValue != null) {
			for (String onlyTables : List.of("column", "multiplyBy", "aggregate")) {
				if (source.get(onlyTables) != null) {
					problems.add(at + "." + onlyTables, "snmpOnlyForTables");
				}
			}
			OID oid = oid(at + ".oid", oidValue, true, problems);
			return oid == null ? null
					: new Source(metric.name(), oid, null, null, null, null, null, valueMap, otherwise, divideBy, 1, ignore);
		}
		String tableName = String.valueOf(tableValue);
		if (!tables.containsKey(tableName)) {
			problems.add(at + ".table", "snmpUnknownTable", tableName,
					tables.isEmpty() ? "-" : String.join(", ", tables.keySet()));
		}
		OID column = oid(at + ".column", source.get("column"), true, problems);
		OID multiplyBy = oid(at + ".multiplyBy", source.get("multiplyBy"), false, problems);
		Aggregate aggregate = null;
		if (source.get("aggregate") != null) {
			try {
				aggregate = Aggregate.valueOf(String.valueOf(source.get("aggregate")).trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(at + ".aggregate", "notOneOf", source.get("aggregate"), "avg, sum, min, max, count");
			}
		}
		else if (metric.instance() == null) {
			problems.add(path + ".instance", "snmpInstanceLabel");
		}
		if (column == null || !tables.containsKey(tableName)) {
			return null;
		}
		return new Source(metric.name(), null, null, tableName, column, multiplyBy, aggregate, valueMap, otherwise, null,
				1, ignore);
	}

	private static Map<String, Double> valueMap(String path, Object value, TemplateProblems problems) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
			problems.add(path, "notAMapping");
			return Map.of();
		}
		Map<String, Double> values = new LinkedHashMap<>();
		map.forEach((key, mapped) -> {
			if (mapped instanceof Number number && Double.isFinite(number.doubleValue())) {
				values.put(String.valueOf(key).trim().toLowerCase(Locale.ROOT), number.doubleValue());
			}
			else {
				problems.add(path + "." + key, "badValue", mapped);
			}
		});
		return Map.copyOf(values);
	}

	private static OID oid(String path, Object value, boolean required, TemplateProblems problems) {
		if (value == null) {
			if (required) {
				problems.add(path, "required");
			}
			return null;
		}
		String text = String.valueOf(value).trim();
		if (text.startsWith(".")) {
			text = text.substring(1);
		}
		if (!OID_TEXT.matcher(text).matches()) {
			problems.add(path, "snmpBadOid", value);
			return null;
		}
		return new OID(text);
	}

}
