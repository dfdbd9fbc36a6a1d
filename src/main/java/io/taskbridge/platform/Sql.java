package io.taskbridge.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A statement of the hot paths ({@code /task add}, an Approve click), written with Jdbi's
 * {@code :name} parameters and run as plain JDBC on the transaction's handle. A Jdbi statement
 * copies its configuration and looks up an argument factory for every bind, which cost more than
 * SQLite's own work on these paths; and each was prepared again for every request, where a group
 * commit runs the same few statements for a whole batch. Here the SQL is parsed once (with Jdbi's
 * own parser, on the constant's first run), and each handle keeps its prepared statements until it
 * closes (on SQLite, each pooled connection keeps them: {@link PreparedStatements}), so a batch of N requests
 * prepares each statement once.
 *
 * <p>One list parameter is allowed, written {@code <name>} as in Jdbi's {@code bindList}; it is
 * expanded to as many placeholders as the list has values. A null is bound with the SQL type of
 * the overload that bound it, as Jdbi does, so PostgreSQL can always tell a parameter's type.
 *
 * <p>A plain {@code INSERT ... VALUES} whose result nobody reads can be {@linkplain Run#defer
 * deferred} ({@link DeferredRows}): on a handle that defers, it is written with the other rows of
 * its statement before the next statement that could meet it (one that is neither an INSERT nor a
 * SELECT, or that names its table) or the commit.
 */
public final class Sql {
    private final String named;
    /**
     * The statement parsed, on its first run: a start makes a few dozen of these constants, and
     * parsing each there (Jdbi's parser, interpreted that early) cost ~80 ms of the start-up's main
     * thread. Two threads may parse it at once; either result is the same, and a record's final
     * fields make it safe to share without a lock.
     */
    private Parsed parsed;

    private Sql(String named) {
        this.named = named;
    }

    private Parsed parsed() {
        Parsed p = parsed;
        if (p == null) {
            p = Parsed.of(named);
            parsed = p;
        }
        return p;
    }

    /**
     * {@code head}, then as many placeholders as the {@code list} parameter has values, then
     * {@code tail}; {@code slots} numbers the parameters in the order they first appear, and
     * {@code headSlots}/{@code tailSlots} give each placeholder's slot (looked up once, not per run).
     * {@code words}: every word of the statement, lower case (the tables it names are among them);
     * {@code insertsOrReads} is false for a statement that changes rows other than by inserting
     * them, or does anything else; {@code deferrableInto}, the table a plain
     * {@code INSERT ... VALUES} inserts into, is present when it can be deferred.
     */
    private record Parsed(String head, Optional<String> list, String tail, Map<String, Integer> slots, int[] headSlots,
            int[] tailSlots, Set<String> words, boolean insertsOrReads, Optional<String> deferrableInto) {
        static Parsed of(String named) {
            int open = named.indexOf('<');
            int close = open < 0 ? -1 : named.indexOf('>', open);
            boolean hasList = open >= 0 && close > open && named.substring(open + 1, close).matches("\\w+");
            ParsedSql before = parse(hasList ? named.substring(0, open) : named);
            List<String> headNames = before.getParameters().getParameterNames();
            Optional<String> list = Optional.empty();
            String tail = "";
            List<String> tailNames = List.of();
            if (hasList) {
                ParsedSql after = parse(named.substring(close + 1));
                list = Optional.of(named.substring(open + 1, close));
                tail = after.getSql();
                tailNames = after.getParameters().getParameterNames();
            }
            Map<String, Integer> index = new HashMap<>();
            for (String name : headNames) {
                index.putIfAbsent(name, index.size());
            }
            list.ifPresent(name -> index.putIfAbsent(name, index.size()));
            for (String name : tailNames) {
                index.putIfAbsent(name, index.size());
            }
            Map<String, Integer> slots = Map.copyOf(index);
            List<String> all = WORD.matcher(named).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
            Set<String> words = Set.copyOf(all);
            String verb = all.isEmpty() ? "" : all.get(0);
            boolean plain = verb.equals("insert") && all.size() > 2 && all.get(1).equals("into")
                    && !words.contains("select") && !words.contains("returning");
            return new Parsed(before.getSql(), list, tail, slots, headNames.stream().mapToInt(slots::get).toArray(),
                    tailNames.stream().mapToInt(slots::get).toArray(), words, verb.equals("insert") || verb.equals("select"),
                    plain ? Optional.of(all.get(2)) : Optional.empty());
        }
    }

    /** Reads a value from a query's rows, stepping through them ({@link Run#read}). */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** True when running this now could see, or change, rows waiting for {@code tables}. */
    private boolean mayMeet(java.util.Collection<String> tables) {
        Parsed p = parsed();
        return !p.insertsOrReads() || tables.stream().anyMatch(p.words()::contains);
    }

    /** {@code named}, parsed on its first run: make it once, as a constant. */
    public static Sql of(String named) {
        return new Sql(named);
    }

    private static ParsedSql parse(String text) {
        if (text.indexOf(':') < 0) {
            return ParsedSql.of(text, org.jdbi.v3.core.statement.ParsedParameters.named(List.of()));
        }
        return new ColonPrefixSqlParser().parse(text, null);
    }

    /** The statement as written. */
    @Override
    public String toString() {
        return named;
    }

    /** The names of its parameters, in the order they first appear (for tests). */
    List<String> names() {
        Map<String, Integer> slots = parsed().slots();
        List<String> names = new ArrayList<>(slots.size());
        slots.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> names.add(e.getKey()));
        return names;
    }

    /** A run of this statement on {@code handle}, to bind and then execute. */
    public Run on(Handle handle) {
        return new Run(handle);
    }

    /**
     * One execution: bind every parameter, then {@link #execute}, {@link #defer}, {@link #oneLong},
     * {@link #one}, {@link #list}, {@link #strings} or {@link #read}.
     */
    public final class Run {
        private final Handle handle;
        private final Parsed sql = parsed();
        private final Object[] values = new Object[sql.slots().size()];
        private final int[] nullTypes = new int[values.length];
        private final boolean[] bound = new boolean[values.length];
        /** The statement this run bound, once it has one: dropped from those kept if it fails. */
        private PreparedStatement statement;

        private Run(Handle handle) {
            this.handle = handle;
        }

        /** A number or text, or a null of that type; a {@code long} binds as {@link Long}, an {@code int} as {@link Integer}. */
        public Run bind(String name, String value) {
            return set(name, value, Types.VARCHAR);
        }

        public Run bind(String name, Long value) {
            return set(name, value, Types.BIGINT);
        }

        public Run bind(String name, Integer value) {
            return set(name, value, Types.INTEGER);
        }

        /** The list parameter ({@code <name>}); it must not be empty. */
        public Run bindList(String name, List<String> values) {
            if (sql.list().isEmpty() || !sql.list().get().equals(name)) {
                throw new IllegalArgumentException("no list parameter <" + name + "> in " + named);
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("the list <" + name + "> is empty: " + named);
            }
            return set(name, List.copyOf(values), Types.VARCHAR);
        }

        private Run set(String name, Object value, int sqlType) {
            Integer slot = sql.slots().get(name);
            if (slot == null) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + named);
            }
            values[slot] = value;
            nullTypes[slot] = sqlType;
            bound[slot] = true;
            return this;
        }

        /** Runs an INSERT, UPDATE or DELETE; the number of rows it changed. */
        public int execute() {
            try {
                return prepared().executeUpdate();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /**
         * Runs this plain {@code INSERT ... VALUES}, at once or, on a handle that defers rows
         * ({@link DeferredRows#deferOn}), with the other rows of this statement before the next
         * statement that could meet them or the commit. A failure then surfaces there, as a
         * {@link DeferredWriteFailed}.
         *
         * @throws IllegalStateException for any other statement (an UPDATE, an INSERT with a SELECT
         *     or RETURNING): its effect or result could matter before the rows are written
         */
        public void defer() {
            defer(false);
        }

        /**
         * {@link #defer}, for a row other deferred rows may point at (a new task, its id {@linkplain
         * NewIds reserved}): written before the rows of every statement deferred with {@link #defer}.
         */
        public void deferAhead() {
            defer(true);
        }

        private void defer(boolean ahead) {
            String into = sql.deferrableInto().orElseThrow(() -> new IllegalStateException(
                    "only a plain INSERT ... VALUES can be deferred: " + named));
            DeferredRows rows = handle.getConfig(DeferredRows.class);
            if (!rows.deferring()) {
                execute();
                return;
            }
            try {
                PreparedStatement statement = bound();
                statement.addBatch();
                rows.add(statement, into, ahead);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /** Runs a query (or a statement with RETURNING) whose first column is a number: that of its first row. */
        public Optional<Long> oneLong() {
            try (ResultSet rows = prepared().executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long value = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(value);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /**
         * Runs a query: every row, as {@code mapper} reads it. The mapper gets no statement context
         * (the hot paths' mappers read columns by name and need none).
         */
        public <T> List<T> list(RowMapper<T> mapper) {
            try (ResultSet rows = prepared().executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(mapper.map(rows, null));
                }
                return found;
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /** Runs a query: its first row, as {@code mapper} reads it (see {@link #list}). */
        public <T> Optional<T> one(RowMapper<T> mapper) {
            try (ResultSet rows = prepared().executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows, null)) : Optional.empty();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /**
         * Runs a query and hands {@code reader} its rows to step through itself: for a value read
         * from several rows at once (a task and its tags, from one join).
         */
        public <T> T read(Rows<T> reader) {
            try (ResultSet rows = prepared().executeQuery()) {
                return reader.read(rows);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /** Runs a query: the first column of every row, as text. */
        public List<String> strings() {
            try (ResultSet rows = prepared().executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        private PreparedStatement prepared() throws SQLException {
            DeferredRows rows = handle.getConfig(DeferredRows.class);
            if (rows.waiting() > 0 && mayMeet(rows.tables())) {
                rows.flush();
            }
            return bound();
        }

        private PreparedStatement bound() throws SQLException {
            for (int slot = 0; slot < bound.length; slot++) {
                if (!bound[slot]) {
                    throw new IllegalStateException("parameter " + names().get(slot) + " is not bound in " + named);
                }
            }
            List<?> items = sql.list().map(name -> (List<?>) values[sql.slots().get(name)]).orElse(List.of());
            String jdbc = sql.list().isEmpty() ? sql.head() : sql.head() + "?,".repeat(items.size() - 1) + "?" + sql.tail();
            PreparedStatements kept = handle.getConfig(PreparedStatements.class);
            kept.heard(named);
            statement = kept.statement(handle, jdbc);
            int position = 1;
            for (int slot : sql.headSlots()) {
                position = put(statement, position, slot);
            }
            if (sql.list().isPresent()) {
                for (Object item : items) {
                    statement.setString(position++, (String) item);
                }
            }
            for (int slot : sql.tailSlots()) {
                position = put(statement, position, slot);
            }
            return statement;
        }

        private int put(PreparedStatement statement, int position, int slot) throws SQLException {
            Object value = values[slot];
            if (value == null) {
                statement.setNull(position, nullTypes[slot]);
            } else if (value instanceof String s) {
                statement.setString(position, s);
            } else if (value instanceof Long l) {
                statement.setLong(position, l);
            } else {
                statement.setInt(position, (Integer) value);
            }
            return position + 1;
        }

        private RuntimeException failed(SQLException e) {
            if (statement != null) {
                handle.getConfig(PreparedStatements.class).failed(statement);
            }
            return new UnableToExecuteStatementException(e.getMessage() + " [statement: " + named + "]", e, null);
        }
    }
}
