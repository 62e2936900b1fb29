package io.opsguard.monitoring.collect.jdbc;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.DeadlineWorkers;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Placeholders;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a database with SQL (protocol {@code jdbc}): one connection per collection, opened through
 * DriverManager with the driver's own connect and read timeouts and, over them, a hard deadline (a
 * connection that arrives after it is closed at once), read-only, closed at the end whatever
 * happens — no pool, so nothing can leak. Each distinct query of the template runs once with a query
 * timeout; its {@code ${parameter}}s are bound as statement parameters, never pasted into SQL. The
 * URL's placeholders are pasted, so their values may not carry URL syntax ({@code ? & ; / =}), which
 * would let a monitor switch on driver options.
 * <p>
 * {@code source: {connection: up}} and {@code {connection: time}} answer 1 and the time to connect
 * in milliseconds; {@code {query, column, instanceColumn}} read a column of every row.
 */
@Component
public class JdbcCollector implements Collector, DisposableBean {

	static final Set<String> COLLECT_KEYS = Set.of("url", "driverClass", "facts");

	static final Set<String> SOURCE_KEYS = Set.of("connection", "query", "column", "instanceColumn");

	/** Rows read from one query at most. */
	static final int MAX_ROWS = 10_000;

	private static final Pattern URL_VALUE = Pattern.compile("[\\p{L}\\p{N}._:\\[\\]-]+");

	private final DriverFolder drivers;

	private final DeadlineWorkers connecting = new DeadlineWorkers("jdbc-collector-connect");

	public JdbcCollector(@Value("${opsguard.data-dir}") String dataDir) {
		this.drivers = new DriverFolder(Path.of(dataDir).resolve("drivers").toAbsolutePath().normalize());
		this.drivers.refresh();
	}

	@Override
	public String protocol() {
		return "jdbc";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		Set<String> parameters = new java.util.HashSet<>();
		type.parameters().forEach(p -> parameters.add(p.key()));
		problems.unknownKeys("collect", type.collect(), COLLECT_KEYS);
		String url = type.collectText("url");
		if (url == null) {
			problems.add("collect.url", "required");
		}
		else if (!url.startsWith("jdbc:")) {
			problems.add("collect.url", "jdbcBadUrl", url);
		}
		Placeholders.check("collect.url", url, parameters, problems);
		Object facts = type.collect().get("facts");
		if (facts != null && !(facts instanceof Map)) {
			problems.add("collect.facts", "notAMapping");
		}
		else if (facts instanceof Map<?, ?> map) {
			map.forEach((name, query) -> Placeholders.check("collect.facts." + name, String.valueOf(query), parameters, problems));
		}
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			String path = "metrics[" + i + "].source";
			problems.unknownKeys(path, metric.source(), SOURCE_KEYS);
			String connection = metric.sourceText("connection");
			String query = metric.sourceText("query");
			if (connection != null) {
				if (!Set.of("up", "time").contains(connection)) {
					problems.add(path + ".connection", "notOneOf", connection, "up, time");
				}
				if (query != null) {
					problems.add(path + ".query", "jdbcQueryOrConnection");
				}
				continue;
			}
			if (query == null) {
				problems.add(path + ".query", "required");
				continue;
			}
			Placeholders.check(path + ".query", query, parameters, problems);
			if (metric.sourceText("column") == null) {
				problems.add(path + ".column", "required");
			}
			boolean rows = metric.sourceText("instanceColumn") != null;
			if (rows != (metric.instance() != null)) {
				problems.add(path + ".instanceColumn", rows ? "jdbcInstanceWithoutRow" : "required");
			}
		}
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		MonitorType type = request.type();
		long deadline = System.nanoTime() + request.timeout().toNanos();
		String url;
		try {
			url = Placeholders.replace(type.collectText("url"), key -> urlValue(request, key));
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		String target = redact(url);
		long started = System.nanoTime();
		Connection connection;
		try {
			connection = connect(url, properties(url, request), type.collectText("driverClass"), deadline);
		}
		catch (TimeoutException ex) {
			return down(type, Outcome.TIMEOUT, "no connection to " + target + " within " + request.timeout().toMillis() + " ms");
		}
		catch (SQLException ex) {
			return down(type, outcome(ex), target + ": " + message(ex));
		}
		catch (RuntimeException ex) {
			return down(type, Outcome.ERROR, target + ": " + NetworkFailures.rootMessage(ex));
		}
		double connectMillis = (System.nanoTime() - started) / 1_000_000d;
		try (connection) {
			return read(connection, request, deadline, connectMillis);
		}
		catch (SQLException ex) {
			return CollectionResult.failure(Outcome.ERROR, target + ": " + message(ex));
		}
	}

	/**
	 * A failure that still says the database is down when the template has an {@code up} metric
	 * (not for a configuration error: then nothing is known about the database).
	 */
	private static CollectionResult down(MonitorType type, Outcome outcome, String detail) {
		List<CollectedValue> values = new ArrayList<>();
		for (MetricDefinition metric : outcome == Outcome.CONFIG_ERROR ? List.<MetricDefinition>of() : type.collectedMetrics()) {
			if ("up".equals(metric.sourceText("connection"))) {
				values.add(CollectedValue.of(metric.name(), 0));
			}
		}
		return new CollectionResult(outcome, detail, values, Map.of(), Map.of());
	}

