package io.opsguard.web;

import java.sql.SQLException;
import java.time.DateTimeException;

import io.opsguard.shared.CommonError;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failure wrapped by Spring Data JDBC or a driver means to the client. */
class ApiErrorAdviceTests {

	@Test
	void lockWaitsDeadlocksAndCancelledStatementsAreBusyWhereverTheyAreWrapped() {
		for (Throwable cause : new Throwable[] { new CannotAcquireLockException("lock"),
				new DeadlockLoserDataAccessException("deadlock", null), new PessimisticLockingFailureException("lock"),
				new QueryTimeoutException("timeout"), sql("40001", 0), sql("40P01", 0), sql("55P03", 0), sql("57014", 0),
				sql("HYT00", 50200), sql(null, 50200) }) {
			assertThat(ApiErrorAdvice.knownCause(new RuntimeException("wrapped", cause))).as(cause.toString())
				.isEqualTo(CommonError.BUSY);
		}
	}

	@Test
	void aStaleVersionStaysAConflictAndADateBeyondRangeIsBadInput() {
		assertThat(ApiErrorAdvice.knownCause(new RuntimeException(new OptimisticLockingFailureException("stale"))))
			.isEqualTo(CommonError.CONCURRENT_MODIFICATION);
		assertThat(ApiErrorAdvice.knownCause(new IllegalStateException(new DateTimeException("year"))))
			.isEqualTo(CommonError.TIME_OUT_OF_RANGE);
		assertThat(ApiErrorAdvice.knownCause(new IllegalStateException(sql("23505", 0)))).isNull();
		assertThat(ApiErrorAdvice.knownCause(new NullPointerException())).isNull();
	}

	@Test
	void valuesTheDatabaseCannotStoreAreBadInput() {
		for (String state : new String[] { "22021", "22001", "22003", "22P05" }) {
			assertThat(ApiErrorAdvice.knownCause(new org.springframework.dao.DataIntegrityViolationException("data",
					new SQLException("reason", state, 0)))).as(state).isEqualTo(CommonError.UNSTORABLE_VALUE);
		}
	}

	private static Throwable sql(String state, int code) {
		return new UncategorizedSQLException("task", "sql", new SQLException("reason", state, code));
	}

}
