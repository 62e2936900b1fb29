package io.opsguard.benchmark.alerting;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opsguard.benchmark.alerting.NotifiedAlert.Condition;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.support.AlertmanagerPeer;
import io.opsguard.support.PrometheusPeer;

/**
 * Debian's {@code prometheus} and {@code prometheus-alertmanager} as the product to compare with:
 * Prometheus scrapes {@link SimulatedMetrics} every 5 s and evaluates, at OpsGuard's evaluation
 * interval, rules equivalent to OpsGuard's defaults:
 * <ul>
 * <li>{@code InstanceDown}: {@code up == 0} for 30 s, critical (resources that are not network devices);</li>
 * <li>{@code NetworkDeviceDown}: the same for devices, labelled {@code parent=<its own id>} so that
 * it inhibits its children;</li>
 * <li>{@code HighCpu}: {@code cpu_usage > 90} for 1 m, major;</li>
 * <li>{@code ResourceFlapping}: {@code changes(up[2m]) >= 4}, critical — what a Prometheus user
 * writes for flapping links, as OpsGuard detects flapping (without it no flapping episode, whose
 * down phases last 10–20 s, would ever alert).</li>
 * </ul>
 * Alertmanager routes every alert to the sink's webhook grouped by {@code resource}, with its
 * defaults as shipped (group_wait 30s, group_interval 5m, repeat_interval 4h, send_resolved), and an
 * inhibit rule: {@code NetworkDeviceDown} mutes {@code InstanceDown} of the alerts with the same
 * {@code parent} label (the simulated series of a resource behind a device carry
 * {@code parent=<device id>}). Both run alone on free loopback ports with temporary directories.
 * <p>
 * What the defaults mean for the score (seen in trial runs): an alert that resolves within group_wait
 * of firing is never notified (a group's first message is not sent for resolved alerts alone), and an
 * alert joining a group that still exists — its resource notified, or had a muted alert, less than
 * group_interval ago — waits for the group's next flush; resolved by then, it is never notified
 * either. Both count as missed alarms.
 */
public final class PrometheusAlertmanagerSide implements AlertingUnderTest {

	/** What each rule's alert is about. */
	static final Map<String, Condition> CONDITIONS = Map.of("InstanceDown", Condition.DOWN, "NetworkDeviceDown",
			Condition.DOWN, "HighCpu", Condition.CPU, "ResourceFlapping", Condition.FLAPPING);

	private final URI metricsUrl;

	private final Duration evaluationInterval;

	private final List<String> groupBy;

	private AlertmanagerPeer alertmanager;

	private PrometheusPeer prometheus;

	/**
	 * @param metricsUrl where {@link SimulatedMetrics} serves {@code /metrics}
	 * @param evaluationInterval Prometheus' {@code evaluation_interval} (OpsGuard's)
	 * @param groupBy Alertmanager's {@code group_by} ({@code resource} by default)
	 */
	public PrometheusAlertmanagerSide(URI metricsUrl, Duration evaluationInterval, List<String> groupBy) {
		this.metricsUrl = metricsUrl;
		this.evaluationInterval = evaluationInterval;
		this.groupBy = List.copyOf(groupBy);
	}

	/** Whether both Debian programs are installed. */
	public static boolean installed() {
		return PrometheusPeer.installed() && AlertmanagerPeer.installed();
	}

	@Override
	public String name() {
		return "prometheus";
	}

	@Override
	public Duration evaluationInterval() {
		return this.evaluationInterval;
	}

