package io.opsguard.benchmark.alerting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.support.SystemPeers;

/**
 * One fault-injection run in real time: generates the {@link FaultPlan}, serves its gauges
 * ({@link SimulatedMetrics}), starts every product (Prometheus + Alertmanager where installed, and
 * OpsGuard when given) with the same {@link NotificationSink}, feeds them the same timeline at once
 * (pushing every step to those that push), waits until the last fault's deadline has passed, stops
 * them and scores each with {@link AlertQualityScore}, printing one table. The plan, each product's
 * notifications and scores are written to the output directory for inspection.
 * <p>
 * {@link #main} runs it without OpsGuard (the Prometheus side alone), e.g. for a short trial:
 * {@code -Dbenchmark.alerting.resources=300 -Dbenchmark.alerting.seconds=180};
 * {@code -Dbenchmark.alerting.reference=true} adds the ideal {@link ReferenceAlerting}, which must
 * score 0 % missed, false and duplicate (a check that the harness measures what it should).
 */
public final class AlertingQualityRun {

	/** What OpsGuard's column says until the lead plugs its engine in. */
	public static final String NOT_RUN = "not run";

	/**
	 * How to run.
	 *
	 * @param plan the plan's settings (its origin is set at the run's start)
	 * @param leadIn from the run's start to the plan's origin, for the products to start
	 * @param score how notifications are matched
	 * @param groupBy Alertmanager's group_by
	 * @param output where the plan, the notifications and the scores are written
	 * @param reference whether the ideal {@link ReferenceAlerting} runs too (a check of the harness)
	 */
	public record Settings(FaultPlan.Settings plan, Duration leadIn, AlertQualityScore.Settings score, List<String> groupBy,
			Path output, boolean reference) {

		/**
		 * From system properties: {@code benchmark.alerting.resources} (2,500),
		 * {@code benchmark.alerting.seconds} (480), {@code benchmark.alerting.seed},
		 * {@code benchmark.alerting.lead-in-seconds} (30), {@code benchmark.alerting.group-by}
		 * (resource), {@code benchmark.alerting.output} (target/alerting-quality),
		 * {@code benchmark.alerting.reference} (false).
		 */
		public static Settings fromSystemProperties() {
			FaultPlan.Settings plan = FaultPlan.Settings.defaults(Instant.EPOCH)
				.withResources(Integer.getInteger("benchmark.alerting.resources", 2_500))
				.withDuration(Duration.ofSeconds(Integer.getInteger("benchmark.alerting.seconds", 480)))
				.withSeed(Long.getLong("benchmark.alerting.seed", 20261107L));
			return new Settings(plan, Duration.ofSeconds(Integer.getInteger("benchmark.alerting.lead-in-seconds", 30)),
					AlertQualityScore.Settings.defaults(),
					List.of(System.getProperty("benchmark.alerting.group-by", "resource").split(",")),
					Path.of(System.getProperty("benchmark.alerting.output", "target/alerting-quality")),
					Boolean.getBoolean("benchmark.alerting.reference"));
		}

	}

	/**
	 * What a run found.
	 *
	 * @param plan the plan it ran
	 * @param results each product's score by name; a product that did not run maps to null
	 * @param notes what was skipped or went wrong, already printed
	 */
	public record Outcome(FaultPlan plan, Map<String, AlertQualityScore.Result> results, List<String> notes) {
	}

	private AlertingQualityRun() {
	}

	public static void main(String[] args) throws Exception {
		Outcome outcome = run(Settings.fromSystemProperties(), null, System.out);
		System.exit(outcome.results().values().stream().anyMatch(r -> r != null) ? 0 : 1);
	}

