package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One keyed HMAC signs every request to its secret, from every request thread at once: each
 * signature starts from a copy of the keyed state, so none sees another's bytes.
 */
class HmacTest {
    @Test
    void signsAsRfc4231Says() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?" (split into prefix and body)
        Hmac jefe = Hmac.keyed(new Secret("Jefe"));
        byte[] body = "want for nothing?".getBytes(StandardCharsets.UTF_8);
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(jefe.hex("what do ya ", body)).isEqualTo(expected);
        assertThat(jefe.hex("what do ya ", body)).as("the keyed state is left as it was").isEqualTo(expected);
        assertThat(Hmac.sha256Hex(new Secret("Jefe"), "what do ya ", body)).isEqualTo(expected);
    }

    @Test
    void oneKeyedHmacSignsFromManyThreadsAtOnce() throws Exception {
        Secret secret = new Secret("8f742231b10e8888abcd99yyyzzz85a5");
        Hmac shared = Hmac.keyed(secret);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                checks.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] body = ("token=x&text=add+task+" + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
                        String prefix = "v0:" + (1_700_000_000 + i) + ":";
                        if (!shared.hex(prefix, body).equals(Hmac.sha256Hex(secret, prefix, body))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
