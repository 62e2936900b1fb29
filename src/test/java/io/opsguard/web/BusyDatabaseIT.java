package io.opsguard.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that waits for a row another transaction holds: a short wait succeeds (H2's lock timeout
 * is 10 s, not its default 2 s), a wait past the timeout is a 503 "busy, try again" with
 * {@code Retry-After}, never a 500. The other transaction is a real one on the same H2 database.
 */
class BusyDatabaseIT extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void aShortLockWaitSucceedsAndALongOneIsA503WithRetryAfter() throws Exception {
		ApiClient admin = admin().language("zh-CN");
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("加锁机构"));

		try (Connection other = this.dataSource.getConnection()) {
			lock(other, organisation);
			CompletableFuture<Response> waiting = CompletableFuture
				.supplyAsync(() -> admin.post("/api/v1/organisations/" + organisation + "/disable", null));
			TimeUnit.SECONDS.sleep(3);
			other.commit();
			Response response = waiting.get(30, TimeUnit.SECONDS);
			assertThat(response.status()).as("a 3 s wait: " + response).isEqualTo(200);
		}

		try (Connection other = this.dataSource.getConnection()) {
			lock(other, organisation);
			long started = System.nanoTime();
			Response busy = admin.post("/api/v1/organisations/" + organisation + "/enable", null);
			long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
			other.rollback();
			assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
			assertThat(busy.contentType()).startsWith("application/problem+json");
			assertThat(busy.code()).isEqualTo("SYS-0013");
			assertThat(busy.json().path("title").asText()).isEqualTo("系统繁忙");
			assertThat(busy.json().path("detail").asText()).contains("请稍后重试");
			assertThat(busy.headers().get("retry-after")).containsExactly("3");
			assertThat(waited).as("seconds waited").isBetween(9L, 25L);
		}
		Response after = admin.post("/api/v1/organisations/" + organisation + "/enable", null);
		assertThat(after.status()).as("once the lock is gone: " + after).isEqualTo(200);
	}

	private static void lock(Connection connection, long organisation) throws Exception {
		connection.setAutoCommit(false);
		try (PreparedStatement select = connection.prepareStatement("select id from idn_organisation where id = ? for update")) {
			select.setLong(1, organisation);
			select.executeQuery().close();
		}
	}

}
