package com.verdictdigest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.OnPostgres;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every test of {@link DatabaseTest} on PostgreSQL, and what a user gets wrong when they point at one. */
@OnPostgres
class DatabaseOnPostgresTest extends DatabaseTest {

    @Test
    void aWrongPasswordIsOneLineNamingTheDatabaseAndNotThePassword() throws Exception {
        String url = TestDatabase.url(dir);
        assertThatThrownBy(() -> Database.open(new StoreConfig(url, TestPostgres.PASSWORD_USER, "not-the-password-42")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the database " + url + ": ")
                .hasMessageContaining("password authentication failed")
                .message().doesNotContain("not-the-password-42").doesNotContain("\n");
    }

    @Test
    void aDatabaseThatIsDownFailsWithinTheConnectTimeout() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/verdicts";
        long start = System.nanoTime();
        assertThatThrownBy(() -> Database.open(new StoreConfig(url, "verdicts", "secret", 4, Duration.ofSeconds(2))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the database " + url + ": ")
                .hasMessageContaining("refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
