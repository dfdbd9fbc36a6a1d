package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's own tables, on PostgreSQL only: there the ReminderJob's schedule lives in Quartz's
 * clustered JDBC job store, shared by every instance. SQLite runs one instance with Quartz's RAM
 * store, so on SQLite this migration is recorded and does nothing; the same migration history
 * holds on both databases.
 */
public final class V5__quartz_tables extends BaseJavaMigration {
    static final String DDL = "/quartz/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (String statement : ddl().split(";")) {
                String sql = statement.strip();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
    }

    private static String ddl() {
        try (InputStream in = V5__quartz_tables.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
