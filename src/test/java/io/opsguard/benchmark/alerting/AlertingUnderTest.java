package io.opsguard.benchmark.alerting;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opsguard.monitoring.store.Sample;

/**
 * One alerting product in the fault-injection run. The run starts every product, then, every
 * {@link FaultPlan#step()} while the plan lasts, hands each one that {@link #pushes()} the plan's
 * gauges at that instant (on a thread of its own, so a slow product does not hold others back); a
 * product that scrapes reads the same gauges from {@link SimulatedMetrics}' endpoint instead. Its
 * notifications go to {@code sinkUrl}; {@link #parser()} reads them.
 * <p>
 * OpsGuard's implementation (the lead's) creates the plan's resources and their device
 * relations, points its webhook at {@code sinkUrl}, appends the pushed samples to its metric store
 * and lets its evaluator and notification steps work as in production.
 */
public interface AlertingUnderTest {

	/** Its name in the result table, also the sink's path. */
	String name();

	/** How often it evaluates its rules (the Prometheus side evaluates at the same interval). */
	default Duration evaluationInterval() {
		return Duration.ofSeconds(10);
	}

	/**
	 * Sets it up for the plan's resources (their devices: {@link FaultPlan.Resource#parent()}); after
	 * this it must be ready for the first push (or scrape). A product that is pushed to starts before
	 * the run's origin is fixed, so the plan it gets has a provisional {@link FaultPlan#origin()}: the
	 * run's instants come with {@link #push}.
	 */
	void start(FaultPlan plan, URI sinkUrl) throws Exception;

	/** Whether it wants the gauges pushed ({@link #push}); false when it scrapes them itself. */
	default boolean pushes() {
		return true;
	}

	/** The plan's gauges at {@code at} (one instant every step, in order). */
	void push(Instant at, List<Sample> samples);

	/** Reads the notification bodies it posted to the sink. */
	NotificationParser parser();

	/** Lines describing how it was set up, printed above the table. */
	default List<String> description() {
		return List.of();
	}

	/** Stops it and removes what it left; called also when the run failed. */
	void stop();

}
