package io.taskbridge.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.Charset;

/**
 * Run in a child JVM by {@link AsciiLocaleTest}: reports the default charset and whether Bolt's
 * own verifier accepts the event that the test signed over its UTF-8 bytes.
 */
public final class BoltVerifierProbe {
    private BoltVerifierProbe() {}

    public static void main(String[] args) {
        String secret = args[0];
        String timestamp = args[1];
        String signature = args[2];
        var verifier = new SlackSignature.Verifier(new SlackSignature.Generator(secret));
        boolean ok = verifier.isValid(timestamp, SlackEndpointTest.NON_ASCII_EVENT, signature,
                Long.parseLong(timestamp) * 1000);
        System.out.println("charset=" + Charset.defaultCharset().name() + " bolt-verifies=" + ok);
    }
}
