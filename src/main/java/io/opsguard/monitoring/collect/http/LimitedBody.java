package io.opsguard.monitoring.collect.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit: the rest is not read (the subscription is cancelled), so a
 * monitored page of any size costs at most the limit in memory.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Body> {

	/** The bytes read and whether the body went on past them. */
	public record Body(byte[] bytes, boolean truncated) {
	}

	private final int limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<Body> result = new CompletableFuture<>();

	private Flow.Subscription subscription;

	public LimitedBody(int limit) {
		this.limit = limit;
	}

	@Override
	public CompletionStage<Body> getBody() {
		return this.result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		if (this.result.isDone()) {
			return;
		}
		for (ByteBuffer item : items) {
			int room = this.limit - this.bytes.size();
			int take = Math.min(room, item.remaining());
			byte[] chunk = new byte[take];
			item.get(chunk);
			this.bytes.write(chunk, 0, take);
			if (item.hasRemaining()) {
				this.result.complete(new Body(this.bytes.toByteArray(), true));
				this.subscription.cancel();
				return;
			}
		}
	}

	@Override
	public void onError(Throwable throwable) {
		this.result.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.result.complete(new Body(this.bytes.toByteArray(), false));
	}

}
