package io.opsguard.servicedesk;

import java.util.List;
import java.util.Map;

import io.opsguard.servicedesk.SupportGroupDirectory.GroupView;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support groups as other modules read them (alerting's notification routes): every group
 * whatever the organisation, its lead, and only the members whose accounts are enabled.
 */
class SupportGroupDirectoryIT extends ApiTestSupport {

	@Autowired
	SupportGroupDirectory directory;

	@Test
	void groupsTheirLeadsAndTheirEnabledMembersWhateverTheOrganisation() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long branch = createOrganisation(admin, root, unique("下级院"));
		String lead = unique("lead");
		String leaver = unique("leaver");
		createUserAndSignIn(admin, lead, branch, List.of());
		createUserAndSignIn(admin, leaver, branch, List.of());
		long leadId = userId(admin, lead);
		long leaverId = userId(admin, leaver);
		String name = unique("网络值班组");
		Response created = admin.post("/api/v1/support-groups", Map.of("name", name, "line", 2, "organisationId", branch,
				"memberIds", List.of(leadId, leaverId), "leadId", leadId));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long group = created.id();

		GroupView view = new GroupView(group, name, branch, leadId, true);
		assertThat(this.directory.find(group)).contains(view);
		assertThat(this.directory.all()).contains(view);
		assertThat(this.directory.members(group)).containsExactlyInAnyOrder(leadId, leaverId);

		Response disabled = admin.post("/api/v1/users/" + leaverId + "/disable", Map.of());
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
		assertThat(this.directory.members(group)).as("a disabled account receives nothing").containsExactly(leadId);

		int version = created.json().path("version").asInt();
		Response off = admin.put("/api/v1/support-groups/" + group, Map.of("name", name, "line", 2, "organisationId", branch,
				"memberIds", List.of(leadId, leaverId), "leadId", leadId, "enabled", false, "version", version));
		assertThat(off.status()).as(off.toString()).isEqualTo(200);
		assertThat(this.directory.find(group).orElseThrow().enabled()).isFalse();

		assertThat(this.directory.find(987_654_321L)).isEmpty();
		assertThat(this.directory.members(987_654_321L)).isEmpty();
	}

}
