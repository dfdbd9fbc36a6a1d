package io.taskbridge;

import io.taskbridge.access.TaskAccess;
import io.taskbridge.api.ApiKeys;
import io.taskbridge.api.RateLimiter;
import io.taskbridge.api.RestApi;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.audit.AuditLog;
import io.taskbridge.outbox.AdminEndpoint;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.Installations;
import java.security.SecureRandom;
import java.time.Clock;

/** The REST API under /v1 with its keys and rate limit, and {@code GET /admin/outbox}, guarded by the same admin keys. */
final class ApiModule {
    private ApiModule() {}

    static HttpServer.Routes rest(Config config, Clock clock, StoreModule store, TaskService tasks,
                                  ApprovalService approvals, TaskAccess access) {
        // Keys are issued for the bot token's workspace and, with several, for each installed one.
        ApiKeys keys = new ApiKeys(store.db().jdbi(), clock, config.api().adminKey(), new SecureRandom(), tasks::workspace,
                ws -> (!ws.equals(WorkspaceId.UNRESOLVED) && ws.equals(tasks.workspace()))
                        || Installations.installed(store.db().jdbi(), ws));
        RestApi api = new RestApi(tasks, approvals, access, keys,
                new RateLimiter(config.api().ratePerMinute(), System::nanoTime), store.json(), clock,
                new AuditLog(store.db().jdbi()));
        AdminEndpoint admin = new AdminEndpoint(store.db().jdbi(), header -> keys.admin(header).map(caller ->
                caller.operator() ? AdminEndpoint.Viewer.operator() : AdminEndpoint.Viewer.adminOf(caller.workspace())));
        return routes -> {
            api.addTo(routes);
            routes.get("/admin/outbox", admin);
        };
    }
}
