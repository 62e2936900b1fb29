package io.opsguard.cmdb;

import java.util.HashMap;
import java.util.Map;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the CMDB tests: CIs and relations created through the API (class ids: {@link #cmdbClassId}). */
public abstract class CmdbTestSupport extends ApiTestSupport {

	protected long ci(ApiClient client, String classCode, String name, long organisationId, Map<String, Object> attributes) {
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cmdbClassId(client, classCode));
		body.put("code", unique(classCode.substring(0, 3) + "-"));
		body.put("name", name);
		body.put("organisationId", organisationId);
		body.put("attributes", attributes);
		Response response = client.post("/api/v1/cmdb/cis", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	protected long relate(ApiClient client, String type, long source, long target) {
		Response response = client.post("/api/v1/cmdb/relations",
				Map.of("type", type, "sourceId", source, "targetId", target));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

}
