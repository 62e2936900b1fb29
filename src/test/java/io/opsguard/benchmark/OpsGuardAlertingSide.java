package io.opsguard.benchmark;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.benchmark.alerting.AlertingUnderTest;
import io.opsguard.benchmark.alerting.FaultPlan;
import io.opsguard.benchmark.alerting.NotificationParser;
import io.opsguard.benchmark.alerting.NotifiedAlert;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.ApiClient;

import static io.opsguard.support.ApiTestSupport.cmdbClassId;

/**
 * OpsGuard in the fault-injection run, set up over its API as an administrator would: the plan's
 * resources as CIs (devices as switches, the rest as servers, each host "connected to" its device),
 * the default-like rules — down ({@code up == 0} for 30 s, critical), CPU ({@code cpu_usage > 90}
 * for 1 min, major) and a flapping link ({@code changes(up[2m]) >= 4}, critical) — and one route
 * sending every alert to a generic JSON webhook: the run's sink. The pushed gauges are appended to its
 * metric store as collection would (with {@code collect_success} beside {@code up}); its own evaluator,
 * dependency check, flap detection, grouping and notification steps do the rest, as in production.
 */
final class OpsGuardAlertingSide implements AlertingUnderTest {

	static final String TAG = "alert-bench";

	private static final Pattern ALERT_LINE = Pattern.compile("^(?:\\(\\d+/\\d+\\) )?【([^】]+)】(.+?)：(.+)$",
			Pattern.MULTILINE);

