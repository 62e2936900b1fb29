package io.opsguard.benchmark.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.benchmark.alerting.FaultPlan.Fault;

/**
 * Scores one product's notifications against the plan's faults.
 * <p>
 * Each <em>firing</em> alert a notification lists counts once (a message grouping three alerts is
 * three notifications; resolved alerts are not scored). It is matched to a fault of its resource
 * whose kind can explain its condition (a CPU alert is not about an outage) and that began at most
 * {@link Settings#tolerance()} after the alert's reference time — its {@code startsAt} when the
 * product tells it, else its arrival — and ended at most {@link Settings#lateWindow()} before it; of
 * several, the one that began last. Then:
 * <ul>
 * <li><b>false alarm</b>: a notification matched to no fault, or to one that must not alert (spike,
 * child of a down device, noise); denominator: all notifications;</li>
 * <li><b>missed alarm</b>: a fault that must alert without a notification arriving by its deadline
 * (start + its rule's for-duration + {@link Settings#grace()}); denominator: the faults that must
 * alert;</li>
 * <li><b>duplicate</b>: every notification of a fault beyond its first; denominator: all
 * notifications;</li>
 * <li><b>fault-to-notification time</b>: from the fault becoming alertable (start + for-duration) to
 * its first notification, for the critical faults notified at all (outages and parent outages;
 * flapping episodes have no single alertable instant and are left out), median and p95.</li>
 * </ul>
 */
public final class AlertQualityScore {

	private AlertQualityScore() {
	}

	/** One alert listed by a notification that arrived at {@code arrival}. */
	public record Notification(Instant arrival, NotifiedAlert alert) {
	}

	/**
	 * How strict the matching is.
	 *
	 * @param grace how long after becoming alertable a notification may arrive and not be missed
	 * @param lateWindow how long after its fault ended a late notification is still about it
	 * (Alertmanager's group interval can hold one back five minutes)
	 * @param tolerance clock skew allowed between the plan and a product's {@code startsAt}
	 */
	public record Settings(Duration grace, Duration lateWindow, Duration tolerance) {

		/** 60 s of grace, 6 min of late window, 5 s of tolerance. */
		public static Settings defaults() {
			return new Settings(Duration.ofSeconds(60), Duration.ofMinutes(6), Duration.ofSeconds(5));
		}

	}

	/** The counts for one kind of fault. */
	public record KindCounts(int faults, int missed, int notifications, int falseAlarms, int duplicates) {
	}

	/**
	 * One product's score.
	 *
	 * @param faultEvents the injected fault events (noise excluded)
	 * @param mustAlert the faults that needed a notification
	 * @param notifications the firing alerts notified
	 * @param resolved the resolved alerts notified (not scored)
	 * @param missed the faults that needed one and got none by their deadline
	 * @param late of those, the ones notified after their deadline
	 * @param falseAlarms the notifications that no must-alert fault explains
	 * @param duplicates the notifications of a fault beyond its first
	 * @param criticalSeconds fault-to-notification times of critical faults, sorted
	 * @param byKind the counts per kind of fault (a false alarm explained by no fault is not in it)
	 * @param missedExamples a few missed faults, described
	 * @param falseExamples a few false alarms, described
	 */
	public record Result(long faultEvents, int mustAlert, int notifications, int resolved, int missed, int late,
			int falseAlarms, int duplicates, List<Double> criticalSeconds, Map<FaultKind, KindCounts> byKind,
			List<String> missedExamples, List<String> falseExamples) {

		public double missedPercent() {
			return percent(this.missed, this.mustAlert);
		}

		public double falsePercent() {
			return percent(this.falseAlarms, this.notifications);
		}

		public double duplicatePercent() {
			return percent(this.duplicates, this.notifications);
		}

		/** The median fault-to-notification time of critical faults in seconds, NaN when none. */
		public double medianSeconds() {
			return percentile(50);
		}

		public double p95Seconds() {
			return percentile(95);
		}

		/** Nearest-rank percentile of the critical fault-to-notification times, NaN when none. */
		public double percentile(double percentile) {
			if (this.criticalSeconds.isEmpty()) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(percentile / 100 * this.criticalSeconds.size());
			return this.criticalSeconds.get(Math.max(0, rank - 1));
		}

		private static double percent(int part, int whole) {
			return whole == 0 ? 0 : 100.0 * part / whole;
		}

	}

