package io.taskbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.task.TaskService;
import io.taskbridge.task.Viewer;
import io.taskbridge.workspace.Decision;
import io.taskbridge.workspace.RestAction;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The task endpoints of seed 001. Every change goes through {@link TaskService}, so it is validated
 * by the same rules as Slack's, and a task that lives in Slack gets its message updated.
 */
final class TaskRoutes {
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final TaskService tasks;
    private final TaskAccess access;
    private final Clock clock;

    TaskRoutes(TaskService tasks, TaskAccess access, Clock clock) {
        this.tasks = tasks;
        this.access = access;
        this.clock = clock;
    }

    /**
     * {@code POST /tasks}. A repeated {@code Idempotency-Key} from the same API key answers 201 with
     * the task the first request made (and {@code Idempotent-Replayed: true}), creating nothing.
     */
    void create(Context ctx, ApiCaller caller, JsonNode body) {
        Optional<String> key = Optional.ofNullable(ctx.header("Idempotency-Key")).map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && key.get().length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiProblem.badParameters(Map.of("Idempotency-Key", "Must be at most " + MAX_IDEMPOTENCY_KEY + " characters."));
        }
        TaskInput.NewTask input = TaskInput.forCreate(body, clock.instant());
        if (input.channel().isPresent() && access.policy().postToChannel(caller.holder()) instanceof Decision.Denied denied) {
            throw ApiProblem.denied(denied.reason());
        }
        requireMayAssign(caller, input.draft().assignee());
        TaskService.Created created = tasks.in(caller.workspace()).create(input.draft(), caller.principal(),
                input.channel().map(c -> new SlackPlace("", c, Optional.empty(),
                        access.kindOf(caller.workspace(), c).map(Enum::name))),
                key.map(k -> "api:" + caller.keyId() + ":" + k));
        if (!created.created()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.header("Location", "/v1/tasks/" + created.task().id());
        ctx.status(201).json(TaskResource.of(created.task()));
    }

    /**
     * {@code GET /tasks}: a page of tasks in a {@code data} / {@code pagination} envelope. A member
     * key's page and total hold only the tasks it may read, filtered in the query itself.
     */
    void list(Context ctx, ApiCaller caller) {
        TaskQuery query = ListParams.parse(ctx.queryParamMap());
        Optional<Viewer> viewer = TaskAccess.viewer(caller.holder());
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total", tasks.in(caller.workspace()).count(query, viewer));
        pagination.put("limit", query.limit());
        pagination.put("offset", query.offset());
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", tasks.in(caller.workspace()).list(query, viewer).stream().map(TaskResource::of).toList());
        page.put("pagination", pagination);
        ctx.json(page);
    }

    /** A task the key may not read, or of another workspace, answers 404, exactly as a missing one. */
    void get(Context ctx, ApiCaller caller) {
        ctx.json(TaskResource.of(access.in(caller.workspace()).require(caller.holder(), id(ctx), RestAction.READ)));
    }

    /** {@code PATCH /tasks/{id}}: the fields sent change, {@code null} clears; status follows the strict lifecycle. */
    void patch(Context ctx, ApiCaller caller, JsonNode body) {
        long id = id(ctx);
        access.in(caller.workspace()).require(caller.holder(), id, RestAction.CHANGE);
        requireHeldHere(id, caller);
        TaskInput.TaskPatch patch = TaskInput.forPatch(body);
        patch.assignee().ifPresent(a -> requireMayAssign(caller, a));
        Task after = tasks.in(caller.workspace()).change(id, caller.principal(), patch).after();
        ctx.json(TaskResource.of(after));
    }

    void delete(Context ctx, ApiCaller caller) {
        access.in(caller.workspace()).require(caller.holder(), id(ctx), RestAction.DELETE);
        requireHeldHere(id(ctx), caller);
        tasks.in(caller.workspace()).delete(id(ctx), caller.principal());
        ctx.status(204);
    }

    /**
     * A task held in another task system changes there (or from Slack, which goes there first);
     * changed here alone it would drift from its system and be overwritten by the next poll.
     */
    private void requireHeldHere(long id, ApiCaller caller) {
        tasks.in(caller.workspace()).heldElsewhere(id).ifPresent(connection -> {
            throw ApiProblem.of(409, "resource_conflict", "Task " + id + " is held in " + connection
                    + ": change it there, or from Slack, which passes the change on.", Map.of("connection", connection));
        });
    }

    private static void requireMayAssign(ApiCaller caller, Optional<String> assignee) {
        if (!caller.mayAssign(assignee)) {
            throw ApiProblem.denied("A member can assign tasks only to themself ('" + caller.principal()
                    + "'); ask a manager or admin to assign '" + assignee.orElse("") + "'.");
        }
    }

    /** Task ids are numbers; anything else names no task. */
    static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("There is no task with id '" + raw + "'.");
        }
    }
}
