import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Slack Web API Taskbridge talks to during a benchmark, on loopback: auth.test, chat.postMessage
 * (with a ts), chat.update, users.info (with tz) and response_url posts. It counts calls
 * ({@code GET /stats}) and keeps nothing else, so it stays cheap under load.
 */
public final class FakeSlackApi {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final LongAdder BUSY_REPLIES = new LongAdder();
    private static final AtomicLong TS = new AtomicLong(1_700_000_000_000_100L);

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3199"));
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/{method}", FakeSlackApi::method);
            cfg.routes.post("/response/{id}", ctx -> {
                count("response_url");
                if (ctx.body().contains("very busy")) {
                    BUSY_REPLIES.increment();
                }
                ctx.contentType("application/json").result("{\"ok\":true}");
            });
            cfg.routes.get("/stats", ctx -> {
                Map<String, Long> out = new TreeMap<>();
                COUNTS.forEach((k, v) -> out.put(k, v.sum()));
                out.put("busy_replies", BUSY_REPLIES.sum());
                StringBuilder b = new StringBuilder();
                out.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
                ctx.result(b.toString());
            });
            cfg.routes.get("/healthz", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", port);
    }

    private static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private static void method(Context ctx) {
        String method = ctx.pathParam("method");
        count(method);
        String body = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"bot\","
                    + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + param(ctx, "channel") + "\",\"ts\":\"" + nextTs() + "\"}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + param(ctx, "channel") + "\",\"ts\":\"" + param(ctx, "ts") + "\"}";
            case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + param(ctx, "user") + "\",\"tz\":\"Europe/Berlin\"}}";
            default -> "{\"ok\":true}";
        };
        ctx.contentType("application/json").result(body);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.replace("\"", "");
    }

    private static String nextTs() {
        long v = TS.incrementAndGet();
        return (v / 1_000_000) + "." + String.format("%06d", v % 1_000_000);
    }
}
