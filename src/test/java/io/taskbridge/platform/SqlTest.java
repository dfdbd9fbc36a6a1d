package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.testing.Databases;
import java.sql.PreparedStatement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The hot paths' plain statements: the same parameters Jdbi would find, a list parameter, typed
 * nulls on both databases, and one prepared statement per handle, closed with it (on SQLite, per
 * pooled connection, kept past the handle with nothing left waiting in it).
 */
class SqlTest {
    private static final String UPSERT = "INSERT INTO things (name, note, size, at) VALUES (:name, :note, :size, :at)"
            + " ON CONFLICT (name) DO UPDATE SET note = excluded.note, size = :size WHERE things.name <> 'x:y'"
            + " RETURNING size";
    private static final Sql SIZE_OF = Sql.of("SELECT size FROM things WHERE name = :name");
    private static final Sql NAMES_AMONG = Sql.of("SELECT name FROM things WHERE size >= :min AND name IN (<names>)"
            + " AND note <> :skip ORDER BY name");

    @Test
    void findsTheParametersJdbiWould() {
        for (String text : List.of(UPSERT, io.taskbridge.outbox.OutboxDao.UPSERT, io.taskbridge.outbox.OutboxDao.INSERT,
                io.taskbridge.reminder.ReminderDao.PLAN)) {
            List<String> jdbi = new ColonPrefixSqlParser().parse(text, null).getParameters().getParameterNames();
            assertThat(Sql.of(text).names()).as(text).containsExactlyElementsOf(jdbi.stream().distinct().toList());
        }
        assertThat(NAMES_AMONG.names()).containsExactly("min", "names", "skip");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void bindsValuesListsAndTypedNulls(Databases.Kind kind) {
        try (Database db = Databases.open(kind); Handle h = db.jdbi().open()) {
            h.execute("CREATE TABLE things (name VARCHAR(40) PRIMARY KEY, note VARCHAR(40), size BIGINT, at INTEGER)");
            Sql upsert = Sql.of(UPSERT);
            h.useTransaction(tx -> {
                assertThat(upsert.on(tx).bind("name", "a").bind("note", (String) null).bind("size", 3L)
                        .bind("at", (Integer) null).oneLong()).contains(3L);
                assertThat(upsert.on(tx).bind("name", "b").bind("note", "n").bind("size", (Long) null).bind("at", 1)
                        .oneLong()).as("a null number reads as empty").isEmpty();
                assertThat(upsert.on(tx).bind("name", "a").bind("note", "again").bind("size", 5).bind("at", 2)
                        .oneLong()).as("the conflict's update").contains(5L);
                upsert.on(tx).bind("name", "c").bind("note", "z").bind("size", 9L).bind("at", 3).oneLong();
            });
            assertThat(SIZE_OF.on(h).bind("name", "a").oneLong()).contains(5L);
            assertThat(SIZE_OF.on(h).bind("name", "nobody").oneLong()).isEmpty();
            assertThat(NAMES_AMONG.on(h).bind("min", 4).bindList("names", List.of("c", "a", "b")).bind("skip", "z")
                    .strings()).containsExactly("a");
            assertThat(NAMES_AMONG.on(h).bind("min", 0).bindList("names", List.of("c")).bind("skip", "n").strings())
                    .containsExactly("c");
            assertThat(Sql.of("UPDATE things SET note = :note WHERE size > :size").on(h).bind("note", "big")
                    .bind("size", 4).execute()).isEqualTo(2);
            assertThat(h.createQuery("SELECT name, note FROM things ORDER BY name")
                    .map((rs, ctx) -> rs.getString(1) + "=" + rs.getString(2)).list())
                    .containsExactly("a=big", "b=n", "c=big");
        }
    }

    @Test
    void onPostgresEachHandlePreparesAStatementOnceAndClosesItWithIt() throws Exception {
        try (Database db = Databases.open(Databases.Kind.POSTGRES)) {
            PreparedStatement kept;
            try (Handle h = db.jdbi().open()) {
                h.execute("CREATE TABLE things (name TEXT PRIMARY KEY, note TEXT, size INTEGER, at INTEGER)");
                Sql insert = Sql.of("INSERT INTO things (name, size) VALUES (:name, :size)");
                for (int i = 0; i < 5; i++) {
                    insert.on(h).bind("name", "t" + i).bind("size", i).execute();
                }
                SIZE_OF.on(h).bind("name", "t3").oneLong();
                PreparedStatements prepared = h.getConfig(PreparedStatements.class);
                assertThat(prepared.size()).as("two statements, each prepared once").isEqualTo(2);
                kept = prepared.statement(h, "SELECT size FROM things WHERE name = ?");
                assertThat(kept.isClosed()).isFalse();
                try (Handle other = db.jdbi().open()) {
                    assertThat(other.getConfig(PreparedStatements.class).size()).as("another handle keeps its own").isZero();
                }
            }
            assertThat(kept.isClosed()).as("closed with its handle").isTrue();
        }
    }

    @Test
    void onSqliteAStatementIsKeptWithItsConnectionForTheNextHandleAndNothingWaitsInIt() throws Exception {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            PreparedStatement first;
            java.sql.Connection connection;
            try (Handle h = db.jdbi().open()) {
                h.execute("CREATE TABLE things (name TEXT PRIMARY KEY, note TEXT, size INTEGER, at INTEGER)");
                for (int i = 0; i < 5; i++) {
                    ADD_THING.on(h).bind("name", "t" + i).bind("size", i).execute();
                }
                assertThat(SIZE_OF.on(h).bind("name", "t3").oneLong()).contains(3L);
                assertThat(h.getConfig(PreparedStatements.class).size()).as("two statements, each prepared once").isEqualTo(2);
                first = h.getConfig(PreparedStatements.class).statement(h, "SELECT size FROM things WHERE name = ?");
                connection = h.getConnection().unwrap(java.sql.Connection.class);
                // A row deferred and then neither flushed nor discarded (a handle given up on).
                DeferredRows.deferOn(h, true);
                ADD_THING.on(h).bind("name", "lost").bind("size", 9).defer();
            }
            assertThat(first.isClosed()).as("left open with its connection").isFalse();
            try (Handle h = onConnection(db, connection)) {
                assertThat(h.getConfig(PreparedStatements.class).statement(h, "SELECT size FROM things WHERE name = ?"))
                        .as("not prepared again").isSameAs(first);
                assertThat(SIZE_OF.on(h).bind("name", "t4").oneLong()).contains(4L);
                DeferredRows.deferOn(h, true);
                ADD_THING.on(h).bind("name", "t5").bind("size", 5).defer();
                assertThat(COUNT_THINGS.on(h).oneLong()).as("the given-up row was not written with the next one").contains(6L);
                assertThat(SIZE_OF.on(h).bind("name", "lost").oneLong()).isEmpty();
            }
        }
        // The pool closed, its connections closed their statements.
    }

