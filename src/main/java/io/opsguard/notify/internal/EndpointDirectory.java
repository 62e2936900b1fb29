package io.opsguard.notify.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opsguard.notify.NotificationEndpoints;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link NotificationEndpoints} over the configured endpoints. */
@Component
class EndpointDirectory implements NotificationEndpoints {

	private final EndpointStore store;

	EndpointDirectory(EndpointStore store) {
		this.store = store;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, EndpointSummary> findAll(Collection<Long> ids) {
		Map<Long, EndpointSummary> found = new LinkedHashMap<>();
		if (ids == null || ids.isEmpty()) {
			return found;
		}
		for (Endpoint endpoint : this.store.findAll(ids)) {
			found.put(endpoint.id(), new EndpointSummary(endpoint.id(), endpoint.name(), endpoint.kind().name(),
					endpoint.enabled(), !endpoint.kind().gateway()));
		}
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<EndpointSummary> robots() {
		return this.store.all()
			.stream()
			.filter(endpoint -> !endpoint.kind().gateway())
			.map(endpoint -> new EndpointSummary(endpoint.id(), endpoint.name(), endpoint.kind().name(), endpoint.enabled(),
					true))
			.toList();
	}

}
