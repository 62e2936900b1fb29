package io.opsguard.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.OpsGuardApplication;
import io.opsguard.support.EmbeddedPostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs every benchmark of the project on H2 and on PostgreSQL and prints each figure as
 * {@code name [database]: value (target …)}. Started by {@code ./mvnw -Pbenchmark verify}; choose
 * with {@code -Dbenchmark.databases=h2} and {@code -Dbenchmark.only=identity}.
 */
public final class BenchmarkRunner {

	static final List<Benchmark> BENCHMARKS = List.of(new IdentityBenchmark(), new CmdbBenchmark(),
			new ServiceLevelBenchmark(), new ImportBenchmark(), new ServiceDeskBenchmark(),
			// monitoring (issue 10): the embedded metric store, -Dbenchmark.only=store; the collection
			// scheduler under 7,000 monitors, -Dbenchmark.only=scheduler
			new StoreBenchmark(), new SchedulerBenchmark(), new StoreComparisonBenchmark(),
			// alerting (issue 11): rule evaluation over 140,000 series, -Dbenchmark.only=alert-evaluation
			new AlertEvaluationBenchmark(),
			// alerting (issue 11): injected faults against Prometheus + Alertmanager and OpsGuard,
			// -Dbenchmark.only=alerting-quality
			new AlertingQualityBenchmark());

	private static final String ADMIN_PASSWORD = "Bench@Run2026!";

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		List<String> databases = Arrays.asList(System.getProperty("benchmark.databases", "h2,postgres").split(","));
		String only = System.getProperty("benchmark.only", "");
		List<String> lines = new ArrayList<>();
		boolean allMet = true;
		for (String database : databases) {
			try (ConfigurableApplicationContext application = start(database.trim())) {
				int port = ((WebServerApplicationContext) application).getWebServer().getPort();
				BenchmarkContext context = new BenchmarkContext(port, application, database.trim(), ADMIN_PASSWORD);
				for (Benchmark benchmark : BENCHMARKS) {
					if (!only.isBlank() && !Arrays.asList(only.split(",")).contains(benchmark.name())) {
						continue;
					}
					System.out.println("== " + benchmark.name() + " on " + database + " …");
					for (Figure figure : benchmark.run(context)) {
						String line = figure.line(database.trim());
						System.out.println(line);
						lines.add(line);
						allMet &= figure.met();
					}
				}
			}
		}
		System.out.println();
		System.out.println("== Summary");
		lines.forEach(System.out::println);
		System.out.println(allMet ? "All targets met." : "Some targets were NOT met (see above).");
		System.exit(0);
	}

	private static ConfigurableApplicationContext start(String database) throws Exception {
		Path dataDir = Files.createTempDirectory("opsguard-bench-");
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("opsguard.data-dir", dataDir.toString());
		properties.put("opsguard.identity.admin-password", ADMIN_PASSWORD);
		properties.put("logging.level.root", "warn");
		properties.put("logging.level.io.opsguard", "warn");
		properties.put("server.tomcat.threads.max", "100");
		SpringApplicationBuilder builder = new SpringApplicationBuilder(OpsGuardApplication.class);
		if (database.equals("postgres")) {
			properties.put("spring.datasource.url", EmbeddedPostgresServer.newDatabase());
			properties.put("spring.datasource.username", "postgres");
			properties.put("spring.datasource.password", "postgres");
			builder.profiles("postgres");
		}
		else if (!database.equals("h2")) {
			throw new IllegalArgumentException("unknown database " + database + " (h2 or postgres)");
		}
		// command-line arguments take precedence over application.yml
		return builder.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

}
