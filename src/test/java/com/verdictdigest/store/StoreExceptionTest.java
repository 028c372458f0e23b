package com.verdictdigest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

    @Test
    void aDatabaseOutOfReachIsToldApartFromOneThatRefusesTheWork() {
        assertThat(new StoreException("x", new SQLException("broken pipe", "08006")).isConnectionLost()).isTrue();
        assertThat(new StoreException("x", new SQLException("terminating connection", "57P01")).isConnectionLost()).isTrue();
        assertThat(new StoreException("x", new SQLTransientConnectionException("pool timed out")).isConnectionLost()).isTrue();
        assertThat(new StoreException("x", new RuntimeException(new SQLException("reset", "08S01"))).isConnectionLost()).isTrue();
        assertThat(new StoreException("x", new SQLException("Connection is closed")).isConnectionLost()).isTrue();
        assertThat(new StoreException("x", new SQLException("duplicate key", "23505")).isConnectionLost()).isFalse();
        assertThat(new StoreException("x", new SQLException("some other trouble")).isConnectionLost()).isFalse();
        assertThat(new StoreException("x", new SQLException("deadlock detected", "40P01")).isConnectionLost()).isFalse();
        assertThat(new StoreException("x", null).isConnectionLost()).isFalse();
    }
}
