package io.taskbridge;

import io.taskbridge.access.TaskAccess;
import io.taskbridge.api.ApiKeys;
import io.taskbridge.api.RateLimiter;
import io.taskbridge.api.RestApi;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.outbox.AdminEndpoint;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.task.TaskService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** The REST API under /v1 with its keys and rate limit, and, with an admin key, {@code GET /admin/outbox}. */
final class ApiModule {
    private ApiModule() {}

    static HttpServer.Routes rest(Config config, Clock clock, StoreModule store, TaskService tasks,
                                  ApprovalService approvals, TaskAccess access) {
        RestApi api = new RestApi(tasks, approvals, access,
                new ApiKeys(store.db().jdbi(), clock, config.api().adminKey(), new SecureRandom(), tasks::workspace),
                new RateLimiter(config.api().ratePerMinute(), System::nanoTime), store.json(), clock);
        return api::addTo;
    }

    static Optional<HttpServer.Routes> admin(Config config, StoreModule store) {
        return config.api().adminKey().map(key -> new AdminEndpoint(store.db().jdbi(), key))
                .map(admin -> routes -> routes.get("/admin/outbox", admin));
    }
}