	private CollectionResult read(Connection connection, CollectionRequest request, long deadline, double connectMillis) {
		List<CollectedValue> values = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try {
			connection.setReadOnly(true);
		}
		catch (SQLException ex) {
			// a hint only; the templates' queries read catalogue views
		}
		Map<String, List<MetricDefinition>> queries = new LinkedHashMap<>();
		for (MetricDefinition metric : request.type().collectedMetrics()) {
			String kind = metric.sourceText("connection");
			if ("up".equals(kind)) {
				values.add(CollectedValue.of(metric.name(), 1));
			}
			else if ("time".equals(kind)) {
				values.add(CollectedValue.of(metric.name(), Math.round(connectMillis * 10) / 10d));
			}
			else {
				queries.computeIfAbsent(metric.sourceText("query"), q -> new ArrayList<>()).add(metric);
			}
		}
		int index = 0;
		for (Map.Entry<String, List<MetricDefinition>> query : queries.entrySet()) {
			index++;
			String names = String.join(", ", query.getValue().stream().map(MetricDefinition::name).toList());
			if (System.nanoTime() >= deadline) {
				problems.add("query " + index + " (" + names + "): not run, the collection's time was up");
				continue;
			}
			try {
				run(connection, query.getKey(), query.getValue(), request, deadline, values, problems);
			}
			catch (SQLException ex) {
				problems.add("query " + index + " (" + names + "): " + message(ex));
			}
		}
		Map<String, String> facts = new TreeMap<>();
		if (request.type().collect().get("facts") instanceof Map<?, ?> factQueries) {
			for (Map.Entry<?, ?> fact : factQueries.entrySet()) {
				try {
					String value = fact(connection, String.valueOf(fact.getValue()), request, deadline);
					if (value != null) {
						facts.put(String.valueOf(fact.getKey()), value);
					}
				}
				catch (SQLException ex) {
					problems.add("fact " + fact.getKey() + ": " + message(ex));
				}
			}
		}
		return new CollectionResult(problems.isEmpty() ? Outcome.SUCCESS : Outcome.PARTIAL,
				problems.isEmpty() ? null : String.join("; ", problems), values, facts, Map.of());
	}

