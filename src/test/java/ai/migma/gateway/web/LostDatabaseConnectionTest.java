package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaSystemException;

/**
 * Which failures count as "the database is unavailable" (503) rather than a bug (500). DatabaseOutageTest shows the
 * whole outage over HTTP; these are the shapes whose arrival there depends on timing.
 */
@UnitTest
class LostDatabaseConnectionTest {

    @Test
    void countsAFailedRollbackOnAConnectionHikariClosedAsUnavailable() {
        // What a read transaction throws when its connection broke mid-query and Hikari closed it under the rollback.
        JpaSystemException rollbackFailed = new JpaSystemException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        assertThat(ApiExceptionHandler.lostDatabaseConnection(rollbackFailed)).isTrue();
    }

    @Test
    void countsAConnectionSqlStateAnywhereInTheChainAsUnavailable() {
        assertThat(ApiExceptionHandler.lostDatabaseConnection(
                new IllegalStateException(new SQLException("I/O error", "08006")))).isTrue();
    }

    @Test
    void doesNotCountOtherSqlErrorsAsUnavailable() {
        assertThat(ApiExceptionHandler.lostDatabaseConnection(
                new IllegalStateException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(ApiExceptionHandler.lostDatabaseConnection(
                new TransactionException("Transaction already active"))).isFalse();
    }
}