    /**
     * A handle on {@code connection}: the pool lends a thread its last connection again, unless
     * another borrower (the WAL checkpoints) holds it for the moment.
     */
    private static Handle onConnection(Database db, java.sql.Connection connection) throws Exception {
        for (int i = 0; i < 100; i++) {
            Handle h = db.jdbi().open();
            if (h.getConnection().unwrap(java.sql.Connection.class) == connection) {
                return h;
            }
            h.close();
            Thread.sleep(10);
        }
        throw new AssertionError("the pool never lent that connection again");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aStatementThatFailedIsPreparedAgainNotKeptBroken(Databases.Kind kind) {
        try (Database db = Databases.open(kind); Handle h = db.jdbi().open()) {
            h.execute("CREATE TABLE things (name VARCHAR(40) PRIMARY KEY, note VARCHAR(40), size BIGINT, at INTEGER)");
            ADD_THING.on(h).bind("name", "a").bind("size", 1).execute();
            assertThat(SIZE_OF.on(h).bind("name", "a").oneLong()).contains(1L);
            // sqlite-jdbc finalizes a statement that fails this way (it no longer compiles), yet reports it open.
            h.execute("ALTER TABLE things DROP COLUMN size");
            assertThatThrownBy(() -> SIZE_OF.on(h).bind("name", "a").oneLong())
                    .isInstanceOf(UnableToExecuteStatementException.class);
            h.execute("ALTER TABLE things ADD COLUMN size BIGINT");
            h.execute("UPDATE things SET size = 2");
            assertThat(SIZE_OF.on(h).bind("name", "a").oneLong()).as("prepared again").contains(2L);
        }
    }

    @Test
    void aFailureNamesTheStatementAndAnUnboundParameterIsRefused() {
        try (Database db = Databases.open(Databases.Kind.SQLITE); Handle h = db.jdbi().open()) {
            assertThatThrownBy(() -> Sql.of("SELECT size FROM nowhere WHERE name = :name").on(h).bind("name", "a").oneLong())
                    .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("FROM nowhere");
            assertThatThrownBy(() -> SIZE_OF.on(h).oneLong()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("name");
            assertThatThrownBy(() -> SIZE_OF.on(h).bind("size", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NAMES_AMONG.on(h).bindList("names", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static final Sql ADD_THING = Sql.of("INSERT INTO things (name, size) VALUES (:name, :size)");
    private static final Sql ADD_NOTE = Sql.of("INSERT INTO notes (body) VALUES (:body)");
    private static final Sql COUNT_THINGS = Sql.of("SELECT count(*) FROM things");
    private static final Sql COUNT_NOTES = Sql.of("SELECT count(*) FROM notes");

    /** A SqlObject reading a table with deferred rows. */
    public interface NoteCount {
        @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT count(*) FROM notes")
        long notes();
    }

    /** Creates the two tables of the deferral tests, on {@code h}. */
    private static void things(Handle h) {
        h.execute("CREATE TABLE things (name VARCHAR(40) PRIMARY KEY, note VARCHAR(40), size BIGINT, at INTEGER)");
        h.execute("CREATE TABLE notes (body VARCHAR(40))");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void deferredRowsWaitUntilAStatementCouldMeetThemOrTheFlush(Databases.Kind kind) {
        try (Database db = Databases.open(kind); Handle h = db.jdbi().open()) {
            things(h);
            h.execute("CREATE TABLE others (n INTEGER)");
            DeferredRows rows = h.getConfig(DeferredRows.class);
            DeferredRows.deferOn(h, true);
            h.useTransaction(tx -> {
                ADD_THING.on(tx).bind("name", "a").bind("size", 1).defer();
                ADD_NOTE.on(tx).bind("body", "first").defer();
                ADD_NOTE.on(tx).bind("body", "second").defer();
                assertThat(rows.waiting()).as("two statements hold the rows").isEqualTo(2);
                assertThat(Sql.of("SELECT count(*) FROM others").on(tx).oneLong()).contains(0L);
                Sql.of("INSERT INTO others (n) VALUES (:n)").on(tx).bind("n", 1).execute();
                assertThat(rows.waiting()).as("nothing that names them ran").isEqualTo(2);

                // a read naming a table with waiting rows writes them all first
                assertThat(COUNT_THINGS.on(tx).oneLong()).contains(1L);
                assertThat(rows.waiting()).isZero();
                assertThat(COUNT_NOTES.on(tx).oneLong()).contains(2L);

                // an UPDATE or DELETE of anything writes them first (it could be what they point at)
                ADD_NOTE.on(tx).bind("body", "third").defer();
                Sql.of("UPDATE others SET n = :n").on(tx).bind("n", 2).execute();
                assertThat(rows.waiting()).isZero();

                // and so does every statement Jdbi runs on the handle, a SqlObject's among them
                ADD_THING.on(tx).bind("name", "b").bind("size", 2).defer();
                assertThat(tx.createQuery("SELECT count(*) FROM things").mapTo(Long.class).one()).isEqualTo(2L);
                assertThat(rows.waiting()).isZero();
                ADD_NOTE.on(tx).bind("body", "fourth").defer();
                assertThat(Daos.on(tx, NoteCount.class).notes()).isEqualTo(4L);
                assertThat(rows.waiting()).isZero();

                ADD_THING.on(tx).bind("name", "c").bind("size", 3).defer();
                rows.flush();
                assertThat(rows.waiting()).isZero();
            });
            assertThat(COUNT_THINGS.on(h).oneLong()).contains(3L);
            assertThat(COUNT_NOTES.on(h).oneLong()).contains(4L);

            // rows dropped after a rollback are not written with the next transaction
            ADD_THING.on(h).bind("name", "gone").bind("size", 9).defer();
            rows.discard();
            rows.flush();
            assertThat(SIZE_OF.on(h).bind("name", "gone").oneLong()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDeferredRowTheDatabaseRefusesFailsTheFlushAndLeavesNothingWaiting(Databases.Kind kind) {
        try (Database db = Databases.open(kind); Handle h = db.jdbi().open()) {
            things(h);
            ADD_THING.on(h).bind("name", "taken").bind("size", 1).execute();
            DeferredRows rows = h.getConfig(DeferredRows.class);
            DeferredRows.deferOn(h, true);
            assertThatThrownBy(() -> h.useTransaction(tx -> {
                ADD_THING.on(tx).bind("name", "new").bind("size", 2).defer();
                ADD_THING.on(tx).bind("name", "taken").bind("size", 3).defer();
                rows.flush();
            })).isInstanceOf(DeferredWriteFailed.class).hasMessageContaining("things")
                    .satisfies(e -> assertThat(DeferredWriteFailed.in(new RuntimeException(e))).isTrue());
            assertThat(rows.waiting()).isZero();
            assertThat(COUNT_THINGS.on(h).oneLong()).as("rolled back with its transaction").contains(1L);
        }
    }

    @Test
    void onlyAPlainInsertCanBeDeferredAndAHandleThatDefersNothingWritesAtOnce() {
        try (Database db = Databases.open(Databases.Kind.SQLITE); Handle h = db.jdbi().open()) {
            things(h);
            for (String text : List.of("UPDATE things SET size = :size", "INSERT INTO notes (body) SELECT name FROM things"
                    + " WHERE size = :size", "INSERT INTO things (name, size) VALUES ('r', :size) RETURNING size",
                    "SELECT size FROM things WHERE size = :size")) {
                assertThatThrownBy(() -> Sql.of(text).on(h).bind("size", 1).defer()).as(text)
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deferred");
            }
            ADD_THING.on(h).bind("name", "now").bind("size", 1).defer();
            assertThat(h.getConfig(DeferredRows.class).waiting()).isZero();
            assertThat(SIZE_OF.on(h).bind("name", "now").oneLong()).as("written when deferred").contains(1L);
            assertThatThrownBy(() -> {
                DeferredRows.deferOn(h, true);
                ADD_THING.on(h).bind("name", "waits").bind("size", 2).defer();
                DeferredRows.deferOn(h, false);
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("waiting");
        }
    }
}
