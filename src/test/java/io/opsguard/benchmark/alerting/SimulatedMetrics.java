package io.opsguard.benchmark.alerting;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

import io.opsguard.benchmark.alerting.FaultPlan.Fault;
import io.opsguard.benchmark.alerting.FaultPlan.Resource;
import io.opsguard.benchmark.alerting.FaultPlan.Role;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;

/**
 * The plan's gauges at any wall-clock instant — a pure function of the plan and the instant:
 * <ul>
 * <li>{@code up}: 0 while an outage (own, parent's, child's) is active or a flapping episode is in a
 * down phase, else 1;</li>
 * <li>{@code cpu_usage} (%): 91–99 during a threshold crossing or a spike, 85–89 during noise, else
 * 85–89 on a busy host, else the resource's usual value ±5; {@code disk_usage} (%): its usual value
 * + 0–2;</li>
 * <li>{@code if_oper_status} (1 = up) per interface of a network device ({@code instance="ifN"}).</li>
 * </ul>
 * While a resource is down only {@code up} is present (its collection failed). Jitter changes once
 * per {@link FaultPlan#step()}. Served as Prometheus text on {@code /metrics} (labels
 * {@code resource}, {@code role="network"} on devices and {@code parent} on resources behind one,
 * which Alertmanager's inhibition needs), and as {@link Sample}s for pushing into a metric store
 * (labels {@code resource} and {@code instance} only: OpsGuard knows the topology from its CMDB).
 */
public final class SimulatedMetrics implements AutoCloseable {

	private final FaultPlan plan;

	private final Clock clock;

	private HttpServer server;

	private ExecutorService executor;

	private final AtomicLong scrapes = new AtomicLong();

	public SimulatedMetrics(FaultPlan plan, Clock clock) {
		this.plan = plan;
		this.clock = clock;
	}

	public SimulatedMetrics(FaultPlan plan) {
		this(plan, Clock.systemUTC());
	}

	/** One resource's gauges at one instant. */
	public record Reading(Resource resource, boolean up, double cpuUsage, double diskUsage) {
	}

	/** Every resource's gauges at this instant. */
	public List<Reading> readings(Instant at) {
		long offset = at.toEpochMilli() - this.plan.origin().toEpochMilli();
		long bucket = Math.floorDiv(offset, this.plan.step().toMillis());
		List<Reading> readings = new ArrayList<>(this.plan.resources().size());
		for (Resource resource : this.plan.resources()) {
			Fault fault = this.plan.activeFault(resource.id(), offset);
			boolean up = fault == null || !fault.down(offset);
			double jitter = unit(resource.id(), 1, bucket);
			double cpu;
			if (fault != null && (fault.kind() == FaultKind.THRESHOLD || fault.kind() == FaultKind.SPIKE)) {
				cpu = 91 + 8 * jitter;
			}
			else if (fault != null && fault.kind() == FaultKind.NOISE) {
				cpu = 85 + 4 * jitter;
			}
			else if (resource.busy()) {
				cpu = 85 + 4 * jitter;
			}
			else {
				cpu = resource.cpuBase() + (jitter - 0.5) * 10;
			}
			double disk = resource.diskBase() + 2 * unit(resource.id(), 2, bucket / 12);
			readings.add(new Reading(resource, up, round(cpu), round(disk)));
		}
		return readings;
	}

	/** The gauges at this instant as samples stamped with it. */
	public List<Sample> samples(Instant at) {
		long timestamp = at.toEpochMilli();
		List<Sample> samples = new ArrayList<>();
		for (Reading reading : readings(at)) {
			String id = String.valueOf(reading.resource().id());
			samples.add(new Sample(SeriesKey.of("up", SeriesKey.RESOURCE, id), timestamp, reading.up() ? 1 : 0));
			if (!reading.up()) {
				continue;
			}
			samples.add(new Sample(SeriesKey.of("cpu_usage", SeriesKey.RESOURCE, id), timestamp, reading.cpuUsage()));
			samples.add(new Sample(SeriesKey.of("disk_usage", SeriesKey.RESOURCE, id), timestamp, reading.diskUsage()));
			for (int i = 1; i <= reading.resource().interfaces(); i++) {
				samples.add(new Sample(SeriesKey.of("if_oper_status", SeriesKey.RESOURCE, id, SeriesKey.INSTANCE, "if" + i),
						timestamp, 1));
			}
		}
		return samples;
	}

	/** The gauges at this instant in the Prometheus text format (version 0.0.4). */
	public String prometheusText(Instant at) {
		List<Reading> readings = readings(at);
		StringBuilder text = new StringBuilder(readings.size() * 200);
		text.append("# HELP up Whether the resource's collection succeeded (1) or failed (0).\n# TYPE up gauge\n");
		for (Reading reading : readings) {
			text.append("up{").append(labels(reading.resource())).append("} ").append(reading.up() ? '1' : '0').append('\n');
		}
		text.append("# HELP cpu_usage CPU usage in percent.\n# TYPE cpu_usage gauge\n");
		for (Reading reading : readings) {
			if (reading.up()) {
				text.append("cpu_usage{").append(labels(reading.resource())).append("} ").append(number(reading.cpuUsage())).append('\n');
			}
		}
		text.append("# HELP disk_usage Disk usage in percent.\n# TYPE disk_usage gauge\n");
		for (Reading reading : readings) {
			if (reading.up()) {
				text.append("disk_usage{").append(labels(reading.resource())).append("} ").append(number(reading.diskUsage())).append('\n');
			}
		}
		text.append("# HELP if_oper_status Interface operational status (1 up, 2 down).\n# TYPE if_oper_status gauge\n");
		for (Reading reading : readings) {
			if (reading.up()) {
				for (int i = 1; i <= reading.resource().interfaces(); i++) {
					text.append("if_oper_status{").append(labels(reading.resource())).append(",instance=\"if").append(i).append("\"} 1\n");
				}
			}
		}
		return text.toString();
	}

	/** Serves {@code /metrics} on a free loopback port until {@link #close()}; answers its URL. */
	public URI serve() throws IOException {
		this.executor = Executors.newFixedThreadPool(2, runnable -> {
			Thread thread = new Thread(runnable, "simulated-metrics");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.setExecutor(this.executor);
		this.server.createContext("/metrics", exchange -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				byte[] body = prometheusText(this.clock.instant()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
				this.scrapes.incrementAndGet();
			}
		});
		this.server.start();
		return url();
	}

	/** The URL of {@code /metrics} while serving. */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/metrics");
	}

	/** How many times {@code /metrics} was served. */
	public long scrapes() {
		return this.scrapes.get();
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	private static String labels(Resource resource) {
		StringBuilder labels = new StringBuilder("resource=\"").append(resource.id()).append('"');
		if (resource.role() == Role.NETWORK_DEVICE) {
			labels.append(",role=\"network\"");
		}
		if (resource.parent() != null) {
			labels.append(",parent=\"").append(resource.parent()).append('"');
		}
		return labels.toString();
	}

	/** A number in [0, 1) that depends only on the plan's seed and the arguments. */
	private double unit(long resource, long metric, long bucket) {
		long hash = mix(this.plan.seed() ^ mix(resource * 0x9E3779B97F4A7C15L + metric) ^ mix(bucket + 0x632BE59BD9B4E019L));
		return (hash >>> 11) * 0x1.0p-53;
	}

	private static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