	private static final Pattern SINCE = Pattern.compile("开始：(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final BenchmarkContext context;

	private final MetricStore store;

	private final ObjectMapper json = new ObjectMapper();

	private final Map<Long, Long> ciOf = new ConcurrentHashMap<>();

	private final Map<String, Long> planIdByName = new ConcurrentHashMap<>();

	private final List<String> setUp = new ArrayList<>();

	OpsGuardAlertingSide(BenchmarkContext context) {
		this.context = context;
		this.store = context.bean(MetricStore.class);
	}

	@Override
	public String name() {
		return "opsguard";
	}

	@Override
	public void start(FaultPlan plan, URI sinkUrl) throws Exception {
		ApiClient admin = signedIn();
		long switchClass = cmdbClassId(admin, "SWITCH");
		long serverClass = cmdbClassId(admin, "PHYSICAL_SERVER");
		long root = admin.get("/api/v1/organisations/tree").json().get(0).path("id").asLong();
		String prefix = "AB" + Long.toString(System.currentTimeMillis(), 36).toUpperCase() + "-";
		long began = System.nanoTime();
		// devices first (hosts are connected to them), then hosts, four clients at a time
		List<FaultPlan.Resource> devices = plan.resources().stream().filter(r -> r.role() == FaultPlan.Role.NETWORK_DEVICE).toList();
		List<FaultPlan.Resource> hosts = plan.resources().stream().filter(r -> r.role() != FaultPlan.Role.NETWORK_DEVICE).toList();
		createAll(devices, switchClass, root, prefix);
		createAll(hosts, serverClass, root, prefix);
		int relations = 0;
		for (FaultPlan.Resource host : hosts) {
			if (host.parent() != null) {
				ApiClient.Response related = admin.post("/api/v1/cmdb/relations", Map.of("type", "CONNECTED_TO", "sourceId",
						this.ciOf.get(host.id()), "targetId", this.ciOf.get(host.parent())));
				check(related, 201);
				relations++;
			}
		}
		// the generic collections-failing rule is replaced by the run's "down" rule on up (both would fire)
		disableBuiltIn(admin, "builtin:collection-failing");
		check(admin.post("/api/v1/alert-rules", rule("资源宕机", "up", "==", 0, 30, "CRITICAL")), 201);
		check(admin.post("/api/v1/alert-rules", rule("CPU 使用率过高", "cpu_usage", ">", 90, 60, "MAJOR")), 201);
		Map<String, Object> flapping = new HashMap<>();
		flapping.put("name", "链路抖动");
		flapping.put("kind", "EXPRESSION");
		flapping.put("severity", "CRITICAL");
		flapping.put("scopeKind", "TAG");
		flapping.put("scopeValue", TAG);
		flapping.put("expression", "changes(up[2m]) >= 4");
		check(admin.post("/api/v1/alert-rules", flapping), 201);
		ApiClient.Response endpoint = admin.post("/api/v1/notification-endpoints",
				Map.of("name", prefix + "sink", "kind", "GENERIC", "url", sinkUrl.toString(), "enabled", true));
		check(endpoint, 201);
		ApiClient.Response route = admin.post("/api/v1/notification-routes", Map.of("name", prefix + "值班", "organisationId", root, "endpointIds",
				List.of(endpoint.id()), "channels", List.of("WEBHOOK"), "groupWaitSeconds", 10, "notifyResolved", true));
		check(route, 201);
		this.setUp.add(String.format("opsguard: %d CIs and %d relations created over the API in %.0f s; rules up == 0 for 30s "
				+ "(critical), cpu_usage > 90 for 1m (major), changes(up[2m]) >= 4 (critical); evaluation every %d s; "
				+ "one route, group wait 10 s (leading edge), to a generic JSON webhook", plan.resources().size(), relations,
				(System.nanoTime() - began) / 1e9, evaluationInterval().toSeconds()));
	}

	private void createAll(List<FaultPlan.Resource> resources, long classId, long organisation, String prefix)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			int slice = Math.max(1, (resources.size() + 3) / 4);
			for (int from = 0; from < resources.size(); from += slice) {
				List<FaultPlan.Resource> part = resources.subList(from, Math.min(resources.size(), from + slice));
				done.add(pool.submit(() -> {
					ApiClient client = signedIn();
					for (FaultPlan.Resource resource : part) {
						ApiClient.Response created = client.post("/api/v1/cmdb/cis", Map.of("classId", classId, "code",
								prefix + resource.name(), "name", resource.name(), "organisationId", organisation, "importance",
								"KEY", "tags", List.of(TAG)));
						check(created, 201);
						this.ciOf.put(resource.id(), created.id());
						this.planIdByName.put(resource.name(), resource.id());
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void disableBuiltIn(ApiClient admin, String key) {
		for (JsonNode rule : admin.get("/api/v1/alert-rules?origin=TEMPLATE&size=200").json().path("items")) {
			if (key.equals(rule.path("templateKey").asText())) {
				Map<String, Object> input = new HashMap<>();
				input.put("name", rule.path("name").asText());
				input.put("kind", rule.path("kind").asText());
				input.put("severity", rule.path("severity").asText());
				input.put("check", rule.path("check").asText());
				input.put("checkValue", rule.path("checkValue").asDouble());
				input.put("enabled", false);
				input.put("version", rule.path("version").asInt());
				check(admin.put("/api/v1/alert-rules/" + rule.path("id").asLong(), input), 200);
			}
		}
	}

	private static Map<String, Object> rule(String name, String metric, String operator, double threshold, long seconds,
			String severity) {
		Map<String, Object> rule = new HashMap<>();
		rule.put("name", name);
		rule.put("kind", "THRESHOLD");
		rule.put("severity", severity);
		rule.put("scopeKind", "ALL");
		rule.put("metric", metric);
		rule.put("operator", operator);
		rule.put("threshold", threshold);
		rule.put("forSeconds", seconds);
		return rule;
	}

	@Override
	public void push(Instant at, List<Sample> samples) {
		List<Sample> mapped = new ArrayList<>(samples.size() + samples.size() / 3);
		for (Sample sample : samples) {
			SeriesKey series = sample.series();
			Long ci = this.ciOf.get(Long.parseLong(series.label(SeriesKey.RESOURCE)));
			if (ci == null) {
				continue;
			}
			TreeMap<String, String> labels = new TreeMap<>(series.labels());
			labels.put(SeriesKey.RESOURCE, Long.toString(ci));
			mapped.add(new Sample(new SeriesKey(series.metric(), labels), sample.timestamp(), sample.value()));
			if (series.metric().equals("up")) {
				// what a collection records about itself
				mapped.add(new Sample(new SeriesKey("collect_success", labels), sample.timestamp(), sample.value()));
			}
		}
		this.store.append(mapped);
	}

	/** The application's evaluation interval ({@code opsguard.alerting.evaluation-interval}). */
	@Override
	public java.time.Duration evaluationInterval() {
		return this.context.bean(io.opsguard.alerting.internal.AlertingProperties.class).evaluationInterval();
	}

	@Override
	public NotificationParser parser() {
		return body -> {
			JsonNode message;
			try {
				message = this.json.readTree(body);
			}
			catch (Exception ex) {
				throw new IllegalArgumentException("not OpsGuard's generic webhook JSON: " + body, ex);
			}
			String type = message.path("type").asText();
			boolean firing = !type.endsWith(".resolved");
			String text = message.path("text").asText();
			List<NotifiedAlert> alerts = new ArrayList<>();
			Matcher line = ALERT_LINE.matcher(text);
			while (line.find()) {
				String resource = line.group(2).trim();
				String rule = line.group(3).trim();
				Long planId = this.planIdByName.get(resource);
				// the condition is the rule's: "资源宕机 is flapping" (the third re-fire within the flap window)
				// tells of the resource being down again, as a DOWN message would
				NotifiedAlert.Condition condition = rule.contains("抖动") ? NotifiedAlert.Condition.FLAPPING
						: rule.contains("宕机") ? NotifiedAlert.Condition.DOWN
								: rule.contains("CPU") ? NotifiedAlert.Condition.CPU
										: type.endsWith(".flapping") ? NotifiedAlert.Condition.FLAPPING
												: NotifiedAlert.Condition.UNKNOWN;
				alerts.add(new NotifiedAlert(planId == null ? null : planId.toString(), condition, firing,
						since(text, line.end()), rule, line.group(1)));
			}
			return alerts;
		};
	}

	/** The "开始：…" after an alert's title line, in the site's time zone. */
	private static Instant since(String text, int from) {
		Matcher since = SINCE.matcher(text);
		if (since.find(from)) {
			try {
				return LocalDateTime.parse(since.group(1), TIME).atZone(CHINA).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	@Override
	public List<String> description() {
		return List.copyOf(this.setUp);
	}

	@Override
	public void stop() {
		// the CIs, rules and route stay in the benchmark's database, which is thrown away after the run
	}

	private ApiClient signedIn() {
		return new ApiClient(this.context.port()).signedIn("admin", this.context.adminPassword());
	}

	private static void check(ApiClient.Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException("OpsGuard answered " + response);
		}
	}

}
