package io.taskbridge.task;

import io.taskbridge.platform.Sql;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads one task and its tags with plain statements ({@link Sql}). Every click, command and change
 * reads a task this way, an Approve click three times inside the group commit that other requests
 * wait for; through {@link TaskDao}'s SqlObject each read was two Jdbi statements, each copying
 * its configuration and prepared again.
 */
public final class TaskRead {
    private static final Sql ROW = Sql.of("SELECT " + TaskRow.COLUMNS + " FROM tasks WHERE id = :id");
    private static final Sql TAGS = Sql.of("SELECT tag FROM task_tags WHERE task_id = :id ORDER BY position");
    private static final TaskRow ROWS = new TaskRow();

    private TaskRead() {}

    /** The task with that id and its tags, read on {@code h} (inside its transaction, if it is in one). */
    public static Optional<Task> find(Handle h, long id) {
        return ROW.on(h).bind("id", id).one(ROWS).map(t -> t.withTags(TAGS.on(h).bind("id", id).strings()));
    }
}
