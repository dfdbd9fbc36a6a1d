package io.taskbridge.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Ids for the new rows of a group commit's batch, taken from the table's sequence for the whole
 * batch in one round trip. On PostgreSQL an {@code INSERT ... RETURNING id} is a round trip of its
 * own for every new task, the last one a {@code /task add} made once its other rows were
 * {@linkplain Sql.Run#defer deferred}; with its id known beforehand, the task's row is deferred too
 * ({@link Sql.Run#deferAhead}), and a batch of N adds makes one round trip for ids instead of N.
 *
 * <p>A write says it makes a new row ({@link Writes#writeNew}); the writer {@linkplain #expect
 * expects} that many for the batch, and the first {@link #take} reserves them all, in ascending
 * order, so the batch's new rows are numbered in the order of its writes, as one insert after
 * another numbers them. A batch written again (an item failed) hands out the same ids from the
 * start; ids left over when the batch ends are not used again, as a sequence value taken by an
 * insert that rolled back is not: task numbers may skip, as they always could.
 *
 * <p>Kept in the handle's own configuration (every handle gets an empty copy, which reserves
 * nothing: {@link #take} is then empty and the caller inserts with {@code RETURNING}); a handle is
 * used by one thread at a time.
 */
public final class NewIds implements JdbiConfig<NewIds> {
    private static final Sql RESERVE =
            Sql.of("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)");

    /** New rows the batch's writes said they make, by table. */
    private Map<String, Integer> expected = Map.of();
    /** Ids reserved for the batch, by table, ascending; {@code handedOut} of each are taken. */
    private final Map<String, List<Long>> reserved = new HashMap<>();
    private final Map<String, Integer> handedOut = new HashMap<>();

    /** Jdbi makes the first one (its configuration's root); every copy starts empty. */
    public NewIds() {
    }

    @Override
    public NewIds createCopy() {
        return new NewIds();
    }

    /**
     * The batch about to be written on {@code handle} makes {@code rows} new rows (by table): the
     * first {@link #take} of a table reserves its ids. Ids reserved by an earlier try of the same
     * batch ({@code newBatch} false) are handed out again from the first; an earlier batch's are dropped.
     */
    static void expect(Handle handle, Map<String, Integer> rows, boolean newBatch) {
        NewIds ids = handle.getConfig(NewIds.class);
        if (newBatch) {
            ids.reserved.clear(); // an earlier batch's ids left over: a later batch's rows would number before its own
        }
        ids.expected = Map.copyOf(rows);
        ids.handedOut.clear();
    }

    /**
     * An id for a new row of {@code table}, reserved with the rest of its batch's; empty where none
     * was expected (not a group commit's batch, SQLite, or every id expected is taken), and the caller
     * then lets the insert number the row.
     */
    public static OptionalLong take(Handle handle, String table) {
        NewIds ids = handle.getConfig(NewIds.class);
        int want = ids.expected.getOrDefault(table, 0);
        int next = ids.handedOut.getOrDefault(table, 0);
        if (next >= want) {
            return OptionalLong.empty();
        }
        List<Long> have = ids.reserved.computeIfAbsent(table, t -> new ArrayList<>());
        if (next >= have.size()) {
            have.addAll(reserve(handle, table, want - have.size()));
        }
        ids.handedOut.put(table, next + 1);
        return OptionalLong.of(have.get(next));
    }

    /** {@code count} new values of the sequence numbering {@code table}'s ids, ascending: one round trip. */
    private static List<Long> reserve(Handle handle, String table, int count) {
        List<Long> ids = new ArrayList<>(RESERVE.on(handle).bind("table", table).bind("count", count)
                .list((row, ctx) -> row.getLong(1)));
        Collections.sort(ids);
        return ids;
    }
}
