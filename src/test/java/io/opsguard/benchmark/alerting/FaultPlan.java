package io.opsguard.benchmark.alerting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The simulated resources and the faults injected into them over one run, generated from a seed
 * (the same seed, resources and duration give the same plan; only {@link #origin()}, the wall-clock
 * instant the run's offsets count from, differs between runs).
 * <p>
 * Resources: one in 25 is a network device with 8–24 interfaces and 5–20 resources behind it (at
 * most two thirds of the hosts are behind a device); the rest are hosts, one in ten of them busy (its
 * CPU usage always at 85–89 %, noise close to the threshold). Every resource has the gauges
 * {@code up}, {@code cpu_usage}, {@code disk_usage}, and a device {@code if_oper_status} per interface
 * ({@link SimulatedMetrics} serves them).
 * <p>
 * Faults: every device goes down ({@link FaultKind#PARENT_OUTAGE}) once in each half of a run of
 * 6 minutes or more (once in a shorter one) with its children ({@link FaultKind#CHILD_DOWN}, each
 * starting and ending up to 2 s after the device); around those, each resource's timeline is filled
 * from 30 s after the origin to the end of the run with outages, threshold crossings, spikes,
 * flapping episodes (hosts only) and episodes of noise near the threshold, 30–40 s apart (90–105 s
 * after a flapping episode, so that its alert has settled). A resource never has two faults at
 * once. With the defaults (2,500 resources, 8 min) that is 11,221 fault events of which
 * 3,447 need a notification (seed 20261107).
 */
public final class FaultPlan {

	/** No fault starts earlier than this after the origin (the products' first scrapes and evaluations). */
	static final Duration WARM_UP = Duration.ofSeconds(30);

	/** The least quiet time between two faults of one resource. */
	static final Duration GAP = Duration.ofSeconds(30);

	/** The least quiet time after a flapping episode ({@code changes(up[2m])} settles). */
	static final Duration GAP_AFTER_FLAP = Duration.ofSeconds(90);

	/** The usual CPU usage of a busy host: its values jitter between 85 and 89 %. */
	static final double NEAR_THRESHOLD = 87;

	/** How long a flapping episode lasts. */
	static final Duration FLAP_LENGTH = Duration.ofMinutes(3);

	private final long seed;

	private final Instant origin;

	private final Duration duration;

	private final Duration step;

	private final List<Resource> resources;

	private final List<Fault> faults;

	private final Map<Long, Resource> resourcesById = new HashMap<>();

	private final Map<Long, List<Fault>> faultsByResource = new HashMap<>();

	/** What a simulated resource is: a host (or anything monitored) or a network device others are behind. */
	public enum Role {

		HOST, NETWORK_DEVICE

	}

	/**
	 * One simulated resource.
	 *
	 * @param id its id, the {@code resource} label of its series
	 * @param name a readable name ({@code sw-0001}, {@code host-00042})
	 * @param role host or network device
	 * @param parent the device it is behind, null when none
	 * @param interfaces a device's interfaces (series of {@code if_oper_status}), 0 for a host
	 * @param cpuBase its usual CPU usage (10–55 %, or {@link #NEAR_THRESHOLD} for a busy host)
	 * @param diskBase its disk usage (30–75 %)
	 */
	public record Resource(long id, String name, Role role, Long parent, int interfaces, double cpuBase, double diskBase) {

		/** Whether its CPU usage is always close to the threshold (85–89 %), noise that must not alert. */
		public boolean busy() {
			return this.cpuBase == NEAR_THRESHOLD;
		}

	}

	/**
	 * One injected fault, in milliseconds after the plan's origin.
	 *
	 * @param id its number in the plan
	 * @param kind what it is
	 * @param resource the resource it happens to
	 * @param startMillis when it begins
	 * @param endMillis when the resource is back to normal
	 * @param causedBy for a {@link FaultKind#CHILD_DOWN}: the id of its device's
	 * {@link FaultKind#PARENT_OUTAGE}, otherwise null
	 * @param flapPhasesMillis for a {@link FaultKind#FLAP}: the lengths of its phases, down first,
	 * then up, down…; empty otherwise
	 */
	public record Fault(int id, FaultKind kind, long resource, long startMillis, long endMillis, Integer causedBy,
			List<Long> flapPhasesMillis) {

		public Fault {
			flapPhasesMillis = flapPhasesMillis == null ? List.of() : List.copyOf(flapPhasesMillis);
		}

		/** When the fault becomes alertable: its start plus its rule's for-duration. */
		public long alertableMillis() {
			return this.startMillis + this.kind.forDuration().toMillis();
		}

		/** The latest arrival of its notification that is not a missed alarm. */
		public long deadlineMillis(Duration grace) {
			return alertableMillis() + grace.toMillis();
		}

		/** Whether the resource's {@code up} is 0 at this offset (the fault being active then). */
		boolean down(long offsetMillis) {
			return switch (this.kind) {
				case OUTAGE, PARENT_OUTAGE, CHILD_DOWN -> true;
				case FLAP -> {
					long at = offsetMillis - this.startMillis;
					boolean isDown = true;
					for (long phase : this.flapPhasesMillis) {
						if (at < phase) {
							yield isDown;
						}
						at -= phase;
						isDown = !isDown;
					}
					yield false;
				}
				default -> false;
			};
		}

		boolean activeAt(long offsetMillis) {
			return offsetMillis >= this.startMillis && offsetMillis < this.endMillis;
		}

	}

	/**
	 * What to generate.
	 *
	 * @param seed the seed of every random choice
	 * @param resources how many resources
	 * @param duration how long the run lasts (faults start and end within it)
	 * @param step how often the gauges are sampled
	 * @param origin the wall-clock instant offsets count from
	 */
	public record Settings(long seed, int resources, Duration duration, Duration step, Instant origin) {

		/** The defaults: 2,500 resources over 8 minutes, sampled every 5 s. */
		public static Settings defaults(Instant origin) {
			return new Settings(20261107L, 2_500, Duration.ofMinutes(8), Duration.ofSeconds(5), origin);
		}

		public Settings withResources(int count) {
			return new Settings(this.seed, count, this.duration, this.step, this.origin);
		}

		public Settings withDuration(Duration length) {
			return new Settings(this.seed, this.resources, length, this.step, this.origin);
		}

		public Settings withSeed(long value) {
			return new Settings(value, this.resources, this.duration, this.step, this.origin);
		}

	}

	public FaultPlan(long seed, Instant origin, Duration duration, Duration step, List<Resource> resources,
			List<Fault> faults) {
		this.seed = seed;
		this.origin = origin;
		this.duration = duration;
		this.step = step;
		this.resources = List.copyOf(resources);
		List<Fault> sorted = new ArrayList<>(faults);
		sorted.sort(Comparator.comparingLong(Fault::startMillis).thenComparingInt(Fault::id));
		this.faults = List.copyOf(sorted);
		for (Resource resource : this.resources) {
			this.resourcesById.put(resource.id(), resource);
		}
		for (Fault fault : this.faults) {
			if (!this.resourcesById.containsKey(fault.resource())) {
				throw new IllegalArgumentException("fault " + fault.id() + " is on an unknown resource " + fault.resource());
			}
			this.faultsByResource.computeIfAbsent(fault.resource(), id -> new ArrayList<>()).add(fault);
		}
	}

	/** The same resources and faults counted from another instant. */
	public FaultPlan withOrigin(Instant instant) {
		return new FaultPlan(this.seed, instant, this.duration, this.step, this.resources, this.faults);
	}

	/** Generates the resources and faults of one run. */
	public static FaultPlan generate(Settings settings) {
		return new Generator(settings).generate();
	}

	public long seed() {
		return this.seed;
	}

	public Instant origin() {
		return this.origin;
	}

	public Duration duration() {
		return this.duration;
	}

	public Duration step() {
		return this.step;
	}

	public List<Resource> resources() {
		return this.resources;
	}

	/** Every fault, by start. */
	public List<Fault> faults() {
		return this.faults;
	}

	public Resource resource(long id) {
		return this.resourcesById.get(id);
	}

	/** The faults of one resource, by start (they never overlap). */
	public List<Fault> faultsOf(long resource) {
		return this.faultsByResource.getOrDefault(resource, List.of());
	}

	/** The fault active on a resource at this offset, or null. */
	public Fault activeFault(long resource, long offsetMillis) {
		for (Fault fault : faultsOf(resource)) {
			if (fault.startMillis() > offsetMillis) {
				return null;
			}
			if (fault.activeAt(offsetMillis)) {
				return fault;
			}
		}
		return null;
	}

	/** The injected fault events (every fault but the noise near thresholds). */
	public long faultEvents() {
		return this.faults.stream().filter(fault -> fault.kind().isFaultEvent()).count();
	}

	/** The notifications a perfect product sends: one per fault that must alert. */
	public long expectedNotifications() {
		return this.faults.stream().filter(fault -> fault.kind().mustAlert()).count();
	}

	public Map<FaultKind, Long> countsByKind() {
		Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
		for (FaultKind kind : FaultKind.values()) {
			counts.put(kind, 0L);
		}
		this.faults.forEach(fault -> counts.merge(fault.kind(), 1L, Long::sum));
		return counts;
	}

	/** The latest deadline of any fault that must alert (when waiting for notifications may end). */
	public long lastDeadlineMillis(Duration grace) {
		return this.faults.stream()
			.filter(fault -> fault.kind().mustAlert())
			.mapToLong(fault -> fault.deadlineMillis(grace))
			.max()
			.orElse(this.duration.toMillis());
	}

	/** Writes the plan as JSON for inspection: its settings, counts, resources and faults. */
	public void writeJson(Path file) throws IOException {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("seed", this.seed);
		root.put("origin", this.origin.toString());
		root.put("durationSeconds", this.duration.toSeconds());
		root.put("stepSeconds", this.step.toSeconds());
		root.put("resources", this.resources.size());
		root.put("faultEvents", faultEvents());
		root.put("expectedNotifications", expectedNotifications());
		root.put("faultsByKind", countsByKind());
		List<Map<String, Object>> resourceRows = new ArrayList<>();
		for (Resource resource : this.resources) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", resource.id());
			row.put("name", resource.name());
			row.put("role", resource.role());
			row.put("parent", resource.parent());
			row.put("interfaces", resource.interfaces());
			row.put("busy", resource.busy());
			resourceRows.add(row);
		}
		root.put("resourceList", resourceRows);
		List<Map<String, Object>> faultRows = new ArrayList<>();
		for (Fault fault : this.faults) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", fault.id());
			row.put("kind", fault.kind());
			row.put("resource", fault.resource());
			row.put("startSeconds", fault.startMillis() / 1000.0);
			row.put("endSeconds", fault.endMillis() / 1000.0);
			row.put("startAt", this.origin.plusMillis(fault.startMillis()).toString());
			row.put("mustAlert", fault.kind().mustAlert());
			if (fault.kind().mustAlert()) {
				row.put("alertableAt", this.origin.plusMillis(fault.alertableMillis()).toString());
			}
			if (fault.causedBy() != null) {
				row.put("causedBy", fault.causedBy());
			}
			if (!fault.flapPhasesMillis().isEmpty()) {
				row.put("flapPhasesSeconds", fault.flapPhasesMillis().stream().map(ms -> ms / 1000.0).toList());
			}
			faultRows.add(row);
		}
		root.put("faults", faultRows);
		Files.createDirectories(file.toAbsolutePath().getParent());
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
	}

	/** The seeded generation described on the class. */
	private static final class Generator {

		private final Settings settings;

		private final SplittableRandom random;

		private final List<Fault> faults = new ArrayList<>();

		private final Map<Long, List<Fault>> fixed = new HashMap<>();

		Generator(Settings settings) {
			if (settings.resources() < 1 || settings.duration().compareTo(WARM_UP) <= 0) {
				throw new IllegalArgumentException("a plan needs resources and more than " + WARM_UP.toSeconds() + " s");
			}
			this.settings = settings;
			this.random = new SplittableRandom(settings.seed());
		}

		FaultPlan generate() {
			int count = this.settings.resources();
			int deviceCount = count / 25;
			int hostCount = count - deviceCount;
			List<Resource> resources = new ArrayList<>(count);
			long nextHost = deviceCount + 1;
			int behind = 0;
			List<Resource> hosts = new ArrayList<>();
			Map<Long, Long> parents = new HashMap<>();
			int budget = hostCount * 2 / 3;
			for (long device = 1; device <= deviceCount; device++) {
				// 5–20 each, and never so many that a later device would get fewer than 5
				int children = (int) Math.min(between(5, 20), budget - behind - 5 * (deviceCount - device));
				for (int c = 0; c < children; c++, behind++) {
					parents.put(nextHost++, device);
				}
				resources.add(new Resource(device, String.format("sw-%04d", device), Role.NETWORK_DEVICE, null, between(8, 24),
						between(10, 55), between(30, 75)));
			}
			for (long host = deviceCount + 1; host <= count; host++) {
				// one host in ten is busy, its CPU usage always close to the threshold
				double cpuBase = between(0, 9) == 0 ? NEAR_THRESHOLD : between(10, 55);
				Resource resource = new Resource(host, String.format("host-%05d", host - deviceCount), Role.HOST,
						parents.get(host), 0, cpuBase, between(30, 75));
				resources.add(resource);
				hosts.add(resource);
			}
			long durationMillis = this.settings.duration().toMillis();
			// each device goes down once per slice of the run: two slices from 6 minutes on
			long window = durationMillis - 5_000 - WARM_UP.toMillis();
			int outages = durationMillis >= 360_000 ? 2 : 1;
			long slice = window / outages;
			for (Resource device : resources.subList(0, deviceCount)) {
				for (int o = 0; o < outages && slice >= 120_000; o++) {
					long sliceStart = WARM_UP.toMillis() + o * slice;
					long start = seconds(between(sliceStart / 1000, (sliceStart + slice - 120_000) / 1000));
					long end = start + seconds(between(60, 90));
					Fault outage = add(FaultKind.PARENT_OUTAGE, device.id(), start, end, null, null);
					this.fixed.computeIfAbsent(device.id(), id -> new ArrayList<>()).add(outage);
					for (Resource host : hosts) {
						if (Long.valueOf(device.id()).equals(host.parent())) {
							Fault child = add(FaultKind.CHILD_DOWN, host.id(), start + this.random.nextLong(0, 2_001),
									end + this.random.nextLong(0, 2_001), outage.id(), null);
							this.fixed.computeIfAbsent(host.id(), id -> new ArrayList<>()).add(child);
						}
					}
				}
			}
			for (Resource resource : resources) {
				fill(resource, durationMillis);
			}
			return new FaultPlan(this.settings.seed(), this.settings.origin(), this.settings.duration(), this.settings.step(),
					resources, this.faults);
		}

		/** Fills a resource's timeline around its fixed (parent outage) faults. */
		private void fill(Resource resource, long durationMillis) {
			List<Fault> fixedFaults = this.fixed.getOrDefault(resource.id(), List.of());
			int nextFixed = 0;
			long cursor = WARM_UP.toMillis() + seconds(between(0, 15));
			while (true) {
				while (nextFixed < fixedFaults.size() && fixedFaults.get(nextFixed).startMillis() < cursor) {
					cursor = Math.max(cursor, fixedFaults.get(nextFixed).endMillis() + seconds(between(30, 40)));
					nextFixed++;
				}
				Fault before = nextFixed < fixedFaults.size() ? fixedFaults.get(nextFixed) : null;
				boolean placed = false;
				for (int attempt = 0; attempt < 4 && !placed; attempt++) {
					FaultKind kind = pick(resource.role());
					long length = length(kind);
					long end = cursor + length;
					long gapAfter = (kind == FaultKind.FLAP ? GAP_AFTER_FLAP : GAP).toMillis();
					boolean fits = before != null ? end + gapAfter <= before.startMillis() : end <= durationMillis;
					if (fits) {
						List<Long> phases = kind == FaultKind.FLAP ? flapPhases() : null;
						add(kind, resource.id(), cursor, end, null, phases);
						cursor = end + Math.max(gapAfter, seconds(kind == FaultKind.FLAP ? between(90, 105) : between(30, 40)));
						placed = true;
					}
				}
				if (!placed) {
					if (before == null) {
						return;
					}
					cursor = before.endMillis() + seconds(between(30, 40));
					nextFixed++;
				}
			}
		}

		private FaultKind pick(Role role) {
			int roll = between(0, 99);
			if (role == Role.NETWORK_DEVICE) {
				return roll < 35 ? FaultKind.THRESHOLD : roll < 75 ? FaultKind.SPIKE : FaultKind.NOISE;
			}
			return roll < 30 ? FaultKind.OUTAGE : roll < 53 ? FaultKind.THRESHOLD : roll < 88 ? FaultKind.SPIKE
					: roll < 94 ? FaultKind.FLAP : FaultKind.NOISE;
		}

		private long length(FaultKind kind) {
			return switch (kind) {
				case OUTAGE, PARENT_OUTAGE -> seconds(between(60, 90));
				case THRESHOLD -> seconds(between(120, 135));
				case SPIKE -> seconds(between(10, 25));
				case FLAP -> FLAP_LENGTH.toMillis();
				case NOISE -> seconds(between(20, 60));
				case CHILD_DOWN -> throw new IllegalArgumentException("a child's outage follows its parent's");
			};
		}

		/** Down and up phases of 10–20 s each, down first, cut to the flap's length. */
		private List<Long> flapPhases() {
			List<Long> phases = new ArrayList<>();
			long left = FLAP_LENGTH.toMillis();
			while (left > 0) {
				long phase = Math.min(left, seconds(between(10, 20)));
				phases.add(phase);
				left -= phase;
			}
			return Collections.unmodifiableList(phases);
		}

		private Fault add(FaultKind kind, long resource, long start, long end, Integer causedBy, List<Long> phases) {
			Fault fault = new Fault(this.faults.size() + 1, kind, resource, start, end, causedBy, phases);
			this.faults.add(fault);
			return fault;
		}

		private int between(long low, long high) {
			return (int) this.random.nextLong(low, high + 1);
		}

		private static long seconds(long value) {
			return value * 1000;
		}

	}

}
