package io.opsguard.monitoring.internal;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.StoreStatus;
import io.opsguard.shared.OpsGuardException;

import org.springframework.stereotype.Service;

/**
 * Reads the metric store for a user: a series with a {@code resource} label is visible when the
 * resource's CI belongs to the user's data scope; a series without one (OpsGuard's own metrics)
 * only with {@code monitoring:store:manage}. Store failures become {@code MON-0112}.
 */
@Service
public class MetricQueries {

	/** The most series one range query may return. */
	public static final int MAX_SERIES = 500;

	/** The most series a latest-value or Top-N query looks through. */
	public static final int MAX_CANDIDATES = 100_000;

	private final MetricStore store;

	private final ConfigurationItems items;

	MetricQueries(MetricStore store, ConfigurationItems items) {
		this.store = store;
		this.items = items;
	}

	/** The visible series matching a selector, at most {@code limit} (one more shows there are more). */
	public List<SeriesKey> find(SeriesSelector selector, int limit, CurrentUser user) {
		Visible visible = visible(selector, user);
		return visible.keys().stream().limit(limit).toList();
	}

	public List<SeriesPoints> range(SeriesSelector selector, Instant from, Instant to, Duration step, CurrentUser user) {
		Visible visible = visible(selector, user);
		if (visible.keys().size() > MAX_SERIES) {
			throw OpsGuardException.onField("series", MetricError.TOO_MANY_SERIES, MAX_SERIES);
		}
		if (visible.selector() == null) {
			return List.of();
		}
		return guarded(() -> this.store.range(visible.selector(), from, to, step))
			.stream()
			.filter(points -> visible.test(points.series()))
			.toList();
	}

	public List<LatestValue> latest(SeriesSelector selector, Duration lookback, CurrentUser user) {
		Visible visible = visible(selector, user);
		if (visible.selector() == null) {
			return List.of();
		}
		return guarded(() -> this.store.latest(visible.selector(), lookback)).stream()
			.filter(value -> visible.test(value.series()))
			.toList();
	}

	public List<LatestValue> top(SeriesSelector selector, int n, boolean highest, Duration lookback, CurrentUser user) {
		Visible visible = visible(selector, user);
		if (visible.selector() == null) {
			return List.of();
		}
		return guarded(() -> this.store.top(visible.selector(), n + visible.hidden(), highest, lookback)).stream()
			.filter(value -> visible.test(value.series()))
			.limit(n)
			.toList();
	}

	public StoreStatus status() {
		return guarded(this.store::status);
	}

	/** The names of the resources (CIs) these series belong to, by id. */
	public Map<Long, String> resourceNames(Collection<SeriesKey> keys) {
		Set<Long> ids = new HashSet<>();
		for (SeriesKey key : keys) {
			Long id = resource(key);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids.isEmpty() ? Map.of() : this.items.names(ids);
	}

	public static Long resource(SeriesKey key) {
		String value = key.label(SeriesKey.RESOURCE);
		if (value == null || value.length() > 18 || !value.chars().allMatch(Character::isDigit) || value.isEmpty()) {
			return null;
		}
		return Long.valueOf(value);
	}

	/**
	 * What a user sees of a selector: the matching keys they may read, a selector narrowed to them
	 * (null when none), and how many matching series are hidden.
	 */
	private record Visible(SeriesSelector selector, List<SeriesKey> keys, Predicate<SeriesKey> visible, int hidden) {

		boolean test(SeriesKey key) {
			return this.visible.test(key);
		}

	}

	private Visible visible(SeriesSelector selector, CurrentUser user) {
		List<SeriesKey> keys = guarded(() -> this.store.find(selector, MAX_CANDIDATES));
		boolean manage = user.hasPermission(MonitoringStorePermissions.MANAGE);
		DataScope scope = user.scope();
		if (scope.all() && manage) {
			return new Visible(selector, keys, key -> true, 0);
		}
		Set<Long> resources = new HashSet<>();
		for (SeriesKey key : keys) {
			Long id = resource(key);
			if (id != null) {
				resources.add(id);
			}
		}
		Set<String> allowed = new HashSet<>();
		if (scope.all()) {
			resources.forEach(id -> allowed.add(String.valueOf(id)));
		}
		else if (!resources.isEmpty()) {
			this.items.organisations(resources).forEach((id, organisation) -> {
				if (scope.includes(organisation)) {
					allowed.add(String.valueOf(id));
				}
			});
		}
		Predicate<SeriesKey> visible = key -> {
			String resource = key.label(SeriesKey.RESOURCE);
			return resource == null ? manage : allowed.contains(resource) && resource(key) != null;
		};
		List<SeriesKey> shown = new ArrayList<>();
		for (SeriesKey key : keys) {
			if (visible.test(key)) {
				shown.add(key);
			}
		}
		int hidden = keys.size() - shown.size();
		SeriesSelector narrowed;
		if (shown.isEmpty()) {
			narrowed = null;
		}
		else if (manage) {
			narrowed = selector;
		}
		else {
			narrowed = selector.where(SeriesKey.RESOURCE, allowed);
		}
		return new Visible(narrowed, shown, visible, hidden);
	}

	private static <T> T guarded(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw new OpsGuardException(MetricError.STORE_UNAVAILABLE);
		}
	}

}
