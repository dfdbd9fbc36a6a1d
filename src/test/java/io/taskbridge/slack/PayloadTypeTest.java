package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A click's payload type is read as a stream, not as a tree: for any text it gives what reading the
 * whole tree and asking for a text {@code type} gives (objects, duplicate and nested types, other
 * values, broken and truncated JSON, trailing text).
 */
class PayloadTypeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheTopLevelTextType() {
        assertThat(SlackShapes.typeOf("{\"type\":\"block_actions\",\"actions\":[{\"type\":\"button\"}]}")).contains("block_actions");
        assertThat(SlackShapes.typeOf("{\"actions\":[{\"type\":\"button\"}],\"user\":{\"type\":\"x\"}}")).isEmpty();
        assertThat(SlackShapes.typeOf("{\"type\":\"a\",\"type\":\"b\"}")).contains("b");
        assertThat(SlackShapes.typeOf("{\"type\":\"a\",\"type\":1}")).isEmpty();
        assertThat(SlackShapes.typeOf("{\"type\":\"a\",\"user\":{")).isEmpty();
        assertThat(SlackShapes.typeOf("[{\"type\":\"a\"}]")).isEmpty();
        assertThat(SlackShapes.typeOf("")).isEmpty();
    }

    @Property(tries = 3000)
    void agreesWithReadingTheWholeTree(@ForAll("payloads") String text) {
        assertThat(SlackShapes.typeOf(text)).as(text).isEqualTo(byTree(text));
    }

    private static Optional<String> byTree(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.path("type").isTextual()
                    ? Optional.of(node.path("type").asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> value = Arbitraries.recursive(
                () -> Arbitraries.of("null", "true", "1", "-2.5e3", "\"block_actions\"", "\"view_submission\"", "\"\"",
                        "\"a\\\"b\"", "\"\\u00e9\"", "[]", "{}"),
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        field(inner).list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}")),
                3);
        Arbitrary<String> object = field(value).list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> whole = Arbitraries.oneOf(object, value);
        // cut short, or followed by something: what a broken client might send
        return Combinators.combine(whole, Arbitraries.integers().between(0, 3), Arbitraries.of("", " ", "}", "x", ",{}", "]"))
                .as((text, damage, tail) -> switch (damage) {
                    case 0 -> text;
                    case 1 -> text.substring(0, text.length() / 2);
                    case 2 -> text + tail;
                    default -> " \n" + text;
                });
    }

    private static Arbitrary<String> field(Arbitrary<String> value) {
        Arbitrary<String> name = Arbitraries.of(List.of("type", "type", "actions", "user", "Type", "typ"));
        return Combinators.combine(name, value).as((n, v) -> "\"" + n + "\":" + v);
    }
}
