package io.opsguard.cmdb;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the CMDB tests: class ids by code, CIs and relations created through the API. */
public abstract class CmdbTestSupport extends ApiTestSupport {

	protected long classId(ApiClient client, String code) {
		long id = find(client.get("/api/v1/cmdb/classes").json(), code);
		assertThat(id).as("class " + code).isPositive();
		return id;
	}

	private static long find(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node.path("id").asLong();
			}
			long found = find(node.path("children"), code);
			if (found > 0) {
				return found;
			}
		}
		return -1;
	}

	protected long ci(ApiClient client, String classCode, String name, long organisationId, Map<String, Object> attributes) {
		Map<String, Object> body = new HashMap<>();
		body.put("classId", classId(client, classCode));
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
