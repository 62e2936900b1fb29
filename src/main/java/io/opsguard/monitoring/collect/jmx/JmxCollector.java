package io.opsguard.monitoring.collect.jmx;

import java.io.IOException;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

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
import org.springframework.stereotype.Component;

/**
 * Reads Java middleware over JMX (protocol {@code jmx}): MBean attributes by ObjectName, composite
 * attributes by path ({@code HeapMemoryUsage.used}), patterns ({@code Catalina:type=ThreadPool,name=*})
 * giving one row per matching MBean, labelled by a key property ({@code instanceKey: name}).
 * <p>
 * JMXConnectorFactory has no timeout, so the whole collection (registry lookup, connection, reads)
 * runs on a worker thread the caller waits for until the request's deadline; the registry lookup's
 * sockets have connect and read timeouts ({@link TimeoutSocketFactory}) and RMI calls a response
 * timeout ({@code sun.rmi.transport.tcp.responseTimeout}, set when not configured), so a worker left
 * behind by a mute server ends too. The connection is closed after every collection.
 */
@Component
public class JmxCollector implements Collector, DisposableBean {

	static final Set<String> COLLECT_KEYS = Set.of("url", "facts");

	static final Set<String> SOURCE_KEYS = Set.of("objectName", "attribute", "instanceKey");

	/** Read timeout of RMI calls when the operator has not set one, in milliseconds. */
	static final String RMI_RESPONSE_TIMEOUT = "60000";

	static {
		if (System.getProperty("sun.rmi.transport.tcp.responseTimeout") == null) {
			System.setProperty("sun.rmi.transport.tcp.responseTimeout", RMI_RESPONSE_TIMEOUT);
		}
	}

	private final DeadlineWorkers workers = new DeadlineWorkers("jmx-collector");

