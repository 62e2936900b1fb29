package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end API tests: the whole application on a random port, on the embedded H2
 * database in a fresh data directory, with a movable clock, a password encoder that counts its
 * checks, and {@code admin} signed in with a known password. Subclasses share one application
 * context.
 * <p>
 * This shared installation allows combined duties ({@code opsguard.identity.duties.allow-combined}):
 * test classes run in any order against one database, and {@code admin} must keep every right
 * however many auditors and security administrators they create. The separation of duties as
 * installed by default is tested on fresh installations of their own ({@code
 * SeparationOfDutiesIT}, {@code LastGrantHolderIT}, the browser journeys).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "opsguard.identity.duties.allow-combined=true")
@Import({ ApiTestSupport.TestClock.class, CountingPasswordEncoder.Installer.class })
public abstract class ApiTestSupport {

	public static final String ADMIN_PASSWORD = "Opsguard@Test2026";

	private static final Path DATA_DIR = newDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@DynamicPropertySource
	static void h2(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", DATA_DIR::toString);
		registry.add("opsguard.identity.admin-password", () -> ADMIN_PASSWORD);
		// each application context its own metric store: one process opens a store directory once
		registry.add("opsguard.monitoring.store.embedded.directory", () -> newDataDir().resolve("metrics").toString());
	}

	public static Path newDataDir() {
		try {
			Path dir = Files.createTempDirectory("opsguard-test-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected ApiClient client() {
		return new ApiClient(this.port);
	}

	protected ApiClient admin() {
		return client().signedIn("admin", ADMIN_PASSWORD);
	}

	protected static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The id of the root organisation created at first start. */
	protected long rootOrganisationId(ApiClient admin) {
		JsonNode tree = admin.get("/api/v1/organisations/tree").json();
		return tree.get(0).path("id").asLong();
	}

	/** The id of the CMDB class with this code, found anywhere in the class tree. */
	public static long cmdbClassId(ApiClient admin, String code) {
		long id = classIn(admin.get("/api/v1/cmdb/classes").json(), code);
		if (id < 0) {
			throw new AssertionError("no CMDB class " + code);
		}
		return id;
	}

	private static long classIn(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node.path("id").asLong();
			}
			long below = classIn(node.path("children"), code);
			if (below >= 0) {
				return below;
			}
		}
		return -1;
	}

	protected long createOrganisation(ApiClient admin, Long parentId, String name) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("parentId", parentId);
		body.put("name", name);
		body.put("code", unique("ORG-"));
		body.put("type", "SUBORDINATE");
		ApiClient.Response response = admin.post("/api/v1/organisations", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	protected long roleId(ApiClient admin, String code) {
		for (JsonNode role : admin.get("/api/v1/roles?size=200").json().path("items")) {
			if (role.path("code").asText().equals(code)) {
				return role.path("id").asLong();
			}
		}
		throw new AssertionError("no role " + code);
	}

	protected long createRole(ApiClient admin, List<String> permissions, String dataScope, List<Long> organisations) {
		ApiClient.Response response = admin.post("/api/v1/roles", Map.of("code", unique("R_"), "name", unique("角色"),
				"permissions", permissions, "dataScope", dataScope, "organisationIds", organisations));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	/** Creates a user with a chosen password that need not be changed (it is changed once here). */
	protected ApiClient createUserAndSignIn(ApiClient admin, String username, long organisationId, List<Long> roleIds) {
		String initial = "Init@" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = admin.post("/api/v1/users", Map.of("username", username, "displayName", username,
				"organisationId", organisationId, "roleIds", roleIds, "password", initial));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		ApiClient user = client().signedIn(username, initial);
		ApiClient.Response changed = user.post("/api/v1/auth/password",
				Map.of("currentPassword", initial, "newPassword", passwordOf(username)));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
		return user;
	}

	/** The id of the user with this username (within admin's scope). */
	protected long userId(ApiClient admin, String username) {
		for (JsonNode user : admin.get("/api/v1/users?q=" + username + "&size=200").json().path("items")) {
			if (user.path("username").asText().equals(username)) {
				return user.path("id").asLong();
			}
		}
		throw new AssertionError("no user " + username);
	}

	/** The password {@link #createUserAndSignIn} gives a user: fixed per username, never containing it. */
	protected static String passwordOf(String username) {
		return "Pw@" + Integer.toHexString(username.hashCode()) + "#Zq9";
	}

	/** The movable clock, starting at the real time. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

}
