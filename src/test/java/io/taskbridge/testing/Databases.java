package io.taskbridge.testing;

import io.taskbridge.platform.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for tests: a fresh SQLite file, or a fresh database in one embedded PostgreSQL
 * server that the whole test JVM shares (started once, stopped at exit).
 */
public final class Databases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Databases() {}

    public enum Kind { SQLITE, POSTGRES }

    public static String url(Kind kind) {
        return kind == Kind.SQLITE ? sqliteUrl() : postgresUrl();
    }

    public static Database open(Kind kind) {
        return Database.open(url(kind), "postgres", "postgres");
    }

    public static String sqliteUrl() {
        try {
            Path dir = Files.createTempDirectory("taskbridge-test");
            return "jdbc:sqlite:" + dir.resolve("taskbridge.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on the shared embedded server. */
    public static String postgresUrl() {
        EmbeddedPostgres pg = Server.PG;
        String name = "tb_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** Started on first use (class initialisation is once and thread-safe), stopped at JVM exit. */
    private static final class Server {
        static final EmbeddedPostgres PG = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
