package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances on one database keep a channel at one pace between them: a burst of three is
 * three posts in all, not three each; another channel has a budget of its own; a 429 closes the
 * channel for every instance.
 */
class SharedPacerTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void instancesSharingTheDatabaseShareEachChannelsPace(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Duration interval = Duration.ofMinutes(1); // long enough that no slot frees up during the test
            SharedPacer one = new SharedPacer(db.jdbi(), Clock.systemUTC(), 3, interval);
            SharedPacer two = new SharedPacer(db.jdbi(), Clock.systemUTC(), 3, interval);

            assertThat(one.reserve("C1")).isZero();
            assertThat(two.reserve("C1")).isZero();
            assertThat(one.reserve("C1")).isZero();
            Duration wait = two.reserve("C1");
            assertThat(wait).as("the fourth post, from either instance, waits").isPositive().isLessThanOrEqualTo(interval);
            assertThat(one.reserve("C1")).isPositive();
            assertThat(two.reserve("C2")).as("another channel").isZero();

            one.close("C2", Duration.ofMinutes(10));
            assertThat(two.reserve("C2")).as("a 429 seen by one instance holds the other").isGreaterThan(Duration.ofMinutes(9));
        }
    }
}
