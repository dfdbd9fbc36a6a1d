package io.taskbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser going through "Add to Slack" against a service in multi-workspace mode: it opens
 * /slack/install, and comes back to /slack/oauth_redirect the way Slack sends it back after "Allow"
 * (the code the fake Slack will exchange, the state, the cookie the install page set).
 */
public final class InstallBrowser {
    public static final String CLIENT_ID = "client-1";
    public static final String CLIENT_SECRET = "client-secret-1";
    public static final String PUBLIC_URL = "https://tasks.example.com";
    public static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // base64 of 32 bytes

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final FakeSlack slack;

    public InstallBrowser(int port, FakeSlack slack) {
        this.port = port;
        this.slack = slack;
    }

    /** The settings of multi-workspace mode (no SLACK_BOT_TOKEN), with the fake's OAuth client. */
    public static Map<String, String> multiWorkspaceEnv(FakeSlack slack) {
        slack.oauthClient(CLIENT_ID, CLIENT_SECRET);
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "");
        env.put("SLACK_CLIENT_ID", CLIENT_ID);
        env.put("SLACK_CLIENT_SECRET", CLIENT_SECRET);
        env.put("TASKBRIDGE_PUBLIC_URL", PUBLIC_URL);
        env.put("TASKBRIDGE_ENCRYPTION_KEY", KEY);
        return env;
    }

    /** A browser that began an install: the state in Slack's authorize URL and the cookie that binds it. */
    public record Started(String state, String cookie) {}

    public Started begin() {
        HttpResponse<String> page = get("/slack/install", Optional.empty());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Add to Slack");
        Matcher m = Pattern.compile("https://slack\\.com/oauth/v2/authorize\\?[^\"]*").matcher(page.body());
        assertThat(m.find()).as("the page links to Slack's authorize URL").isTrue();
        String url = m.group().replace("&amp;", "&");
        assertThat(url).contains("client_id=" + CLIENT_ID).contains("scope=commands")
                .contains("redirect_uri=" + URLEncoder.encode(PUBLIC_URL + "/slack/oauth_redirect", StandardCharsets.UTF_8));
        Matcher s = Pattern.compile("[?&]state=([^&]+)").matcher(url);
        assertThat(s.find()).isTrue();
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new Started(URLDecoder.decode(s.group(1), StandardCharsets.UTF_8), cookie);
    }

    /** Back from Slack with this query, carrying {@code cookie} if any. */
    public HttpResponse<String> back(String query, Optional<String> cookie) {
        return get("/slack/oauth_redirect?" + query, cookie);
    }

    /** The whole install of {@code grant}: the success page is checked. */
    public void install(String code, FakeSlack.Grant grant) {
        slack.installCode(code, grant);
        Started started = begin();
        HttpResponse<String> done = back("code=" + code + "&state=" + started.state(), Optional.of(started.cookie()));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Taskbridge is installed").contains("/task");
    }

    public HttpResponse<String> get(String path, Optional<String> cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        cookie.ifPresent(c -> b.header("Cookie", c));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