	@Override
	public void start(FaultPlan plan, URI sinkUrl) {
		try {
			this.alertmanager = AlertmanagerPeer.start(alertmanagerConfig(sinkUrl));
			this.prometheus = PrometheusPeer.start(prometheusConfig(this.alertmanager.target()), Map.of("rules.yml", rules()));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	@Override
	public boolean pushes() {
		return false;
	}

	@Override
	public void push(Instant at, List<Sample> samples) {
		// Prometheus scrapes SimulatedMetrics itself
	}

	@Override
	public NotificationParser parser() {
		return new AlertmanagerWebhookParser(CONDITIONS);
	}

	@Override
	public List<String> description() {
		return List.of(
				"prometheus: Debian's " + version(PrometheusPeer.BINARY) + ", scrape every 5 s, evaluation every "
						+ this.evaluationInterval.toSeconds() + " s; rules InstanceDown/NetworkDeviceDown up == 0 for 30s (critical), "
						+ "HighCpu cpu_usage > 90 for 1m (major), ResourceFlapping changes(up[2m]) >= 4 (critical)",
				"alertmanager: Debian's " + version(AlertmanagerPeer.BINARY) + " with its defaults as shipped: group_wait 30s, "
						+ "group_interval 5m, repeat_interval 4h; group_by " + this.groupBy
						+ "; NetworkDeviceDown inhibits InstanceDown with an equal parent label",
				"alertmanager: an alert that resolves within group_wait of firing is never notified (Alertmanager sends no "
						+ "resolved-only first message); one joining a group that already exists (its resource alerted, or had "
						+ "a muted alert, less than group_interval ago) waits for the group's next flush and, resolved by then, "
						+ "is never notified either");
	}

	@Override
	public void stop() {
		if (this.prometheus != null) {
			this.prometheus.close();
			this.prometheus = null;
		}
		if (this.alertmanager != null) {
			this.alertmanager.close();
			this.alertmanager = null;
		}
	}

	/** The running Prometheus (for a test's queries), null before start and after stop. */
	PrometheusPeer prometheus() {
		return this.prometheus;
	}

	String prometheusConfig(String alertmanagerTarget) {
		long eval = this.evaluationInterval.toSeconds();
		return """
				global:
				  scrape_interval: 5s
				  scrape_timeout: 4s
				  evaluation_interval: %ds
				rule_files: [rules.yml]
				alerting:
				  alertmanagers:
				    - static_configs:
				        - targets: ['%s']
				scrape_configs:
				  - job_name: simulated
				    honor_labels: true
				    metrics_path: %s
				    static_configs:
				      - targets: ['%s']
				""".formatted(eval, alertmanagerTarget, this.metricsUrl.getPath(),
				this.metricsUrl.getHost() + ":" + this.metricsUrl.getPort());
	}

	static String rules() {
		return """
				groups:
				  - name: opsguard-defaults
				    rules:
				      - alert: InstanceDown
				        expr: up{job="simulated",resource!="",role!="network"} == 0
				        for: 30s
				        labels: {severity: critical}
				      - alert: NetworkDeviceDown
				        expr: up{job="simulated",role="network"} == 0
				        for: 30s
				        labels: {severity: critical, parent: '{{ $labels.resource }}'}
				      - alert: HighCpu
				        expr: cpu_usage{job="simulated"} > 90
				        for: 1m
				        labels: {severity: major}
				      - alert: ResourceFlapping
				        expr: changes(up{job="simulated",resource!=""}[2m]) >= 4
				        labels: {severity: critical}
				""";
	}

	String alertmanagerConfig(URI sinkUrl) {
		return """
				route:
				  receiver: sink
				  group_by: [%s]
				  group_wait: 30s
				  group_interval: 5m
				  repeat_interval: 4h
				receivers:
				  - name: sink
				    webhook_configs:
				      - url: '%s'
				        send_resolved: true
				inhibit_rules:
				  - source_matchers: ['alertname="NetworkDeviceDown"']
				    target_matchers: ['alertname="InstanceDown"']
				    equal: [parent]
				""".formatted(this.groupBy.stream().map(label -> "'" + label + "'").collect(Collectors.joining(", ")), sinkUrl);
	}

	private static String version(java.nio.file.Path binary) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			process.waitFor();
			String first = output.lines().findFirst().orElse("");
			return first.replaceFirst("^\\S+, version ", "").replaceFirst(" \\(.*$", "");
		}
		catch (java.io.IOException ex) {
			return binary.getFileName().toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return binary.getFileName().toString();
		}
	}

}
