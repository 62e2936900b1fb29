package io.opsguard.alerting.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting ({@code opsguard.alerting.*}).
 *
 * @param evaluationInterval how often the rules are evaluated over the newest samples
 * @param lookback a series whose newest sample is older than this is not evaluated (no data)
 * @param noDataResolveAfter an alert of a rule whose series stopped reporting is resolved after this
 * @param flapWindow the window flap detection looks back over
 * @param flapThreshold an alert that fires again this many times within the window is flapping
 * @param resolveHold the notice that an alert resolved waits this long, so that an alert firing
 *        again at once (a flapping link) is not told as resolved and fired again
 * @param eventAlertTimeout an alert raised by an event (a trap, a new process) resolves after this
 *        unless someone resolves it first
 * @param retention how long resolved alerts are kept (R-ALR-03: at least half a year)
 * @param notifyTick how often notification steps that fell due are sent
 * @param incidentJoinWindow alerts of one business system within this window join one open incident
 * @param ackLinkValidity how long the acknowledge link in a message works
 */
@ConfigurationProperties("opsguard.alerting")
public record AlertingProperties(@DefaultValue("5s") Duration evaluationInterval,
		@DefaultValue("15m") Duration lookback, @DefaultValue("30m") Duration noDataResolveAfter,
		@DefaultValue("30m") Duration flapWindow, @DefaultValue("3") int flapThreshold,
		@DefaultValue("30s") Duration resolveHold,
		@DefaultValue("24h") Duration eventAlertTimeout, @DefaultValue("180d") Duration retention,
		@DefaultValue("1s") Duration notifyTick, @DefaultValue("30m") Duration incidentJoinWindow,
		@DefaultValue("24h") Duration ackLinkValidity) {
}