	/**
	 * Runs the plan against Prometheus + Alertmanager (where installed; required when
	 * {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}) and against {@code opsGuard} when not null.
	 * Products that are pushed to start first, however long they take (OpsGuard seeds its CMDB);
	 * then the plan's origin is fixed a lead-in later, the gauges are served and the products that
	 * scrape them start.
	 */
	public static Outcome run(Settings settings, AlertingUnderTest opsGuard, PrintStream out) throws Exception {
		List<String> notes = new ArrayList<>();
		Duration evaluation = opsGuard != null ? opsGuard.evaluationInterval() : Duration.ofSeconds(10);
		FaultPlan plan = FaultPlan.generate(new FaultPlan.Settings(settings.plan().seed(), settings.plan().resources(),
				settings.plan().duration(), settings.plan().step(), Instant.now().plus(settings.leadIn())));
		out.printf(Locale.ROOT, "alerting quality: %,d resources over %d s, %,d fault events %s, %,d notifications expected%n",
				plan.resources().size(), plan.duration().toSeconds(), plan.faultEvents(), plan.countsByKind(),
				plan.expectedNotifications());
		boolean prometheusInstalled = PrometheusAlertmanagerSide.installed();
		if (!prometheusInstalled) {
			String note = "prometheus + alertmanager: not installed (/usr/bin/prometheus, /usr/bin/prometheus-alertmanager), " + NOT_RUN;
			if (SystemPeers.required()) {
				throw new IllegalStateException("OPSGUARD_REQUIRE_SYSTEM_PEERS is set but " + note);
			}
			notes.add(note);
			out.println(note);
		}
		Map<String, AlertingUnderTest> products = new LinkedHashMap<>();
		Map<String, AlertQualityScore.Result> results = new LinkedHashMap<>();
		results.put("prometheus", null);
		results.put(opsGuard != null ? opsGuard.name() : "opsguard", null);
		if (opsGuard != null) {
			products.put(opsGuard.name(), opsGuard);
		}
		else {
			notes.add("opsguard: the OpsGuard alerting engine is not plugged in yet, " + NOT_RUN);
			out.println(notes.get(notes.size() - 1));
		}
		if (settings.reference()) {
			products.put("reference", new ReferenceAlerting());
			results.put("reference", null);
		}
		if (products.isEmpty() && !prometheusInstalled) {
			return new Outcome(plan, results, notes);
		}
		List<AlertingUnderTest> started = new ArrayList<>();
		ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
		Map<String, ExecutorService> pushers = new LinkedHashMap<>();
		AtomicLong worstPushLag = new AtomicLong();
		try (NotificationSink sink = NotificationSink.start()) {
			SimulatedMetrics metrics = null;
			try {
				for (AlertingUnderTest product : products.values()) {
					start(product, plan, sink, started, out);
				}
				plan = plan.withOrigin(Instant.now().plus(settings.leadIn()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
				metrics = new SimulatedMetrics(plan);
				URI metricsUrl = metrics.serve();
				if (prometheusInstalled) {
					AlertingUnderTest prometheus = new PrometheusAlertmanagerSide(metricsUrl, evaluation, settings.groupBy());
					products.put(prometheus.name(), prometheus);
					start(prometheus, plan, sink, started, out);
				}
				for (AlertingUnderTest product : products.values()) {
					if (product.pushes()) {
						pushers.put(product.name(), Executors.newSingleThreadExecutor());
					}
				}
				if (Instant.now().isAfter(plan.origin())) {
					throw new IllegalStateException("Prometheus took longer to start than the lead-in of "
							+ settings.leadIn().toSeconds() + " s (-Dbenchmark.alerting.lead-in-seconds)");
				}
				Files.createDirectories(settings.output());
				plan.writeJson(settings.output().resolve("plan.json"));
				if (!pushers.isEmpty()) {
					schedulePushes(plan, metrics, products, pushers, ticks, worstPushLag);
				}
				long endMillis = Math.max(plan.duration().toMillis(), plan.lastDeadlineMillis(settings.score().grace())) + 30_000;
				Instant end = plan.origin().plusMillis(endMillis);
				out.printf(Locale.ROOT, "faults from %s, waiting until %s (%d s); plan: %s%n", plan.origin(), end,
						Duration.between(Instant.now(), end).toSeconds(), settings.output().resolve("plan.json"));
				while (Instant.now().isBefore(end)) {
					Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
					StringBuilder progress = new StringBuilder(String.format(Locale.ROOT, "… +%d s:",
							Duration.between(plan.origin(), Instant.now()).toSeconds()));
					products.keySet().forEach(name -> progress.append(' ').append(name).append(' ')
						.append(sink.received(name).size()).append(" messages"));
					out.println(progress);
				}
			}
			finally {
				ticks.shutdownNow();
				pushers.values().forEach(ExecutorService::shutdownNow);
				if (metrics != null) {
						}
				for (AlertingUnderTest product : started) {
					try {
						product.stop();
					}
					catch (RuntimeException ex) {
						out.println(product.name() + " did not stop cleanly: " + ex);
					}
				}
			}
			if (worstPushLag.get() > plan.step().toMillis()) {
				notes.add("pushing fell behind by up to " + worstPushLag.get() + " ms");
				out.println(notes.get(notes.size() - 1));
			}
			out.printf(Locale.ROOT, "/metrics was served %d times%n", metrics.scrapes());
			for (AlertingUnderTest product : products.values()) {
				NotificationSink.Parsed parsed = sink.parse(product.name(), product.parser());
				writeNotifications(settings.output().resolve("notifications-" + product.name() + ".jsonl"),
						sink.received(product.name()));
				if (!parsed.unreadable().isEmpty()) {
					notes.add(product.name() + ": " + parsed.unreadable().size() + " messages unreadable, e.g. " + parsed.unreadable().get(0));
					out.println(notes.get(notes.size() - 1));
				}
				AlertQualityScore.Result result = AlertQualityScore.score(plan, parsed.notifications(), settings.score());
				results.put(product.name(), result);
				describe(out, product.name(), parsed.messages(), result);
			}
		}
		out.println();
		out.print(table(plan, results));
		return new Outcome(plan, results, notes);
	}

	private static void start(AlertingUnderTest product, FaultPlan plan, NotificationSink sink, List<AlertingUnderTest> started,
			PrintStream out) throws Exception {
		long begin = System.nanoTime();
		product.start(plan, sink.url(product.name()));
		started.add(product);
		product.description().forEach(out::println);
		out.printf(Locale.ROOT, "%s started in %.1f s%n", product.name(), (System.nanoTime() - begin) / 1e9);
	}

	/** Every step from now on, the gauges at that step's instant, handed to each pushing product. */
	private static void schedulePushes(FaultPlan plan, SimulatedMetrics metrics, Map<String, AlertingUnderTest> products,
			Map<String, ExecutorService> pushers, ScheduledExecutorService ticks, AtomicLong worstLag) {
		long step = plan.step().toMillis();
		long origin = plan.origin().toEpochMilli();
		long now = System.currentTimeMillis();
		long first = origin + Math.floorDiv(now - origin + step - 1, step) * step;
		ticks.scheduleAtFixedRate(() -> {
			long at = origin + Math.round((System.currentTimeMillis() - origin) / (double) step) * step;
			List<Sample> samples = metrics.samples(Instant.ofEpochMilli(at));
			pushers.forEach((name, pusher) -> pusher.execute(() -> {
				try {
					products.get(name).push(Instant.ofEpochMilli(at), samples);
				}
				catch (RuntimeException ex) {
					System.out.println(name + ": push at " + Instant.ofEpochMilli(at) + " failed: " + ex);
				}
				worstLag.accumulateAndGet(System.currentTimeMillis() - at, Math::max);
			}));
		}, first - now, step, TimeUnit.MILLISECONDS);
	}

	private static void describe(PrintStream out, String product, int messages, AlertQualityScore.Result result) {
		out.printf(Locale.ROOT, "%s: %d messages listing %d firing and %d resolved alerts; %d missed (%d of them late), %d false, %d duplicates%n",
				product, messages, result.notifications(), result.resolved(), result.missed(), result.late(), result.falseAlarms(),
				result.duplicates());
		result.byKind().forEach((kind, counts) -> out.printf(Locale.ROOT,
				"  %-13s %,6d faults: %,6d missed, %,6d notifications, %,6d false, %,6d duplicates%n", kind, counts.faults(),
				counts.missed(), counts.notifications(), counts.falseAlarms(), counts.duplicates()));
		result.missedExamples().forEach(example -> out.println("  missed: " + example));
		result.falseExamples().forEach(example -> out.println("  false: " + example));
	}

	/** The table: product | faults | notifications | missed % | false % | duplicate % | median s | p95 s. */
	public static String table(FaultPlan plan, Map<String, AlertQualityScore.Result> results) {
		StringBuilder table = new StringBuilder();
		String format = "%-12s | %7s | %13s | %8s | %7s | %11s | %8s | %8s%n";
		table.append(String.format(Locale.ROOT, format, "product", "faults", "notifications", "missed %", "false %", "duplicate %",
				"median s", "p95 s"));
		results.forEach((product, result) -> {
			if (result == null) {
				table.append(String.format(Locale.ROOT, format, product, plan.faultEvents(), NOT_RUN, "", "", "", "", ""));
			}
			else {
				table.append(String.format(Locale.ROOT, format, product, result.faultEvents(), result.notifications(),
						percent(result.missedPercent()), percent(result.falsePercent()), percent(result.duplicatePercent()),
						seconds(result.medianSeconds()), seconds(result.p95Seconds())));
			}
		});
		table.append(String.format(Locale.ROOT,
				"(faults: injected fault events, %,d of them needing one notification each; notifications: firing alerts notified; "
						+ "times: from a critical fault becoming alertable to its first notification)%n",
				plan.expectedNotifications()));
		return table.toString();
	}

	private static String percent(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String seconds(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static void writeNotifications(Path file, List<NotificationSink.Received> received) throws IOException {
		ObjectMapper json = new ObjectMapper();
		try (BufferedWriter writer = Files.newBufferedWriter(file)) {
			for (NotificationSink.Received request : received) {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("arrival", request.arrival().toString());
				line.put("body", request.body());
				writer.write(json.writeValueAsString(line));
				writer.newLine();
			}
		}
	}

}