	/** Scores the notifications (in any order) against the plan. */
	public static Result score(FaultPlan plan, List<Notification> notifications, Settings settings) {
		long origin = plan.origin().toEpochMilli();
		Map<Integer, List<Long>> arrivalsByFault = new HashMap<>();
		Map<FaultKind, int[]> counts = new EnumMap<>(FaultKind.class);
		for (FaultKind kind : FaultKind.values()) {
			counts.put(kind, new int[5]);
		}
		plan.faults().forEach(fault -> counts.get(fault.kind())[0]++);
		int firing = 0;
		int resolved = 0;
		int falseAlarms = 0;
		List<String> falseExamples = new ArrayList<>();
		List<Notification> sorted = new ArrayList<>(notifications);
		sorted.sort(java.util.Comparator.comparing(Notification::arrival));
		for (Notification notification : sorted) {
			NotifiedAlert alert = notification.alert();
			if (!alert.firing()) {
				resolved++;
				continue;
			}
			firing++;
			long arrival = notification.arrival().toEpochMilli() - origin;
			Fault fault = match(plan, alert, arrival, origin, settings);
			if (fault != null) {
				counts.get(fault.kind())[2]++;
			}
			if (fault == null || !fault.kind().mustAlert()) {
				falseAlarms++;
				if (fault != null) {
					counts.get(fault.kind())[3]++;
				}
				if (falseExamples.size() < 5) {
					falseExamples.add(String.format(java.util.Locale.ROOT, "%s %s on resource %s at +%.1f s%s", alert.name(),
							alert.condition(), alert.resource(), arrival / 1000.0,
							fault == null ? " (no fault)" : " (during " + fault.kind() + " #" + fault.id() + ")"));
				}
				continue;
			}
			arrivalsByFault.computeIfAbsent(fault.id(), id -> new ArrayList<>()).add(arrival);
		}
		int mustAlert = 0;
		int missed = 0;
		int late = 0;
		int duplicates = 0;
		List<Double> criticalSeconds = new ArrayList<>();
		List<String> missedExamples = new ArrayList<>();
		for (Fault fault : plan.faults()) {
			if (!fault.kind().mustAlert()) {
				continue;
			}
			mustAlert++;
			List<Long> arrivals = arrivalsByFault.getOrDefault(fault.id(), List.of());
			long first = arrivals.isEmpty() ? Long.MAX_VALUE : Collections.min(arrivals);
			if (first > fault.deadlineMillis(settings.grace())) {
				missed++;
				counts.get(fault.kind())[1]++;
				if (!arrivals.isEmpty()) {
					late++;
				}
				if (missedExamples.size() < 5) {
					missedExamples.add(String.format(java.util.Locale.ROOT, "%s #%d on resource %d at +%.1f s: %s", fault.kind(),
							fault.id(), fault.resource(), fault.startMillis() / 1000.0, arrivals.isEmpty() ? "no notification"
									: String.format(java.util.Locale.ROOT, "first at +%.1f s", first / 1000.0)));
				}
			}
			if (arrivals.size() > 1) {
				duplicates += arrivals.size() - 1;
				counts.get(fault.kind())[4] += arrivals.size() - 1;
			}
			if (fault.kind().critical() && fault.kind() != FaultKind.FLAP && !arrivals.isEmpty()) {
				criticalSeconds.add((first - fault.alertableMillis()) / 1000.0);
			}
		}
		Collections.sort(criticalSeconds);
		Map<FaultKind, KindCounts> byKind = new EnumMap<>(FaultKind.class);
		counts.forEach((kind, c) -> byKind.put(kind, new KindCounts(c[0], c[1], c[2], c[3], c[4])));
		return new Result(plan.faultEvents(), mustAlert, firing, resolved, missed, late, falseAlarms, duplicates,
				List.copyOf(criticalSeconds), byKind, missedExamples, falseExamples);
	}

	/** The fault a firing alert is about, or null when none of its resource can be. */
	static Fault match(FaultPlan plan, NotifiedAlert alert, long arrivalMillis, long originMillis, Settings settings) {
		Long resource = resourceId(alert.resource());
		if (resource == null || plan.resource(resource) == null) {
			return null;
		}
		long reference = alert.startsAt() != null ? alert.startsAt().toEpochMilli() - originMillis : arrivalMillis;
		long tolerance = settings.tolerance().toMillis();
		Fault best = null;
		for (Fault fault : plan.faultsOf(resource)) {
			if (fault.startMillis() - tolerance > reference) {
				break;
			}
			if (fault.kind().explains(alert.condition())
					&& reference <= fault.endMillis() + settings.lateWindow().toMillis()
					&& (best == null || fault.startMillis() >= best.startMillis())) {
				best = fault;
			}
		}
		return best;
	}

	private static Long resourceId(String label) {
		if (label == null) {
			return null;
		}
		try {
			return Long.valueOf(label.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