	@Override
	public String protocol() {
		return "jmx";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		Set<String> parameters = new java.util.HashSet<>();
		type.parameters().forEach(p -> parameters.add(p.key()));
		problems.unknownKeys("collect", type.collect(), COLLECT_KEYS);
		String url = type.collectText("url");
		if (url == null && !parameters.contains("serviceUrl")) {
			problems.add("collect.url", "required");
		}
		else if (url != null && !url.startsWith("service:jmx:")) {
			problems.add("collect.url", "jmxBadUrl", url);
		}
		Placeholders.check("collect.url", url, parameters, problems);
		Object facts = type.collect().get("facts");
		if (facts != null && !(facts instanceof Map)) {
			problems.add("collect.facts", "notAMapping");
		}
		else if (facts instanceof Map<?, ?> map) {
			map.forEach((name, source) -> {
				String path = "collect.facts." + name;
				if (!(source instanceof Map<?, ?> fact)) {
					problems.add(path, "notAMapping");
					return;
				}
				objectName(path + ".objectName", fact.get("objectName"), parameters, problems);
				if (fact.get("attribute") == null) {
					problems.add(path + ".attribute", "required");
				}
			});
		}
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			String path = "metrics[" + i + "].source";
			problems.unknownKeys(path, metric.source(), SOURCE_KEYS);
			objectName(path + ".objectName", metric.source().get("objectName"), parameters, problems);
			if (metric.sourceText("attribute") == null) {
				problems.add(path + ".attribute", "required");
			}
			boolean rows = metric.sourceText("instanceKey") != null;
			if (rows && metric.instance() == null) {
				problems.add(path + ".instanceKey", "jmxInstanceWithoutRow");
			}
			if (!rows && metric.instance() != null) {
				problems.add(path + ".instanceKey", "required");
			}
		}
	}

	private static void objectName(String path, Object value, Set<String> parameters, TemplateProblems problems) {
		if (value == null) {
			problems.add(path, "required");
			return;
		}
		String text = value.toString();
		Placeholders.check(path, text, parameters, problems);
		try {
			new ObjectName(Placeholders.replace(text, key -> "x"));
		}
		catch (MalformedObjectNameException ex) {
			problems.add(path, "jmxBadObjectName", text, ex.getMessage());
		}
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		JMXServiceURL url;
		try {
			String serviceUrl = request.text("serviceUrl");
			url = new JMXServiceURL(serviceUrl != null && !serviceUrl.isBlank() ? serviceUrl.strip()
					: Placeholders.replace(request.type().collectText("url"), request::text));
		}
		catch (MalformedURLException | IllegalArgumentException | NullPointerException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "bad JMX service URL: " + ex.getMessage());
		}
		AtomicReference<JMXConnector> connector = new AtomicReference<>();
		try {
			return this.workers.call(() -> connectAndRead(url, request, connector),
					System.nanoTime() + request.timeout().toNanos(), late -> {
					});
		}
		catch (TimeoutException ex) {
			close(connector.getAndSet(null));
			return CollectionResult.failure(Outcome.TIMEOUT, url + " did not answer within " + request.timeout().toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close(connector.getAndSet(null));
			return CollectionResult.failure(Outcome.TIMEOUT, "interrupted");
		}
		catch (ExecutionException ex) {
			return CollectionResult.failure(Outcome.ERROR, url + ": " + NetworkFailures.rootMessage(ex));
		}
	}

	private CollectionResult connectAndRead(JMXServiceURL url, CollectionRequest request,
			AtomicReference<JMXConnector> holder) {
		Map<String, Object> environment = new HashMap<>();
		String username = request.text("username");
		if (username != null && !username.isBlank()) {
			String password = request.text("password");
			environment.put(JMXConnector.CREDENTIALS, new String[] { username, password == null ? "" : password });
		}
		environment.put("com.sun.jndi.rmi.factory.socket", new TimeoutSocketFactory(request.timeoutMillis()));
		environment.put("jmx.remote.x.client.connection.check.period", 0L);
		JMXConnector connector = null;
		try {
			connector = JMXConnectorFactory.connect(url, environment);
			holder.set(connector);
			MBeanServerConnection connection = connector.getMBeanServerConnection();
			return read(connection, request);
		}
		catch (SecurityException ex) {
			return CollectionResult.failure(Outcome.AUTH_FAILED, url + " refused the credentials"
					+ (username == null ? " (none were given)" : " of " + username) + ": " + ex.getMessage());
		}
		catch (IOException ex) {
			Outcome outcome = NetworkFailures.outcome(ex);
			if (outcome == null && ex.getCause() instanceof javax.naming.NameNotFoundException) {
				outcome = Outcome.CONFIG_ERROR;
			}
			return CollectionResult.failure(outcome == null ? Outcome.ERROR : outcome,
					url + ": " + NetworkFailures.rootMessage(ex));
		}
		catch (RuntimeException ex) {
			return CollectionResult.failure(Outcome.ERROR, url + ": " + NetworkFailures.rootMessage(ex));
		}
		finally {
			close(holder.getAndSet(null));
			if (connector != null) {
				close(connector);
			}
		}
	}

	private static CollectionResult read(MBeanServerConnection connection, CollectionRequest request) throws IOException {
		List<CollectedValue> values = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		Map<String, List<MetricDefinition>> byName = new LinkedHashMap<>();
		for (MetricDefinition metric : request.type().collectedMetrics()) {
			byName.computeIfAbsent(Placeholders.replace(metric.sourceText("objectName"), request::text),
					name -> new ArrayList<>()).add(metric);
		}
		for (Map.Entry<String, List<MetricDefinition>> entry : byName.entrySet()) {
			readMBeans(connection, entry.getKey(), entry.getValue(), values, problems);
		}
		Map<String, String> facts = new TreeMap<>();
		if (request.type().collect().get("facts") instanceof Map<?, ?> sources) {
			for (Map.Entry<?, ?> fact : sources.entrySet()) {
				if (fact.getValue() instanceof Map<?, ?> source) {
					try {
						ObjectName name = new ObjectName(Placeholders.replace(String.valueOf(source.get("objectName")), request::text));
						Set<ObjectName> names = name.isPattern() ? new TreeSet<>(connection.queryNames(name, null)) : Set.of(name);
						if (!names.isEmpty()) {
							Object value = attribute(connection.getAttribute(names.iterator().next(),
									topLevel(String.valueOf(source.get("attribute")))), String.valueOf(source.get("attribute")));
							if (value != null) {
								facts.put(String.valueOf(fact.getKey()), String.valueOf(value));
							}
						}
					}
					catch (JMException | RuntimeException ex) {
						// a fact that cannot be read is left out; facts describe, they are not measured
					}
				}
			}
		}
		Outcome outcome = values.isEmpty() ? Outcome.BAD_RESPONSE : problems.isEmpty() ? Outcome.SUCCESS : Outcome.PARTIAL;
		String detail = problems.isEmpty() ? (values.isEmpty() ? "no MBean attribute could be read" : null)
				: String.join("; ", problems);
		return new CollectionResult(outcome, detail, values, facts, Map.of());
	}

	private static void readMBeans(MBeanServerConnection connection, String objectName, List<MetricDefinition> metrics,
			List<CollectedValue> values, List<String> problems) throws IOException {
		ObjectName pattern;
		try {
			pattern = new ObjectName(objectName);
		}
		catch (MalformedObjectNameException ex) {
			problems.add(objectName + ": " + ex.getMessage());
			return;
		}
		Set<ObjectName> names = pattern.isPattern() ? new TreeSet<>(connection.queryNames(pattern, null)) : Set.of(pattern);
		if (names.isEmpty()) {
			problems.add("no MBean matches " + objectName);
			return;
		}
		String[] attributes = metrics.stream().map(m -> topLevel(m.sourceText("attribute"))).distinct().toArray(String[]::new);
		boolean first = true;
		for (ObjectName name : names) {
			AttributeList list;
			try {
				list = connection.getAttributes(name, attributes);
			}
			catch (InstanceNotFoundException ex) {
				problems.add("no MBean " + name);
				continue;
			}
			catch (JMException ex) {
				problems.add(name + ": " + ex.getMessage());
				continue;
			}
			Map<String, Object> read = new HashMap<>();
			for (Attribute attribute : list.asList()) {
				read.put(attribute.getName(), attribute.getValue());
			}
			for (MetricDefinition metric : metrics) {
				String instanceKey = metric.sourceText("instanceKey");
				if (instanceKey == null && !first) {
					continue;
				}
				String path = metric.sourceText("attribute");
				String instance = instanceKey == null ? null : keyProperty(name, instanceKey);
				if (instanceKey != null && instance == null) {
					continue;
				}
				if (!read.containsKey(topLevel(path))) {
					problems.add(name + ": no attribute " + topLevel(path));
					continue;
				}
				Double value = number(attribute(read.get(topLevel(path)), path));
				if (value == null) {
					problems.add(name + ": " + path + " is not a number");
					continue;
				}
				values.add(new CollectedValue(metric.name(), instance, value));
			}
			first = false;
		}
	}

	private static String keyProperty(ObjectName name, String key) {
		String value = name.getKeyProperty(key);
		if (value != null && value.startsWith("\"")) {
			try {
				return ObjectName.unquote(value);
			}
			catch (IllegalArgumentException ex) {
				return value;
			}
		}
		return value;
	}

	/** The attribute's name before the first dot: {@code HeapMemoryUsage} of {@code HeapMemoryUsage.used}. */
	static String topLevel(String path) {
		int dot = path.indexOf('.');
		return dot < 0 ? path : path.substring(0, dot);
	}

	/** Follows the path's items after the first dot through composite data. */
	static Object attribute(Object value, String path) {
		Object current = value;
		String[] steps = path.split("\\.");
		for (int i = 1; i < steps.length && current != null; i++) {
			if (current instanceof CompositeData composite && composite.containsKey(steps[i])) {
				current = composite.get(steps[i]);
			}
			else if (current instanceof Map<?, ?> map) {
				current = map.get(steps[i]);
			}
			else {
				return null;
			}
		}
		return current;
	}

	static Double number(Object value) {
		if (value instanceof Boolean flag) {
			return flag ? 1d : 0d;
		}
		if (value instanceof Number number) {
			double result = number.doubleValue();
			return Double.isFinite(result) ? result : null;
		}
		if (value instanceof String text) {
			try {
				double result = Double.parseDouble(text.strip());
				return Double.isFinite(result) ? result : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static void close(JMXConnector connector) {
		if (connector != null) {
			try {
				connector.close();
			}
			catch (IOException | RuntimeException ignored) {
				// the connection is abandoned either way
			}
		}
	}

	@Override
	public void destroy() {
		this.workers.close();
	}

}
