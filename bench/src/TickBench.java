import io.taskbridge.platform.Json;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.reminder.ReminderJob;
import io.taskbridge.platform.Database;
import io.taskbridge.platform.Dialect;
import io.taskbridge.testing.Databases;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Scenario 3: one reminder tick claiming {@code DUE} due reminders and queueing their outbox rows,
 * with 10k and with 1M tasks stored (each with one reminder in the future, so the reminders table
 * grows with the tasks too), on SQLite and on embedded PostgreSQL. Rows are loaded in bulk (batched
 * inserts in one transaction on SQLite, COPY on PostgreSQL), not through the service.
 *
 * <p>Each configuration: five warm-up ticks (discarded), then {@code TICKS} measured ticks, each on a
 * fresh set of {@code DUE} due reminders on random tasks. Prints one {@code TICK} line per
 * configuration. Usage: {@code TickBench SIZES DUE TICKS KINDS}, e.g. {@code 10000,1000000 1000 5 SQLITE,POSTGRES}.
 */
public final class TickBench {
    static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int due = Integer.parseInt(args[1]);
        int ticks = Integer.parseInt(args[2]);
        String[] kinds = args[3].split(",");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        for (String k : kinds) {
            Databases.Kind kind = Databases.Kind.valueOf(k);
            for (int n : sizes) {
                try (Database db = Databases.open(kind)) {
                    long t0 = System.nanoTime();
                    String url = load(db, n);
                    double loadS = (System.nanoTime() - t0) / 1e9;
                    Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, row -> { });
                    ReminderJob job = new ReminderJob(db.jdbi(), db.dialect(), outbox, clock, false);
                    Random random = new Random(42);
                    List<Double> ms = new ArrayList<>();
                    int claimed = 0;
                    int warmups = 5;
                    for (int i = 1 - warmups; i <= ticks; i++) {
                        addDue(db, n, due, random, i + warmups);
                        long s = System.nanoTime();
                        ReminderJob.Tick tick = job.tick();
                        double took = (System.nanoTime() - s) / 1e6;
                        if (tick.reminders() != due) {
                            throw new IllegalStateException("tick claimed " + tick.reminders() + " of " + due);
                        }
                        if (i > 0) {
                            ms.add(took);
                            claimed += tick.reminders();
                        }
                    }
                    long outboxRows = count(db, "SELECT count(*) FROM outbox");
                    long left = count(db, "SELECT count(*) FROM reminders WHERE fire_at <= " + NOW);
                    ms.sort(null);
                    System.out.printf("TICK kind=%s tasks=%d due=%d ticks=%d load_s=%.1f min_ms=%.1f median_ms=%.1f max_ms=%.1f"
                                    + " claimed=%d outbox_rows=%d due_left=%d%n", kind, n, due, ticks, loadS, ms.get(0),
                            ms.get(ms.size() / 2), ms.get(ms.size() - 1), claimed, outboxRows, left);
                    if (kind == Databases.Kind.SQLITE) {
                        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(url.substring("jdbc:sqlite:".length())));
                    }
                }
            }
        }
        System.exit(0); // the embedded PostgreSQL stops in its shutdown hook
    }

    /** N open tasks in channel C1, assigned to a Slack user, each with an overdue reminder a day ahead. */
    static String load(Database db, int n) throws SQLException {
        return db.jdbi().withHandle(h -> {
            Connection c = h.getConnection();
            String url = c.getMetaData().getURL();
            if (db.dialect() == Dialect.POSTGRES) {
                PGConnection pg = c.unwrap(PGConnection.class);
                try {
                    pg.getCopyAPI().copyIn("COPY tasks (id, title, status, priority, assignee, created_by, due_at,"
                            + " slack_team, slack_channel, slack_ts, created_at, updated_at) FROM STDIN (FORMAT csv)",
                            new CsvRows(n, i -> i + ",Task " + i + ",TODO,MEDIUM,U" + (i % 500) + ",UBOB,"
                                    + (NOW + 86_400_000L * 2) + ",T1,C" + (i % 50) + ",1700000000." + i + "," + NOW + "," + NOW + "\n"));
                    pg.getCopyAPI().copyIn("COPY reminders (task_id, kind, recipient, fire_at, created_at) FROM STDIN (FORMAT csv)",
                            new CsvRows(n, i -> i + ",overdue,\"\"," + (NOW + 86_400_000L * 3) + "," + NOW + "\n"));
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT setval(pg_get_serial_sequence('tasks', 'id'), " + n + ")");
                        s.execute("ANALYZE");
                    }
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
                return url;
            }
            c.setAutoCommit(false);
            try (PreparedStatement t = c.prepareStatement("INSERT INTO tasks (id, title, status, priority, assignee, created_by,"
                    + " due_at, slack_team, slack_channel, slack_ts, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement r = c.prepareStatement("INSERT INTO reminders (task_id, kind, recipient, fire_at, created_at)"
                         + " VALUES (?,?,?,?,?)")) {
                for (int i = 1; i <= n; i++) {
                    t.setLong(1, i);
                    t.setString(2, "Task " + i);
                    t.setString(3, "TODO");
                    t.setString(4, "MEDIUM");
                    t.setString(5, "U" + (i % 500));
                    t.setString(6, "UBOB");
                    t.setLong(7, NOW + 86_400_000L * 2);
                    t.setString(8, "T1");
                    t.setString(9, "C" + (i % 50));
                    t.setString(10, "1700000000." + i);
                    t.setLong(11, NOW);
                    t.setLong(12, NOW);
                    t.addBatch();
                    r.setLong(1, i);
                    r.setString(2, "overdue");
                    r.setString(3, "");
                    r.setLong(4, NOW + 86_400_000L * 3);
                    r.setLong(5, NOW);
                    r.addBatch();
                    if (i % 10_000 == 0) {
                        t.executeBatch();
                        r.executeBatch();
                    }
                }
                t.executeBatch();
                r.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            return url;
        });
    }

    /** DUE reminders of kind 'due', already due, on distinct random tasks. */
    static void addDue(Database db, int n, int due, Random random, int round) throws SQLException {
        db.jdbi().useTransaction(h -> {
            PreparedStatement p = h.getConnection().prepareStatement("INSERT INTO reminders (task_id, kind, recipient,"
                    + " fire_at, created_at) VALUES (?, 'due', '', ?, ?) ON CONFLICT DO NOTHING");
            java.util.Set<Integer> picked = new java.util.HashSet<>();
            while (picked.size() < due) {
                picked.add(1 + random.nextInt(n));
            }
            for (int id : picked) {
                p.setLong(1, id);
                p.setLong(2, NOW - 1000 - round);
                p.setLong(3, NOW);
                p.addBatch();
            }
            p.executeBatch();
            p.close();
        });
    }

    static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Streams CSV lines without building them all in memory. */
    static final class CsvRows extends java.io.Reader {
        private final int n;
        private final java.util.function.IntFunction<String> line;
        private int next = 1;
        private StringReader current = new StringReader("");

        CsvRows(int n, java.util.function.IntFunction<String> line) {
            this.n = n;
            this.line = line;
        }

        @Override
        public int read(char[] buf, int off, int len) throws java.io.IOException {
            int r = current.read(buf, off, len);
            while (r == -1) {
                if (next > n) {
                    return -1;
                }
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 1000 && next <= n; k++) {
                    b.append(line.apply(next++));
                }
                current = new StringReader(b.toString());
                r = current.read(buf, off, len);
            }
            return r;
        }

        @Override
        public void close() {}
    }
}
