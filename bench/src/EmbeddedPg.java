import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL for scenario 1's C-on-PostgreSQL run: starts on the port given, creates
 * the databases named after it (pgab gives each build its own), prints its JDBC URL on a line of
 * its own, and runs until it is stopped (SIGTERM closes it).
 */
public final class EmbeddedPg {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0]))
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // exiting
            }
        }));
        for (int i = 1; i < args.length; i++) {
            try (java.sql.Connection c = pg.getPostgresDatabase().getConnection();
                 java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + args[i]);
            }
        }
        System.out.println("JDBC " + pg.getJdbcUrl("postgres", "postgres"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