	private static PreparedStatement prepare(Connection connection, String sql, CollectionRequest request, long deadline)
			throws SQLException {
		List<String> keys = new ArrayList<>();
		PreparedStatement statement = connection.prepareStatement(Placeholders.bindMarks(sql, keys));
		try {
			for (int i = 0; i < keys.size(); i++) {
				Object value = request.parameters().get(keys.get(i));
				if (value == null) {
					throw new SQLException("The parameter " + keys.get(i) + " is not set");
				}
				statement.setObject(i + 1, value instanceof List<?> ? String.join(",", request.list(keys.get(i))) : value);
			}
			statement.setQueryTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())));
			statement.setMaxRows(MAX_ROWS);
			return statement;
		}
		catch (SQLException | RuntimeException ex) {
			statement.close();
			throw ex;
		}
	}

	private static void run(Connection connection, String sql, List<MetricDefinition> metrics, CollectionRequest request,
			long deadline, List<CollectedValue> values, List<String> problems) throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, request, deadline);
				ResultSet rows = statement.executeQuery()) {
			Map<String, Integer> columns = columns(rows);
			List<String> missing = new ArrayList<>();
			for (MetricDefinition metric : metrics) {
				for (String key : List.of("column", "instanceColumn")) {
					String column = metric.sourceText(key);
					if (column != null && !columns.containsKey(column.toLowerCase(Locale.ROOT))) {
						missing.add(column);
					}
				}
			}
			if (!missing.isEmpty()) {
				problems.add("no column " + String.join(", ", missing) + " in " + abbreviate(sql));
			}
			while (rows.next()) {
				for (MetricDefinition metric : metrics) {
					Integer column = columns.get(metric.sourceText("column").toLowerCase(Locale.ROOT));
					String instanceColumn = metric.sourceText("instanceColumn");
					Integer instanceIndex = instanceColumn == null ? null : columns.get(instanceColumn.toLowerCase(Locale.ROOT));
					if (column == null || (instanceColumn != null && instanceIndex == null)) {
						continue;
					}
					Double value = number(rows.getObject(column));
					String instance = instanceIndex == null ? null : rows.getString(instanceIndex);
					if (value != null) {
						values.add(new CollectedValue(metric.name(), instance == null ? null : instance.strip(), value));
					}
				}
			}
		}
	}

	private static String fact(Connection connection, String sql, CollectionRequest request, long deadline)
			throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, request, deadline);
				ResultSet rows = statement.executeQuery()) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	private static Map<String, Integer> columns(ResultSet rows) throws SQLException {
		Map<String, Integer> columns = new java.util.HashMap<>();
		for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
			columns.putIfAbsent(rows.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), i);
		}
		return columns;
	}

	static Double number(Object value) {
		if (value instanceof Boolean flag) {
			return flag ? 1d : 0d;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.doubleValue();
		}
		if (value instanceof Number number) {
			double result = number.doubleValue();
			return Double.isFinite(result) ? result : null;
		}
		if (value != null) {
			try {
				double result = Double.parseDouble(value.toString().strip());
				return Double.isFinite(result) ? result : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private Connection connect(String url, Properties properties, String driverClass, long deadline)
			throws SQLException, TimeoutException {
		ensureDriver(url, driverClass);
		try {
			return this.connecting.call(() -> DriverManager.getConnection(url, properties), deadline,
					JdbcCollector::closeQuietly);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TimeoutException("interrupted");
		}
		catch (ExecutionException ex) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof SQLException sql) {
					throw sql;
				}
			}
			throw new SQLException(NetworkFailures.rootMessage(ex), ex);
		}
	}

	private void ensureDriver(String url, String driverClass) {
		try {
			DriverManager.getDriver(url);
		}
		catch (SQLException none) {
			this.drivers.refresh();
			if (driverClass != null) {
				this.drivers.load(driverClass);
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// abandoned after its deadline
		}
	}

	/** User, password and the driver's own connect and read timeouts, by the URL's sub-protocol. */
	static Properties properties(String url, CollectionRequest request) {
		Properties properties = new Properties();
		if (request.text("username") != null) {
			properties.setProperty("user", request.text("username"));
		}
		if (request.text("password") != null) {
			properties.setProperty("password", request.text("password"));
		}
		long millis = Math.max(1000, request.timeout().toMillis());
		String seconds = String.valueOf(Math.max(1, millis / 1000));
		String ms = String.valueOf(millis);
		if (url.startsWith("jdbc:postgresql:")) {
			properties.setProperty("connectTimeout", seconds);
			properties.setProperty("loginTimeout", seconds);
			properties.setProperty("socketTimeout", String.valueOf(Math.max(1, millis / 1000) + 5));
			properties.setProperty("ApplicationName", "OpsGuard monitoring");
		}
		else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
			properties.setProperty("connectTimeout", ms);
			properties.setProperty("socketTimeout", String.valueOf(millis + 5000));
		}
		else if (url.startsWith("jdbc:oracle:")) {
			properties.setProperty("oracle.net.CONNECT_TIMEOUT", ms);
			properties.setProperty("oracle.jdbc.ReadTimeout", String.valueOf(millis + 5000));
		}
		else if (url.startsWith("jdbc:dm:")) {
			properties.setProperty("connectTimeout", ms);
			properties.setProperty("socketTimeout", String.valueOf(millis + 5000));
		}
		return properties;
	}

	/** A parameter's value for the URL: no URL syntax that could add driver options. */
	private static String urlValue(CollectionRequest request, String key) {
		String value = request.text(key);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The parameter " + key + " is not set");
		}
		if (!URL_VALUE.matcher(value.strip()).matches()) {
			throw new IllegalArgumentException("The parameter " + key
					+ " may only hold letters, digits and . _ - : [ ] in a JDBC URL");
		}
		return value.strip();
	}

	/** The URL without anything after {@code ?} or {@code ;} (options may hold credentials). */
	static String redact(String url) {
		int end = url.length();
		for (char stop : new char[] { '?', ';' }) {
			int at = url.indexOf(stop, "jdbc:".length());
			if (at > 0 && at < end) {
				end = at;
			}
		}
		return url.substring(0, end);
	}

	/** The outcome a failed connection shows: credentials refused, network, missing driver, or other. */
	static Outcome outcome(SQLException failure) {
		String state = failure.getSQLState() == null ? "" : failure.getSQLState();
		String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
		int code = failure.getErrorCode();
		if (state.startsWith("28") || code == 1045 || code == 1017 || code == 28000 || code == -2501
				|| message.contains("password authentication failed") || message.contains("access denied")
				|| message.contains("用户名或密码错误")) {
			return Outcome.AUTH_FAILED;
		}
		Outcome network = NetworkFailures.outcome(failure);
		if (network != null) {
			return network;
		}
		if (failure instanceof SQLTimeoutException) {
			return Outcome.TIMEOUT;
		}
		if (message.contains("no suitable driver") || state.equals("3D000") || code == 1049) {
			return Outcome.CONFIG_ERROR;
		}
		if (state.startsWith("08")) {
			return Outcome.UNREACHABLE;
		}
		return Outcome.ERROR;
	}

	private String message(SQLException failure) {
		String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
		if (text.toLowerCase(Locale.ROOT).contains("no suitable driver")) {
			return "no JDBC driver for this URL; put the driver's jar into " + this.drivers.folder();
		}
		String first = text.lines().findFirst().orElse(text);
		String state = failure.getSQLState() == null ? "" : " [SQLState " + failure.getSQLState() + "]";
		String root = failure.getCause() == null ? "" : NetworkFailures.rootMessage(failure.getCause());
		return abbreviate(first + state + (first.contains(root) ? "" : " (" + root + ")"));
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

	@Override
	public void destroy() {
		this.connecting.close();
	}

}
