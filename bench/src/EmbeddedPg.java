import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL for scenario 1's C-on-PostgreSQL run: starts on the port given, creates
 * the databases named after it (pgab gives each build its own), prints its JDBC URL on a line of
 * its own, and runs until it is stopped (SIGTERM closes it).
 *
 * <p>Durable, as a real server is: the embedded server starts with {@code fsync} and
 * {@code synchronous_commit} off unless told otherwise (quick for tests, and a commit it
 * acknowledged could be lost), so this turns both on; the target is an ack after a durable write.
 * It prints both settings as the server reports them ({@code SETTINGS ...}).
 */
public final class EmbeddedPg {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0]))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
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
        try (java.sql.Connection c = pg.getPostgresDatabase().getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rs.next();
            System.out.println("SETTINGS fsync=" + rs.getString(1) + " synchronous_commit=" + rs.getString(2));
        }
        System.out.println("JDBC " + pg.getJdbcUrl("postgres", "postgres"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
