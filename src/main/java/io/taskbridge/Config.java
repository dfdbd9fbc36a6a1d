package io.taskbridge;

import io.taskbridge.platform.Env;
import io.taskbridge.platform.Secret;
import io.taskbridge.reminder.QuietHours;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting, read once from the environment (names as in DESIGN.md). Nothing set is a valid
 * configuration: embedded SQLite, the built-in task store, the REST API, Slack off.
 */
public record Config(
        int port,
        String dbUrl,
        Optional<String> dbUser,
        Optional<Secret> dbPassword,
        Slack slack,
        Duration outboxPollInterval,
        Duration outboxLease,
        Api api,
        Reminders reminders,
        ConnectorSettings connectors,
        Sandbox sandbox,
        boolean allowSelfApproval,
        MetricsSettings metrics,
        Optional<URI> publicUrl) {

    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_DB_URL = "jdbc:sqlite:taskbridge.db";
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final int DEFAULT_API_RATE = 600;

    /**
     * The REST API: {@code adminKey} (TASKBRIDGE_ADMIN_KEY) is an admin API key that needs no row in
     * the store; {@code ratePerMinute} (TASKBRIDGE_API_RATE) is each key's request budget per minute,
     * counted by each instance on its own.
     */
    public record Api(Optional<Secret> adminKey, int ratePerMinute) {
        public Api {
            if (ratePerMinute < 1) {
                throw new IllegalArgumentException("TASKBRIDGE_API_RATE must be at least 1 request per minute");
            }
        }
    }

    /**
     * How the service talks to Slack: {@code signingSecret} and {@code botToken} both set means HTTP
     * mode, {@code appToken} and {@code botToken} Socket Mode. With all three set, HTTP mode wins and
     * no socket is opened (see {@code slack.SocketModeTransport}).
     */
    public record Slack(Optional<Secret> signingSecret, Optional<Secret> botToken, Optional<Secret> appToken,
                        URI apiUrl, Optional<OAuth> oauth) {
        /** Single-workspace (or Socket Mode) settings: no "Add to Slack". */
        public Slack(Optional<Secret> signingSecret, Optional<Secret> botToken, Optional<Secret> appToken, URI apiUrl) {
            this(signingSecret, botToken, appToken, apiUrl, Optional.empty());
        }

        public boolean httpMode() {
            return signingSecret.isPresent() && (botToken.isPresent() || oauth.isPresent());
        }

        /** Installed from Slack into any number of workspaces, each with its own tokens. */
        public boolean multiWorkspace() {
            return signingSecret.isPresent() && oauth.isPresent();
        }

        public boolean socketMode() {
            return appToken.isPresent() && botToken.isPresent();
        }

        public boolean enabled() {
            return httpMode() || socketMode();
        }

        /** What an operator must set to turn Slack on, or empty when it is on. */
        public Optional<String> missing() {
            if (enabled()) {
                return Optional.empty();
            }
            if (botToken.isEmpty()) {
                return Optional.of("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode)");
            }
            return Optional.of("SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)");
        }
    }

    /**
     * Multi-workspace mode ("Add to Slack"): the app's OAuth client, the public base URL Slack sends
     * installers back to ({@code /slack/oauth_redirect} under it), and the key that seals the tokens.
     */
    public record OAuth(String clientId, Secret clientSecret, URI publicUrl, Secret encryptionKey) {
        public URI redirectUri() {
            return publicUrl.resolve("slack/oauth_redirect");
        }
    }

    /**
     * Reminders: how often the ReminderJob looks for due ones, the quiet hours in which reminder
     * DMs wait (each person's own zone; "22:00-08:00", or "off"), and whether thread replies are
     * also shown in the channel.
     */
    public record Reminders(Duration interval, QuietHours quietHours, boolean broadcast) {}

    /**
     * The {@code /try} sandbox (TASKBRIDGE_SANDBOX): {@code AUTO} (unset) runs it only while Slack is
     * not configured, {@code ON} beside a configured Slack too, {@code OFF} never.
     */
    public enum Sandbox {
        AUTO, ON, OFF;

        /** Whether the sandbox runs next to this Slack configuration: never by default beside a configured Slack. */
        public boolean runsWith(Slack slack) {
            return this == ON || this == AUTO && !slack.enabled();
        }

        /** Whether the sandbox runs as a second workspace beside a configured Slack's. */
        public boolean besides(Slack slack) {
            return this == ON && slack.enabled();
        }
    }

    /**
     * {@code GET /metrics} (TASKBRIDGE_METRICS, TASKBRIDGE_METRICS_KEY): off unless asked for; a key
     * turns it on and is then required as a bearer token.
     */
    public record MetricsSettings(boolean on, Optional<Secret> key) {}

    /** The same settings with another Slack configuration (the sandbox's, when it stands in for Slack). */
    public Config withSlack(Slack other) {
        return new Config(port, dbUrl, dbUser, dbPassword, other, outboxPollInterval, outboxLease, api, reminders,
                connectors, sandbox, allowSelfApproval, metrics, publicUrl);
    }

    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads settings from a map shaped like the environment; a malformed value fails with its name. */
    public static Config from(Map<String, String> env) {
        Config config = new Config(
                integer(env, "PORT", DEFAULT_PORT),
                text(env, "TASKBRIDGE_DB_URL").orElse(DEFAULT_DB_URL),
                text(env, "TASKBRIDGE_DB_USER"),
                text(env, "TASKBRIDGE_DB_PASSWORD").map(Secret::new),
                new Slack(
                        text(env, "SLACK_SIGNING_SECRET").map(Secret::new),
                        text(env, "SLACK_BOT_TOKEN").map(Secret::new),
                        text(env, "SLACK_APP_TOKEN").map(Secret::new),
                        apiUrl(text(env, "SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL)),
                        oauth(env)),
                Duration.ofMillis(integer(env, "TASKBRIDGE_OUTBOX_POLL_MS", 1000)),
                outboxLease(env),
                new Api(text(env, "TASKBRIDGE_ADMIN_KEY").map(Secret::new),
                        integer(env, "TASKBRIDGE_API_RATE", DEFAULT_API_RATE)),
                new Reminders(reminderInterval(env),
                        quietHours(text(env, "TASKBRIDGE_QUIET_HOURS").orElse("22:00-08:00")),
                        bool(env, "TASKBRIDGE_REMINDER_BROADCAST")),
                ConnectorSettings.from(env),
                sandbox(env),
                bool(env, "TASKBRIDGE_ALLOW_SELF_APPROVAL"),
                metrics(env),
                publicUrl(env));
        if (config.sandbox() == Sandbox.ON && config.slack().enabled()
                && (config.slack().multiWorkspace() || !config.slack().httpMode())) {
            // The sandbox is a second workspace beside the one of the bot token, with its own token and
            // signing secret; it posts to /slack/events, which Socket Mode does not serve, and in
            // multi-workspace mode Bolt would look for an installation it does not have.
            throw new IllegalArgumentException("TASKBRIDGE_SANDBOX=on beside a configured Slack works in single-workspace"
                    + " HTTP mode (SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN): not beside Socket Mode or"
                    + " multi-workspace mode; run the sandbox in a second Taskbridge without SLACK_* settings there");
        }
        return config;
    }

    private static MetricsSettings metrics(Map<String, String> env) {
        Optional<Secret> key = text(env, "TASKBRIDGE_METRICS_KEY").map(Secret::new);
        boolean asked = bool(env, "TASKBRIDGE_METRICS");
        if (key.isPresent() && text(env, "TASKBRIDGE_METRICS").isPresent() && !asked) {
            throw new IllegalArgumentException("TASKBRIDGE_METRICS is off but TASKBRIDGE_METRICS_KEY is set: "
                    + "unset the key, or the setting");
        }
        return new MetricsSettings(asked || key.isPresent(), key);
    }

    /**
     * Multi-workspace mode is on when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET are
     * set. It then needs TASKBRIDGE_PUBLIC_URL (Slack's redirect) and TASKBRIDGE_ENCRYPTION_KEY (every
     * workspace's tokens are stored, and never in the clear): without them the service refuses to start.
     */
    private static Optional<OAuth> oauth(Map<String, String> env) {
        Optional<String> clientId = text(env, "SLACK_CLIENT_ID");
        Optional<String> clientSecret = text(env, "SLACK_CLIENT_SECRET");
        if (clientId.isEmpty() || clientSecret.isEmpty() || text(env, "SLACK_SIGNING_SECRET").isEmpty()) {
            return Optional.empty();
        }
        Secret key = text(env, "TASKBRIDGE_ENCRYPTION_KEY").map(Secret::new).orElseThrow(() -> new IllegalArgumentException(
                "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET turn on multi-workspace mode, which stores each workspace's "
                        + "Slack tokens in the database: set TASKBRIDGE_ENCRYPTION_KEY (base64 of 32 random bytes, "
                        + "e.g. `openssl rand -base64 32`) so they are stored encrypted"));
        String publicUrl = text(env, "TASKBRIDGE_PUBLIC_URL").orElseThrow(() -> new IllegalArgumentException(
                "multi-workspace mode needs TASKBRIDGE_PUBLIC_URL, the public HTTPS base URL Slack sends installers "
                        + "back to (its /slack/oauth_redirect)"));
        URI base;
        try {
            base = URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TASKBRIDGE_PUBLIC_URL must be an absolute URL such as https://tasks.example.com");
        }
        return Optional.of(new OAuth(clientId.get(), new Secret(clientSecret.get()), base, key));
    }

    /**
     * TASKBRIDGE_PUBLIC_URL, in any mode: the base of task links ({@code /tasks/{id}}) and of the
     * link previews' domain. Empty when unset; a value that is not an absolute URL fails start-up.
     */
    private static Optional<URI> publicUrl(Map<String, String> env) {
        Optional<String> raw = text(env, "TASKBRIDGE_PUBLIC_URL");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI base = URI.create(raw.get().endsWith("/") ? raw.get() : raw.get() + "/");
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return Optional.of(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TASKBRIDGE_PUBLIC_URL must be an absolute URL such as https://tasks.example.com");
        }
    }

    private static Sandbox sandbox(Map<String, String> env) {
        Optional<String> raw = text(env, "TASKBRIDGE_SANDBOX");
        if (raw.isEmpty()) {
            return Sandbox.AUTO;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Sandbox.AUTO;
            case "on", "true", "yes", "1" -> Sandbox.ON;
            case "off", "false", "no", "0" -> Sandbox.OFF;
            default -> throw new IllegalArgumentException("TASKBRIDGE_SANDBOX must be on, off or auto, not '" + raw.get() + "'");
        };
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Env.text(env, name);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        Optional<String> raw = text(env, name);
        try {
            return raw.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + raw.get() + "'");
        }
    }

    /**
     * How long a claimed outbox row is its worker's (seconds, default 120): a row whose worker died
     * is delivered again once this has passed. Must exceed the longest delivery (Slack calls time out after 15s).
     */
    private static Duration outboxLease(Map<String, String> env) {
        int seconds = integer(env, "TASKBRIDGE_OUTBOX_LEASE_SECONDS", 120);
        if (seconds < 1) {
            throw new IllegalArgumentException("TASKBRIDGE_OUTBOX_LEASE_SECONDS must be at least 1");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Seconds, default 30; a fraction ("0.2") is allowed so tests can tick fast. */
    private static Duration reminderInterval(Map<String, String> env) {
        Optional<String> raw = text(env, "TASKBRIDGE_REMINDER_INTERVAL");
        try {
            double seconds = raw.map(Double::parseDouble).orElse(30.0);
            if (!(seconds > 0) || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TASKBRIDGE_REMINDER_INTERVAL must be a number of seconds above 0, not '"
                    + raw.orElse("") + "'");
        }
    }

    private static QuietHours quietHours(String raw) {
        try {
            return QuietHours.parse(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TASKBRIDGE_QUIET_HOURS must look like 22:00-08:00, or be off, not '"
                    + raw + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + raw.get() + "'");
        };
    }

    private static URI apiUrl(String raw) {
        String withSlash = raw.endsWith("/") ? raw : raw + "/";
        try {
            URI uri = URI.create(withSlash);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLACK_API_URL must be an absolute URL such as " + DEFAULT_SLACK_API_URL);
        }
    }
}
