package io.opsguard.monitoring.collect.jmx;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JMX collector against an RMI connector server in-process (an RMI registry on a free port,
 * password-checked, over the platform MBean server with Tomcat-like MBeans registered under the
 * domain {@code OgTestCatalina}): {@code jvm-jmx} and {@code tomcat-jmx} read for real, wrong
 * password, closed port, and a port that accepts but never answers.
 */
class JmxCollectorIT {

	static final String DOMAIN = "OgTestCatalina";

	static final String USER = "monitorRole";

	static final String PASSWORD = "jmx-Pass-1";

	static Registry registry;

	static JMXConnectorServer server;

	static int port;

	static final List<ObjectName> registered = new ArrayList<>();

	final JmxCollector collector = new JmxCollector();

	/**
	 * An MBean with fixed attributes named as Tomcat's modeler MBeans name them (lower camel case,
	 * {@code currentThreadsBusy}), which standard MBeans' getters cannot do.
	 */
	record Attributes(Map<String, Object> values) implements DynamicMBean {

		@Override
		public Object getAttribute(String attribute) throws AttributeNotFoundException {
			if (!this.values.containsKey(attribute)) {
				throw new AttributeNotFoundException(attribute);
			}
			return this.values.get(attribute);
		}

		@Override
		public void setAttribute(Attribute attribute) {
			throw new UnsupportedOperationException();
		}

		@Override
		public AttributeList getAttributes(String[] attributes) {
			AttributeList list = new AttributeList();
			for (String name : attributes) {
				if (this.values.containsKey(name)) {
					list.add(new Attribute(name, this.values.get(name)));
				}
			}
			return list;
		}

		@Override
		public AttributeList setAttributes(AttributeList attributes) {
			return new AttributeList();
		}

		@Override
		public Object invoke(String action, Object[] params, String[] signature) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MBeanInfo getMBeanInfo() {
			MBeanAttributeInfo[] attributes = this.values.entrySet()
				.stream()
				.map(e -> new MBeanAttributeInfo(e.getKey(), e.getValue().getClass().getName(), e.getKey(), true, false,
						false))
				.toArray(MBeanAttributeInfo[]::new);
			return new MBeanInfo(Attributes.class.getName(), "test", attributes, null, null, null);
		}

	}

