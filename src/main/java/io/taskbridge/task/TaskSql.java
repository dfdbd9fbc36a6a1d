package io.taskbridge.task;

import io.taskbridge.task.Status;
import io.taskbridge.task.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.taskbridge.platform.WorkspaceId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Builds the one dynamic statement of the store: a filtered, sorted, paged task list. */
final class TaskSql {
    private TaskSql() {}

    static Query select(Handle h, TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        String sql = "SELECT " + TaskRow.COLUMNS + " FROM tasks" + where(q, workspace, viewer) + " ORDER BY " + order(q.sort())
                + " LIMIT :limit OFFSET :offset";
        return bind(h.createQuery(sql), q, workspace, viewer).bind("limit", q.limit()).bind("offset", q.offset());
    }

    static Query count(Handle h, TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        return bind(h.createQuery("SELECT COUNT(*) FROM tasks" + where(q, workspace, viewer)), q, workspace, viewer);
    }

    private static String where(TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        List<String> clauses = new ArrayList<>();
        workspace.ifPresent(w -> clauses.add("workspace = :workspace"));
        viewer.ifPresent(v -> clauses.add(v.condition()));
        if (!q.statuses().isEmpty()) {
            clauses.add("status IN (<statuses>)");
        }
        q.assignee().ifPresent(a -> clauses.add("assignee = :assignee"));
        q.createdBy().ifPresent(c -> clauses.add("created_by = :createdBy"));
        q.priority().ifPresent(p -> clauses.add("priority = :priority"));
        q.tag().ifPresent(t -> clauses.add("EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = tasks.id AND LOWER(g.tag) = :tag)"));
        for (int i = 0; i < allTags(q).size(); i++) {
            clauses.add("EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = tasks.id AND LOWER(g.tag) = :tag" + i + ")");
        }
        q.hasDueDate().ifPresent(has -> clauses.add(has ? "due_at IS NOT NULL" : "due_at IS NULL"));
        q.dueAfter().ifPresent(d -> clauses.add("due_at > :dueAfter"));
        q.dueBefore().ifPresent(d -> clauses.add("due_at < :dueBefore"));
        q.search().ifPresent(s -> clauses.add("(LOWER(title) LIKE :search ESCAPE '!' OR LOWER(description) LIKE :search ESCAPE '!')"));
        q.channel().ifPresent(c -> clauses.add("slack_channel = :channel"));
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static Query bind(Query query, TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        workspace.ifPresent(w -> query.bind("workspace", w.value()));
        viewer.ifPresent(v -> v.bind(query));
        if (!q.statuses().isEmpty()) {
            query.bindList("statuses", q.statuses().stream().map(Status::name).sorted().toList());
        }
        q.assignee().ifPresent(a -> query.bind("assignee", a));
        q.createdBy().ifPresent(c -> query.bind("createdBy", c));
        q.priority().ifPresent(p -> query.bind("priority", p.name()));
        q.tag().ifPresent(t -> query.bind("tag", t.toLowerCase(Locale.ROOT)));
        List<String> tags = allTags(q);
        for (int i = 0; i < tags.size(); i++) {
            query.bind("tag" + i, tags.get(i));
        }
        q.dueAfter().ifPresent(d -> query.bind("dueAfter", d.toEpochMilli()));
        q.dueBefore().ifPresent(d -> query.bind("dueBefore", d.toEpochMilli()));
        q.search().ifPresent(s -> query.bind("search", "%" + escapeLike(s.toLowerCase(Locale.ROOT)) + "%"));
        q.channel().ifPresent(c -> query.bind("channel", c));
        return query;
    }

    /** The all-of tag set, lower-cased, deduplicated and in a fixed order so where() and bind() agree. */
    private static List<String> allTags(TaskQuery q) {
        return q.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String order(TaskQuery.Sort sort) {
        String dir = sort.ascending() ? " ASC" : " DESC";
        String key = switch (sort.field()) {
            case CREATED_AT -> "created_at" + dir;
            case UPDATED_AT -> "updated_at" + dir;
            // Tasks without a due date sort last either way.
            case DUE_DATE -> "CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at" + dir;
            case PRIORITY -> "CASE priority WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END" + dir;
            case TITLE -> "LOWER(title)" + dir;
            case STATUS -> "status" + dir;
        };
        return key + ", id" + dir;
    }
}
