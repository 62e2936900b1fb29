package io.opsguard.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.opsguard.identity.internal.AuditChain.AuditRecord;
import io.opsguard.shared.Foreground;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single writer of the audit chain. Business transactions only insert their entries into
 * {@code idn_audit_pending}; after they commit, this seals the entries into {@code idn_audit_log}
 * in short transactions of at most {@value #BATCH} entries under the chain head's row lock: each
 * gets the next gapless id and its hash. A long import therefore holds no lock that other users
 * wait for, and nobody's request waits for the chain.
 * <p>
 * Sealing runs on one background thread per node, right after each commit and every few seconds
 * (for entries of a node that stopped before sealing, and after a restart). Readers of the log call
 * {@link #sealAll()} first, so they see every entry committed before they asked. Several nodes
 * may seal at once: the head row lock orders them. Between batches the writer gives way to
 * interactive work ({@link Foreground}): after an import of 10,000 rows it seals for seconds.
 */
@Component
class AuditSealer {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Foreground foreground;

	private final ReentrantLock sealing = new ReentrantLock();

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "audit-sealer");
		thread.setDaemon(true);
		return thread;
	});

	AuditSealer(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactionManager, Clock clock,
			Foreground foreground) {
		this.jdbc = jdbc;
		this.foreground = foreground;
		this.batch = batch;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.writer.scheduleWithFixedDelay(this::sealQuietly, 0, 5, TimeUnit.SECONDS);
	}

	/**
	 * Stops sealing without waiting and without interrupting: a sealing in progress ends on its own
	 * (or fails once the pool is closed, and its transaction rolls back). Entries not sealed yet wait
	 * in the pending table (they are committed) and are sealed at the next start, or by another
	 * node. Interrupting is never an option: H2 closes its database file when a thread doing file
	 * I/O is interrupted.
	 */
	@PreDestroy
	void stop() {
		this.writer.shutdown();
	}

	/** Seals the caller's entries once its transaction has committed (at once without one). */
	void sealAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					sealSoon();
				}
			});
		}
		else {
			sealSoon();
		}
	}

	/** Asks the writer thread to seal; returns at once. */
	void sealSoon() {
		if (this.queued.compareAndSet(false, true)) {
			try {
				this.writer.execute(() -> {
					this.queued.set(false);
					sealQuietly();
				});
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// shutting down: stop() seals what is left
				this.queued.set(false);
			}
		}
	}

	/** The writer's sealing: batch by batch, giving way to interactive work before each. */
	private void sealQuietly() {
		try {
			if (!anyPending()) {
				return;
			}
			Foreground.Batch work = this.foreground.batch();
			int sealed;
			do {
				work.giveWay();
				sealed = sealOneBatch();
			}
			while (sealed == BATCH);
		}
		catch (RuntimeException ex) {
			// retried by the next commit or sweep; the entries wait safely in idn_audit_pending
			log.warn("Sealing audit entries failed, will retry: {}", ex.toString());
		}
	}

	/** Seals every committed pending entry; returns how many. Waits for a sealing in progress. */
	int sealAll() {
		if (!anyPending()) {
			return 0;
		}
		this.sealing.lock();
		try {
			int total = 0;
			int sealed;
			do {
				sealed = sealOneBatch();
				total += sealed;
			}
			while (sealed == BATCH);
			return total;
		}
		finally {
			this.sealing.unlock();
		}
	}

	/** Seals at most {@value #BATCH} pending entries in a transaction of their own; returns how many. */
	private int sealOneBatch() {
		this.sealing.lock();
		try {
			Integer count = this.transactions.execute(status -> sealBatch());
			return count == null ? 0 : count;
		}
		finally {
			this.sealing.unlock();
		}
	}

	boolean anyPending() {
		return this.jdbc.sql("select count(*) from (select id from idn_audit_pending fetch first 1 rows only) p")
			.query(Long.class)
			.single() > 0;
	}

	/** Entries waiting to be sealed (committed ones only: the caller's view). */
	long pendingCount() {
		return this.jdbc.sql("select count(*) from idn_audit_pending").query(Long.class).single();
	}

	private int sealBatch() {
		Map<String, Object> head = this.jdbc.sql("select last_id, last_hash from idn_audit_head where id = 1 for update")
			.query()
			.singleRow();
		long lastId = ((Number) head.get("last_id")).longValue();
		String previousHash = (String) head.get("last_hash");
		List<Pending> pending = this.jdbc.sql("""
				select id, occurred_at, user_id, username, organisation_id, source_ip, action, target_type, target_id,
				  summary, summary_key, summary_args, via_token_id, outcome
				from idn_audit_pending order by id fetch first :limit rows only""")
			.param("limit", BATCH)
			.query((rs, i) -> new Pending(rs.getLong("id"), new AuditRecord(0, AuditChain.CURRENT_SCHEME,
					rs.getTimestamp("occurred_at").toInstant(), (Long) rs.getObject("user_id", Long.class),
					rs.getString("username"), (Long) rs.getObject("organisation_id", Long.class), rs.getString("source_ip"),
					rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("summary"),
					rs.getString("summary_key"), rs.getString("summary_args"),
					(Long) rs.getObject("via_token_id", Long.class), rs.getString("outcome"))))
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		List<AuditRecord> sealed = new ArrayList<>(pending.size() + 1);
		if (lastId > 0 && legacyTail(lastId)) {
			// the first entry of the current scheme after entries of the old one says so, on record
			sealed.add(new AuditRecord(0, AuditChain.CURRENT_SCHEME, AuditChain.stored(this.clock.instant()), null, null,
					null, null, "AUDIT_CHAIN_UPGRADED", "AuditLog", null, null, "audit.summary.schemeUpgraded",
					AuditLog.argsJson(List.of(lastId, previousHash.substring(0, 16))), null,
					AuditLog.SUCCESS));
		}
		pending.forEach(p -> sealed.add(p.entry()));
		List<Object[]> rows = new ArrayList<>(sealed.size());
		for (AuditRecord unsealed : sealed) {
			AuditRecord entry = withId(unsealed, ++lastId);
			String hash = AuditChain.hash(previousHash, entry);
			rows.add(new Object[] { entry.id(), AuditChain.CURRENT_SCHEME, Timestamp.from(AuditChain.stored(entry.occurredAt())),
					entry.userId(), entry.username(), entry.organisationId(), entry.sourceIp(), entry.action(),
					entry.targetType(), entry.targetId(), entry.summary(), entry.summaryKey(), entry.summaryArgs(),
					entry.viaTokenId(), entry.outcome(), previousHash, hash });
			previousHash = hash;
		}
		this.batch.batchUpdate("""
				insert into idn_audit_log (id, hash_scheme, occurred_at, user_id, username, organisation_id, source_ip,
				  action, target_type, target_id, summary, summary_key, summary_args, via_token_id, outcome, prev_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		this.batch.batchUpdate("delete from idn_audit_pending where id = ?",
				pending.stream().map(p -> new Object[] { p.pendingId() }).toList());
		this.jdbc.sql("update idn_audit_head set last_id = :id, last_hash = :hash where id = 1")
			.param("id", lastId)
			.param("hash", previousHash)
			.update();
		return pending.size();
	}

	private boolean legacyTail(long lastId) {
		return this.jdbc.sql("select hash_scheme from idn_audit_log where id = :id")
			.param("id", lastId)
			.query(Integer.class)
			.optional()
			.map(scheme -> scheme == AuditChain.LEGACY_SCHEME)
			.orElse(false);
	}

	private static AuditRecord withId(AuditRecord e, long id) {
		return new AuditRecord(id, e.scheme(), e.occurredAt(), e.userId(), e.username(), e.organisationId(), e.sourceIp(),
				e.action(), e.targetType(), e.targetId(), e.summary(), e.summaryKey(), e.summaryArgs(), e.viaTokenId(),
				e.outcome());
	}

	private record Pending(long pendingId, AuditRecord entry) {
	}

}
