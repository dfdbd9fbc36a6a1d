package io.taskbridge.task;

import io.taskbridge.platform.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads one task and its tags with plain statements ({@link Sql}). Every click, command and change
 * reads a task this way, an Approve click's permission check before its ack; through
 * {@link TaskDao}'s SqlObject each read was two Jdbi statements, each copying its configuration and
 * prepared again. Now it is one statement: the row joined with its tags, one row per tag (or one
 * without a tag).
 */
public final class TaskRead {
    /** The {@code tasks} columns {@link #row} reads: for a statement that reads the task with more. */
    public static final String COLUMNS = TaskRow.COLUMNS;
    private static final Sql FIND = Sql.of("SELECT " + COLUMNS + ", task_tags.tag FROM tasks"
            + " LEFT JOIN task_tags ON task_tags.task_id = tasks.id WHERE tasks.id = :id ORDER BY task_tags.position");
    private static final Sql TAGS = Sql.of("SELECT tag FROM task_tags WHERE task_id = :id ORDER BY position");
    private static final TaskRow ROWS = new TaskRow();

    private TaskRead() {}

    /** The task with that id and its tags, read on {@code h} (inside its transaction, if it is in one). */
    public static Optional<Task> find(Handle h, long id) {
        return FIND.on(h).bind("id", id).read(rows -> {
            if (!rows.next()) {
                return Optional.empty();
            }
            Task task = row(rows);
            List<String> tags = new ArrayList<>();
            do {
                String tag = rows.getString("tag");
                if (tag != null) {
                    tags.add(tag);
                }
            } while (rows.next());
            return Optional.of(tags.isEmpty() ? task : task.withTags(tags));
        });
    }

    /** The task of the current row, which has {@link #COLUMNS}; without its tags (see {@link #tagged}). */
    public static Task row(ResultSet rows) throws SQLException {
        return ROWS.map(rows, null);
    }

    /** {@code task}, read by {@link #row}, with its tags read on {@code h}. */
    public static Task tagged(Handle h, Task task) {
        List<String> tags = TAGS.on(h).bind("id", task.id()).strings();
        return tags.isEmpty() ? task : task.withTags(tags);
    }
}
