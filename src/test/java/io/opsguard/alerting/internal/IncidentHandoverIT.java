package io.opsguard.alerting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.opsguard.alerting.AlertRaised;
import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.cmdb.CmdbTestSupport;
import io.opsguard.servicedesk.MonitoringIncidents;
import io.opsguard.support.ApiClient;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Alert to incident through the event publication registry: the alert's transaction stores an
 * {@link AlertRaised} publication; a hand-over that fails (the service desk unavailable, OpsGuard
 * stopping) leaves it incomplete, and publishing it again — as every start does — opens the one
 * incident; a second delivery opens nothing more.
 */
class IncidentHandoverIT extends CmdbTestSupport {

	@MockitoSpyBean
	private MonitoringIncidents incidents;

	@Autowired
	private AlertLifecycle lifecycle;

	@Autowired
	private IncidentHandover handover;

	@Autowired
	private IncompleteEventPublications incomplete;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAlertWhoseHandOverFailedOpensExactlyOneIncidentOnceItIsPublishedAgain() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long system = ci(admin, "BUSINESS_SYSTEM", unique("不动产登记"), root, Map.of());
		long server = ci(admin, "PHYSICAL_SERVER", unique("登记库服务器"), root, Map.of());
		relate(admin, "DEPENDS_ON", system, server);
		ApiClient.Response rule = admin.post("/api/v1/alert-rules", Map.of("name", "登记库宕机", "kind", "THRESHOLD",
				"severity", "CRITICAL", "scopeKind", "RESOURCE", "scopeValue", String.valueOf(server), "metric", "cpu_usage",
				"operator", ">", "threshold", 99, "openIncident", true));
		assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
		doThrow(new TransientDataAccessResourceException("the service desk is restarting")).doCallRealMethod()
			.when(this.incidents)
			.openOrAttach(any());
		try {
			AlertRow alert = this.lifecycle.fire(new Firing(unique("fp-"), AlertRow.RULE, rule.id(), null, null, "登记库服务器：宕机",
					"当前值 100", AlertSeverity.CRITICAL, server, root, system, "cpu_usage", null, 100.0, 99.0,
					Instant.now(), Map.of(), true)).alert();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> incompleteHandOvers() == 1);
			assertThat(ticketsOf(system)).as("the failed hand-over opened nothing").isZero();

			// what a restart does (spring.modulith.events.republish-outstanding-events-on-restart)
			this.incomplete.resubmitIncompletePublications(publication -> true);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> incompleteHandOvers() == 0);
			assertThat(ticketsOf(system)).isEqualTo(1);
			long ticket = this.lifecycle.find(alert.id()).ticketId();

			// delivered twice (the first delivery's effect committed, its completion not): still one incident
			this.handover.on(new AlertRaised(alert.id(), server, AlertSeverity.CRITICAL, root));
			assertThat(ticketsOf(system)).isEqualTo(1);
			assertThat(this.lifecycle.find(alert.id()).ticketId()).isEqualTo(ticket);
		}
		finally {
			reset(this.incidents);
		}
	}

	private long ticketsOf(long system) {
		return this.jdbc.sql("select count(*) from sd_ticket where business_system_id = :system")
			.param("system", system)
			.query(Long.class)
			.single();
	}

	private long incompleteHandOvers() {
		return this.jdbc.sql("select count(*) from event_publication where event_type = :type and completion_date is null "
				+ "and listener_id like :listener")
			.param("type", AlertRaised.class.getName())
			.param("listener", "%IncidentHandover%")
			.query(Long.class)
			.single();
	}

}
