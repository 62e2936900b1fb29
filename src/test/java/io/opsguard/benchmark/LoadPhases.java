package io.opsguard.benchmark;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs a step on every client in its own thread for a while, pausing 0 to {@code maxThinkMillis} between steps. */
final class LoadPhases {

	private LoadPhases() {
	}

	static void run(List<LoadClient> clients, long millis, int maxThinkMillis,
			java.util.function.Consumer<LoadClient> step) throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		CountDownLatch done = new CountDownLatch(clients.size());
		for (LoadClient client : clients) {
			Thread thread = new Thread(() -> {
				try {
					while (running.get()) {
						step.accept(client);
						if (maxThinkMillis > 0) {
							Thread.sleep(ThreadLocalRandom.current().nextInt(maxThinkMillis + 1));
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
			thread.setDaemon(true);
			thread.start();
		}
		Thread.sleep(millis);
		running.set(false);
		done.await();
	}

}
