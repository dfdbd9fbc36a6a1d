package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests run on virtual threads on Java 24 and later, and on Jetty's pool before (where asking
 * Javalin for virtual threads would fail the start on 17, and pin carriers in {@code synchronized}
 * on 21 to 23). Run on whichever JDK runs the suite: on 17 it holds the fallback, on 25 the switch.
 */
class RequestThreadsTest {

    @Test
    void requestsRunOnVirtualThreadsFromJava24() throws Exception {
        boolean expected = Runtime.version().feature() >= 24;
        assertThat(HttpServer.virtualThreads()).isEqualTo(expected);
        try (Database db = Database.open(Databases.sqliteUrl(), null, null);
             HttpServer http = new HttpServer(db, Json.mapper(), Optional.empty(),
                     List.of(routes -> routes.get("/v1/thread", ctx -> ctx.result(String.valueOf(isVirtual(Thread.currentThread()))))))
                     .start(0)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/v1/thread")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(String.valueOf(expected));
        }
    }

    /** {@code Thread.isVirtual()} where the JDK has it (21 and later); the suite compiles for 17. */
    private static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
