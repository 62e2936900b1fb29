package io.opsguard.cmdb.internal;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a short write in a transaction of its own and, when the database gives up waiting for a
 * lock (a lock timeout, or a deadlock it broke), runs it once more: the first attempt was rolled
 * back entirely, so the second sees the state the winner left. Inside a caller's transaction the
 * work only joins it, and the caller decides.
 */
@Component
class LockRetry {

	private static final Logger log = LoggerFactory.getLogger(LockRetry.class);

	private final TransactionTemplate transactions;

	LockRetry(TransactionTemplate transactions) {
		this.transactions = transactions;
	}

	<T> T inTransaction(String what, Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		try {
			return this.transactions.execute(status -> work.get());
		}
		catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
			log.info("{} waited too long for a lock ({}); trying once more", what, ex.getClass().getSimpleName());
			return this.transactions.execute(status -> work.get());
		}
	}

}
