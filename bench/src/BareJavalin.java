import io.javalin.Javalin;

/** Server A of scenario 1: the HTTP stack's ceiling. Javalin 7 answering 200 to every POST, nothing else. */
public final class BareJavalin {
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3100"));
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/slack/events", ctx -> ctx.status(200));
            cfg.routes.get("/healthz", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", port);
    }
}
