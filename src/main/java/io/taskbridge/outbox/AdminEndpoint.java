package io.taskbridge.outbox;

import io.taskbridge.platform.ErrorBodies;
import io.taskbridge.platform.WorkspaceId;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.outbox.OutboxRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /admin/outbox?state=dead|pending&limit=100}: the outbox rows in one state, for an
 * operator looking at what could not be delivered. Guarded by the REST API's admin keys
 * ({@code Authorization: Bearer <key>} with an admin key, {@code TASKBRIDGE_ADMIN_KEY} or one issued
 * with the admin role): {@code admits} is that check, given by the composition. The operator's key
 * sees every workspace's rows; a workspace's admin key only its own workspace's.
 */
public final class AdminEndpoint implements Handler {
    static final Set<String> STATES = Set.of("dead", "pending");
    static final int MAX_LIMIT = 500;

    private final Jdbi jdbi;
    private final Function<String, Optional<Viewer>> admits;

    /** Whose rows an admin sees: every workspace's ({@code workspace} empty: the operator) or one's. */
    public record Viewer(Optional<WorkspaceId> workspace) {
        public static Viewer operator() {
            return new Viewer(Optional.empty());
        }

        public static Viewer adminOf(WorkspaceId workspace) {
            return new Viewer(Optional.of(workspace));
        }
    }

    /** {@code admits} says who an {@code Authorization} header's admin key is; empty when it carries none. */
    public AdminEndpoint(Jdbi jdbi, Function<String, Optional<Viewer>> admits) {
        this.jdbi = jdbi;
        this.admits = admits;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Viewer> viewer = admits.apply(ctx.header("Authorization"));
        if (viewer.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            ErrorBodies.send(ctx, 401, "invalid_authentication", "Send Authorization: Bearer <an admin API key>.");
            return;
        }
        String state = ctx.queryParamMap().containsKey("state") ? ctx.queryParam("state") : "dead";
        if (!STATES.contains(state)) {
            ErrorBodies.send(ctx, 400, "invalid_parameters", "state must be dead or pending.");
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(ctx.queryParamMap().containsKey("limit") ? ctx.queryParam("limit") : "100");
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            ErrorBodies.send(ctx, 400, "invalid_parameters", "limit must be 1.." + MAX_LIMIT + ".");
            return;
        }
        int n = limit;
        List<OutboxRow> rows = jdbi.withExtension(OutboxDao.class, dao -> viewer.get().workspace()
                .map(ws -> dao.inStateOf(state, ws.value(), n)).orElseGet(() -> dao.inState(state, n)));
        ctx.json(Map.of("state", state, "rows", rows.stream().map(AdminEndpoint::view).toList()));
    }

    private static Map<String, Object> view(OutboxRow row) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", row.id());
        v.put("kind", row.kind());
        v.put("workspace", row.workspace().value());
        v.put("channel", row.channel().orElse(null));
        v.put("state", row.state());
        v.put("attempts", row.attempts());
        v.put("nextAttemptAt", Instant.ofEpochMilli(row.nextAttemptAt()).toString());
        v.put("lastError", row.lastError().orElse(null));
        v.put("payload", row.payload());
        return v;
    }
}
