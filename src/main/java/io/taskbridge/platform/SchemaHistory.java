package io.taskbridge.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What Flyway's history table says, read with one query: whether every migration this build ships
 * is applied. When it is, a start need not load Flyway at all (scanning, parsing and validating
 * cost a quarter of a second on a warm machine, every start). Anything else (no history yet, a
 * version missing, a failed row, an unreadable table) is left to Flyway, which takes its lock
 * first: instances starting together on PostgreSQL still migrate one at a time.
 */
final class SchemaHistory {
    /**
     * Every version in {@code db/migration}: the SQL files and the Java migrations. SchemaHistoryTest
     * fails when a migration is added without its version here.
     */
    static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "10", "11", "12", "13", "15", "19", "21", "22", "23", "24", "25");

    private SchemaHistory() {}

    /** The newest version this build ships. */
    static String latest() {
        return VERSIONS.get(VERSIONS.size() - 1);
    }

    /** True when every version in {@link #VERSIONS} is applied successfully and nothing has failed. */
    static boolean current(DataSource ds) {
        Set<String> applied = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
        } catch (SQLException e) {
            return false; // no history table yet: a new database
        }
        return applied.containsAll(VERSIONS);
    }
}
