package io.opsguard.notify.internal;

import java.time.Instant;
import java.util.Map;

/**
 * A configured webhook robot or gateway. {@code secret} stays inside the module: views say only
 * whether one is set.
 */
public record Endpoint(long id, String name, EndpointKind kind, String url, String method, Map<String, String> headers,
		String bodyTemplate, String secret, boolean enabled, int version, Instant createdAt, Instant updatedAt) {

	public boolean secretSet() {
		return this.secret != null && !this.secret.isEmpty();
	}

	@Override
	public String toString() {
		return "Endpoint[" + this.id + " " + this.kind + " " + this.name + "]";
	}

}
