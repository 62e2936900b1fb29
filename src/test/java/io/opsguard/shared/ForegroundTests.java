package io.opsguard.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForegroundTests {

	private final Foreground foreground = new Foreground();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void aBatchDoesNotWaitWhenNobodyIsWaitingForTheScreen() {
		Foreground.Batch batch = this.foreground.batch();
		long started = System.nanoTime();
		for (int i = 0; i < 10_000; i++) {
			batch.giveWay();
		}
		assertThat(batch.waitedNanos()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void interactiveWorkReturnsItsResultAndCountsWhileItRuns() throws Exception {
		assertThat(this.foreground.busy()).isFalse();
		CountDownLatch started = new CountDownLatch(1);
		Future<String> signIn = this.threads.submit(() -> this.foreground.run(() -> {
			started.countDown();
			await(this.release);
			return "checked";
		}));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.foreground.busy()).isTrue();
		this.release.countDown();
		assertThat(signIn.get(5, TimeUnit.SECONDS)).isEqualTo("checked");
		assertThat(this.foreground.busy()).isFalse();
		assertThatThrownBy(() -> this.foreground.run(() -> {
			throw new IllegalStateException("wrong password store");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(this.foreground.busy()).as("a failed check no longer counts as running").isFalse();
	}

	@Test
	void aBatchWaitsWhileInteractiveWorkRunsAndGoesOnWhenItEnds() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		this.threads.submit(() -> this.foreground.run(() -> {
			started.countDown();
			await(this.release);
			return null;
		}));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Foreground.Batch batch = this.foreground.batch();
		CompletableFuture<Void> step = CompletableFuture.runAsync(batch::giveWay, this.threads);
		Thread.sleep(100);
		assertThat(step).as("the batch waits while a password is checked").isNotDone();
		this.release.countDown();
		step.get(5, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(batch.waitedNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aStormOfSignInsSlowsABatchDownButCannotStopIt() throws Exception {
		AtomicBoolean storming = new AtomicBoolean(true);
		CountDownLatch started = new CountDownLatch(1);
		this.threads.submit(() -> this.foreground.run(() -> {
			started.countDown();
			await(this.release);
			storming.set(false);
			return null;
		}));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Foreground.Batch batch = this.foreground.batch();
		long began = System.nanoTime();
		int steps = 0;
		while (steps < 40) {
			batch.giveWay();
			Thread.sleep(5);
			steps++;
		}
		long elapsed = System.nanoTime() - began;
		assertThat(storming).as("interactive work was running all the time").isTrue();
		assertThat(batch.waitedNanos()).isPositive()
			.isLessThanOrEqualTo((long) (elapsed * Foreground.SHARE_WAITING) + Foreground.ALLOWANCE_NANOS
					+ TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(Duration.ofNanos(elapsed)).as("forty short steps finish although sign-ins never stop")
			.isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void anInterruptedBatchStopsWaitingAndKeepsTheInterrupt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		this.threads.submit(() -> this.foreground.run(() -> {
			started.countDown();
			await(this.release);
			return null;
		}));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Foreground.Batch batch = this.foreground.batch();
		Thread.currentThread().interrupt();
		long began = System.nanoTime();
		batch.giveWay();
		assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(200));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
