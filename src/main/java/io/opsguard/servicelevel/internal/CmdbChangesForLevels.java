package io.opsguard.servicelevel.internal;

import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CiRetired;
import io.opsguard.cmdb.RelationChanged;
import io.opsguard.cmdb.RelationType;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notes, inside the CMDB's transaction, the changes that can move a guarantee level, and turns
 * them into one {@link LevelsOutdated} per transaction: a 10,000-row import publishes it once, not
 * 10,000 times. Its publication is stored in the event publication registry in the same
 * transaction, so a crash after the commit leaves an incomplete publication that is retried, never
 * stale levels. The recomputation itself is {@link SystemLevels}'s {@code @ApplicationModuleListener}.
 */
@Component
class CmdbChangesForLevels {

	/** Marks a transaction that has published its {@link LevelsOutdated} already. */
	private static final TransactionSynchronization PUBLISHED = new TransactionSynchronization() {
	};

	private final ApplicationEventPublisher events;

	private final SystemLevels levels;

	CmdbChangesForLevels(ApplicationEventPublisher events, SystemLevels levels) {
		this.events = events;
		this.levels = levels;
	}

	@EventListener
	void on(RelationChanged event) {
		if (event.type() == RelationType.SUPPORTS) {
			outdated();
		}
	}

	@EventListener
	void on(CiChanged event) {
		if (alreadyPublished()) {
			return;
		}
		boolean flag = event.changedFields().contains("attributes." + SystemLevels.APPLICATION_SUPPORT);
		boolean moved = event.changedFields().contains("status") || event.changedFields().contains("classId");
		if (flag || moved && this.levels.concerns(event.ciId())) {
			outdated();
		}
	}

	@EventListener
	void on(CiRetired event) {
		if (!alreadyPublished() && this.levels.concerns(event.ciId())) {
			outdated();
		}
	}

	private static boolean alreadyPublished() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.getSynchronizations().contains(PUBLISHED);
	}

	private void outdated() {
		Long user = CurrentUsers.current().map(CurrentUser::id).orElse(null);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// not inside a transaction (the CMDB always is): nothing to wait for
			this.levels.recompute(null, null, user);
			return;
		}
		if (alreadyPublished()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(PUBLISHED);
		this.events.publishEvent(new LevelsOutdated(user));
	}

}