	@BeforeAll
	static void start() throws Exception {
		System.setProperty("java.rmi.server.hostname", "127.0.0.1");
		MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
		register(beans, Map.of("currentThreadsBusy", 7, "maxThreads", 200), DOMAIN + ":type=ThreadPool,name=\"http-nio-8080\"");
		register(beans, Map.of("currentThreadsBusy", 1, "maxThreads", 50), DOMAIN + ":type=ThreadPool,name=\"ajp-nio-8009\"");
		register(beans, Map.of("activeSessions", 12), DOMAIN + ":type=Manager,host=localhost,context=/portal");
		register(beans, Map.of("activeSessions", 0), DOMAIN + ":type=Manager,host=localhost,context=/");
		register(beans, Map.of("requestCount", 123456L, "errorCount", 17),
				DOMAIN + ":type=GlobalRequestProcessor,name=\"http-nio-8080\"");
		register(beans, Map.of("serverInfo", "Apache Tomcat/9.0.98"), DOMAIN + ":type=Server");
		port = freePort();
		registry = LocateRegistry.createRegistry(port);
		Map<String, Object> environment = new HashMap<>();
		environment.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
			if (credentials instanceof String[] pair && pair.length == 2 && USER.equals(pair[0])
					&& PASSWORD.equals(pair[1])) {
				return new Subject(true, java.util.Set.of(new JMXPrincipal(USER)), java.util.Set.of(),
						java.util.Set.of());
			}
			throw new SecurityException("Authentication failed! Invalid username or password");
		});
		server = JMXConnectorServerFactory.newJMXConnectorServer(
				new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"), environment, beans);
		server.start();
	}

	private static void register(MBeanServer beans, Map<String, Object> attributes, String name) throws Exception {
		ObjectName objectName = new ObjectName(name);
		beans.registerMBean(new Attributes(attributes), objectName);
		registered.add(objectName);
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.stop();
		}
		if (registry != null) {
			UnicastRemoteObject.unexportObject(registry, true);
		}
		for (ObjectName name : registered) {
			ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static MonitorType template(String id) throws IOException {
		try (InputStream in = JmxCollectorIT.class.getResourceAsStream("/monitoring/templates/" + id + ".yml")) {
			return MonitorTypeParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
		}
	}

	Map<String, Object> parameters(Object... more) {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "username", USER,
				"password", PASSWORD, "mbeanDomain", DOMAIN));
		for (int i = 0; i < more.length; i += 2) {
			parameters.put((String) more[i], more[i + 1]);
		}
		return parameters;
	}

	CollectionResult collect(String template, Map<String, Object> parameters, Duration timeout) throws IOException {
		try {
			return this.collector.collect(new CollectionRequest(template(template), parameters, timeout));
		}
		finally {
			this.collector.destroy();
		}
	}

	@Test
	void theJvmTemplateReadsThePlatformMBeans() throws IOException {
		CollectionResult result = collect("jvm-jmx", parameters(), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "jvm_heap_used", null)).isPositive()
			.isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
		assertThat(Probes.valueOf(result, "jvm_threads", null)).isGreaterThan(3);
		assertThat(Probes.valueOf(result, "jvm_classes_loaded", null)).isGreaterThan(1000);
		assertThat(Probes.valueOf(result, "uptime", null)).as("milliseconds, scaled by the scheduler").isPositive();
		List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList();
		assertThat(result.values()).filteredOn(v -> v.metric().equals("jvm_gc_count"))
			.extracting(CollectedValue::instance)
			.containsExactlyInAnyOrderElementsOf(collectors);
		assertThat(result.facts()).containsEntry("jvmVersion", System.getProperty("java.vm.version"));
	}

	@Test
	void theTomcatTemplateReadsOneRowPerMatchingMBean() throws IOException {
		CollectionResult result = collect("tomcat-jmx", parameters(), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "pool_busy_threads", "http-nio-8080")).isEqualTo(7);
		assertThat(Probes.valueOf(result, "pool_max_threads", "http-nio-8080")).isEqualTo(200);
		assertThat(Probes.valueOf(result, "pool_busy_threads", "ajp-nio-8009")).isEqualTo(1);
		assertThat(Probes.valueOf(result, "sessions_active", "/portal")).isEqualTo(12);
		assertThat(Probes.valueOf(result, "sessions_active", "/")).isZero();
		assertThat(Probes.valueOf(result, "requests", "http-nio-8080")).as("a raw counter").isEqualTo(123456);
		assertThat(Probes.valueOf(result, "request_errors", "http-nio-8080")).isEqualTo(17);
		assertThat(result.facts()).containsEntry("serverInfo", "Apache Tomcat/9.0.98");
	}

	@Test
	void mBeansThatAreNotThereMakeThePartialOutcomeNameThem() throws IOException {
		CollectionResult result = collect("tomcat-jmx", parameters("mbeanDomain", "NoSuchDomain"), Duration.ofSeconds(10));

		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(result.detail()).contains("no MBean matches NoSuchDomain:type=ThreadPool,name=*");
		assertThat(result.values()).anyMatch(v -> v.metric().equals("jvm_heap_used"));
	}

	@Test
	void aWrongPasswordIsAnAuthenticationFailure() throws IOException {
		CollectionResult result = collect("jvm-jmx", parameters("password", "wrong-pass"), Duration.ofSeconds(10));

		assertThat(result.outcome()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(result.detail()).contains(USER).contains("Invalid username or password").doesNotContain("wrong-pass");
	}

	@Test
	void aClosedPortIsRefusedQuickly() throws IOException {
		long start = System.nanoTime();
		CollectionResult result = collect("jvm-jmx", parameters("port", freePort()), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.REFUSED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aPortThatAcceptsButNeverAnswersTimesOutAtTheDeadline() throws Exception {
		try (ServerSocket mute = new ServerSocket(0)) {
			List<Socket> accepted = new ArrayList<>();
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						accepted.add(mute.accept());
					}
				}
				catch (IOException closed) {
					// the test ended
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			long start = System.nanoTime();

			CollectionResult result = collect("jvm-jmx", parameters("port", mute.getLocalPort()), Duration.ofMillis(1500));

			assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

	@Test
	void aMalformedServiceUrlIsAConfigurationError() throws IOException {
		CollectionResult result = collect("jvm-jmx", parameters("serviceUrl", "service:jmx:nonsense"), Duration.ofSeconds(5));

		assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(result.detail()).startsWith("bad JMX service URL");
	}

}
