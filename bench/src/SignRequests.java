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
        String prefix0 = "token=legacy-verification-token&team_id=T1&team_domain=bench&channel_id=C0BENCH"
                + "&channel_name=general&user_id=U0BENCH&user_name=bench&command=" + enc("/task")
                + "&text=" + enc(text) + "&api_app_id=A0BENCH&is_enterprise_install=false"
                + "&response_url=" + enc(responseUrl) + "&trigger_id=";
        String prefix = prefix0;
        String suffix = "";
        // BENCH_KIND=approve: block_actions clicks on approval_approve, each on its own task
        // (value taskId:1:0, task ids from BENCH_FIRST_ID up); the varying part is the task id.
        boolean approve = "approve".equals(System.getenv("BENCH_KIND"));
        long firstId = Long.parseLong(System.getenv().getOrDefault("BENCH_FIRST_ID", "1"));
        if (approve) {
            String head = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0BENCH\",\"username\":\"bench\",\"name\":\"bench\","
                    + "\"team_id\":\"T1\"},\"api_app_id\":\"A0BENCH\",\"token\":\"legacy\",\"team\":{\"id\":\"T1\","
                    + "\"domain\":\"bench\"},\"container\":{\"type\":\"message\",\"message_ts\":\"1700000000.000100\","
                    + "\"channel_id\":\"C0BENCH\",\"is_ephemeral\":false},\"trigger_id\":\"1.2.abc\","
                    + "\"channel\":{\"id\":\"C0BENCH\",\"name\":\"general\"},\"message\":{\"type\":\"message\","
                    + "\"ts\":\"1700000000.000100\",\"text\":\"task\",\"user\":\"UBOT\",\"bot_id\":\"BBOT\"},"
                    + "\"response_url\":\"" + responseUrl + "\",\"actions\":[{\"action_id\":\"approval_approve\","
                    + "\"block_id\":\"approval_actions\",\"value\":\"";
            String tail = ":1:0\",\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"},"
                    + "\"action_ts\":\"1700000001.000200\"}]}";
            prefix = "payload=" + enc(head);
            suffix = enc(tail);
        }
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
                String trigger = approve ? Long.toString(firstId + i) : run + "." + i + ".a1b2c3d4e5f6";
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
