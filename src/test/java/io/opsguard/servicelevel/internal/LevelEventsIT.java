package io.opsguard.servicelevel.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CmdbTestSupport;
import io.opsguard.support.ApiClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

/**
 * Levels follow the CMDB through a reliable module event: the CMDB's transaction stores one
 * {@link LevelsOutdated} publication with its change, {@link SystemLevels} recomputes after the
 * commit, and a recomputation that fails leaves the publication incomplete until it is published
 * again (as at every start) and completes.
 */
@EnableScenarios
class LevelEventsIT extends CmdbTestSupport {

	private static final String OUTDATED = LevelsOutdated.class.getName();

	@Autowired
	private SystemLevels levels;

	@MockitoSpyBean
	private LevelStore store;

	@Autowired
	private IncompleteEventPublications incomplete;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private ApplicationEventPublisher events;

	@Test
	void aSupportsRelationMakesTheSupportSystemFollowMomentsAfterTheCommit(Scenario scenario) {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long supported = ci(admin, "BUSINESS_SYSTEM", unique("网上办案"), root, Map.of());
		long support = ci(admin, "BUSINESS_SYSTEM", unique("统一认证"), root, Map.of("applicationSupport", true));
		this.levels.graded(supported, 2, 0, null);

		scenario.stimulate(() -> relate(admin, "SUPPORTS", support, supported))
			.andWaitForStateChange(() -> this.levels.levelOf(support))
			.andVerify(level -> assertThat(level).contains(2));
		assertThat(this.store.history(support).get(0).cause()).isEqualTo(SystemLevels.Cause.INHERITED);
		assertThat(incompleteOutdated()).isZero();
	}

	@Test
	void aRecomputationThatFailsIsRetriedAndCompletes() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long supported = ci(admin, "BUSINESS_SYSTEM", unique("检务公开"), root, Map.of());
		long support = ci(admin, "BUSINESS_SYSTEM", unique("电子签章"), root, Map.of("applicationSupport", true));
		this.levels.graded(supported, 3, 0, null);
		doThrow(new TransientDataAccessResourceException("the database is restarting")).doCallRealMethod()
			.when(this.store)
			.lockForRecompute();
		try {
			relate(admin, "SUPPORTS", support, supported);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> incompleteOutdated() == 1);
			assertThat(this.levels.levelOf(support)).as("the failed recomputation changed nothing").isEmpty();

			// what a restart does (spring.modulith.events.republish-outstanding-events-on-restart)
			this.incomplete.resubmitIncompletePublications(publication -> true);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.levels.levelOf(support).isPresent());
			assertThat(this.levels.levelOf(support)).contains(3);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> incompleteOutdated() == 0);
		}
		finally {
			reset(this.store);
		}
	}

	@Test
	void aTransactionWithThousandsOfChangesPublishesOneRecomputation() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		List<Long> systems = List.of(ci(admin, "BUSINESS_SYSTEM", unique("甲"), root, Map.of()),
				ci(admin, "BUSINESS_SYSTEM", unique("乙"), root, Map.of()));
		long before = publications();
		this.transactions.executeWithoutResult(tx -> {
			for (int i = 0; i < 5_000; i++) {
				this.events.publishEvent(new CiChanged(systems.get(i % 2), java.util.Set.of("attributes.applicationSupport")));
			}
		});
		assertThat(publications() - before).isEqualTo(1);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> incompleteOutdated() == 0);
	}

	private long publications() {
		return this.jdbc.sql("select count(*) from event_publication where event_type = :type")
			.param("type", OUTDATED)
			.query(Long.class)
			.single();
	}

	private long incompleteOutdated() {
		return this.jdbc.sql("select count(*) from event_publication where event_type = :type and completion_date is null")
			.param("type", OUTDATED)
			.query(Long.class)
			.single();
	}

}
