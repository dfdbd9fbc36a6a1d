package io.taskbridge.outbox;

import io.taskbridge.platform.ErrorBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.outbox.OutboxRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /admin/outbox?state=dead|pending&limit=100}: the outbox rows in one state, for an
 * operator looking at what could not be delivered. Guarded by the REST API's admin keys
 * ({@code Authorization: Bearer <key>} with an admin key, {@code TASKBRIDGE_ADMIN_KEY} or one issued
 * with the admin role): {@code admits} is that check, given by the composition.
 */
public final class AdminEndpoint implements Handler {
    static final Set<String> STATES = Set.of("dead", "pending");
    static final int MAX_LIMIT = 500;

    private final Jdbi jdbi;
    private final Predicate<String> admits;

    /** {@code admits} answers whether an {@code Authorization} header carries an admin key. */
    public AdminEndpoint(Jdbi jdbi, Predicate<String> admits) {
        this.jdbi = jdbi;
        this.admits = admits;
    }

    @Override
    public void handle(Context ctx) {
        if (!admits.test(ctx.header("Authorization"))) {
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
        List<OutboxRow> rows = jdbi.withExtension(OutboxDao.class, dao -> dao.inState(state, n));
        ctx.json(Map.of("state", state, "rows", rows.stream().map(AdminEndpoint::view).toList()));
    }

    private static Map<String, Object> view(OutboxRow row) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", row.id());
        v.put("kind", row.kind());
        v.put("channel", row.channel().orElse(null));
        v.put("state", row.state());
        v.put("attempts", row.attempts());
        v.put("nextAttemptAt", Instant.ofEpochMilli(row.nextAttemptAt()).toString());
        v.put("lastError", row.lastError().orElse(null));
        v.put("payload", row.payload());
        return v;
    }
}
