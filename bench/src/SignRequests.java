import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-signs slash commands exactly as Slack signs them: {@code v0=hex(HMAC-SHA256(secret,
 * "v0:" + ts + ":" + body))} over the form-encoded bytes, each with its own trigger_id.
 *
 * <p>Output (read by bench/wrk/slack.lua): line 1 is the body up to the trigger_id value, line 2
 * the body after it (empty: Slack sends trigger_id last), then one line per request:
 * {@code timestamp signature trigger_id}. Usage: {@code SignRequests OUT COUNT RUN_ID RESPONSE_URL}.
 */
public final class SignRequests {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String run = args[2];
        String responseUrl = args[3];
        String secret = System.getenv("SLACK_SIGNING_SECRET");
        String text = System.getenv().getOrDefault("BENCH_TEXT", "add Review the Q3 report due friday 5pm !high #finance #q3");
        String prefix = "token=legacy-verification-token&team_id=T1&team_domain=bench&channel_id=C0BENCH"
                + "&channel_name=general&user_id=U0BENCH&user_name=bench&command=" + enc("/task")
                + "&text=" + enc(text) + "&api_app_id=A0BENCH&is_enterprise_install=false"
                + "&response_url=" + enc(responseUrl) + "&trigger_id=";
        String suffix = "";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        long ts = Instant.now().getEpochSecond();
        byte[] head = ("v0:" + ts + ":" + prefix).getBytes(StandardCharsets.UTF_8);
        HexFormat hex = HexFormat.of();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(prefix);
            w.write('\n');
            w.write(suffix);
            w.write('\n');
            for (int i = 0; i < count; i++) {
                String trigger = run + "." + i + ".a1b2c3d4e5f6";
                mac.update(head);
                mac.update((trigger + suffix).getBytes(StandardCharsets.UTF_8));
                w.write(ts + " v0=" + hex.formatHex(mac.doFinal()) + " " + trigger + "\n");
            }
        } catch (IOException e) {
            throw e;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
