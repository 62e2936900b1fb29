package io.opsguard.notify.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications ({@code opsguard.notify.*}); SMTP itself is configured with {@code spring.mail.*}.
 *
 * @param baseUrl the address users open the web UI at: links in messages start with it
 * @param defaultLocale the language of users who chose none, and of addresses and robots
 * @param mail the sender of e-mail
 * @param dispatchInterval how often the outbox is looked at
 * @param batchSize messages claimed per round
 * @param backoff the waits after the 1st, 2nd, … failure; the last one repeats
 * @param maxAttempts after this many failures a message is given up (DEAD)
 * @param claimTimeout a message being sent by a node that died is sent again after this
 * @param connectTimeout connecting to a webhook or gateway
 * @param requestTimeout a webhook or gateway answering
 * @param heartbeat a comment line on each open event stream this often, so proxies keep it open
 * @param streamTimeout an event stream is closed after this (the browser reconnects)
 * @param dispatchCriticalAtOnce a critical notice (an alert that must reach people within seconds)
 *        is dispatched as soon as its transaction commits, not at the next dispatch round
 */
@ConfigurationProperties("opsguard.notify")
public record NotifyProperties(@DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue("zh-CN") String defaultLocale, @DefaultValue Mail mail, @DefaultValue("5s") Duration dispatchInterval,
		@DefaultValue("50") int batchSize, @DefaultValue({ "30s", "2m", "10m", "1h" }) List<Duration> backoff,
		@DefaultValue("6") int maxAttempts, @DefaultValue("5m") Duration claimTimeout,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("25s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("true") boolean dispatchCriticalAtOnce) {

	/**
	 * @param from the sender's address
	 * @param fromName the sender's name shown to readers
	 */
	public record Mail(@DefaultValue("opsguard@localhost") String from, @DefaultValue("运维保障平台") String fromName) {
	}

}
