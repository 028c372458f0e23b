package com.verdictdigest.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, with the schema brought up to date by versioned migrations on open. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Longer than any statement of ours takes; the fix-audience insert of a large list is the longest. */
    private static final int SOCKET_TIMEOUT_SECONDS = 300;

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        if (config.url().startsWith("jdbc:postgresql:")) {
            // A network that drops silently would leave a query waiting for ever: give up after a
            // while and notice dead peers, so a sender stops and resumes instead of hanging.
            hikari.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
        }
        hikari.setPoolName("verdicts");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + config.safeUrl() + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(ds)
                    // Domain tables are portable; Quartz ships one schema per database.
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(config.url()))
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Database schema migrated to version {}", result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the database " + config.safeUrl() + ": " + rootMessage(e), e);
        }
        return new Database(ds);
    }

    /** The folder of a database's own migrations: db/vendor/h2 or db/vendor/postgresql. */
    private static String vendor(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (url.startsWith("jdbc:h2:")) {
            return "h2";
        }
        throw new StoreException("unsupported database " + url + ": H2 and PostgreSQL are supported", null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
