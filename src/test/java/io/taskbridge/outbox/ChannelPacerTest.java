package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pacer on a clock the test drives: the schedule of sends it lets through is computed, not
 * timed, and checked against Slack's limit as Slack counts it (one post a second per channel,
 * bursts of three), so no real time and no second token bucket take part.
 */
class ChannelPacerTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final ChannelPacer pacer = new ChannelPacer(3, Duration.ofMillis(1_050), now::get);

    /** Sends {@code posts} posts to {@code channel} as the worker does: reserve, and wait what it says. */
    private List<Long> schedule(String channel, int posts) {
        List<Long> sentAt = new ArrayList<>();
        while (sentAt.size() < posts) {
            Duration wait = pacer.reserve(channel);
            if (wait.isZero()) {
                sentAt.add(now.get());
            } else {
                now.addAndGet(wait.toNanos());
            }
        }
        return sentAt;
    }

    /** Slack's own count: a bucket of {@code burst} posts refilled at one a second; how many it refuses. */
    private static int refusedBySlack(List<Long> sentAt, int burst) {
        double tokens = burst;
        long at = sentAt.get(0);
        int refused = 0;
        for (long t : sentAt) {
            tokens = Math.min(burst, tokens + (double) (t - at) / SECOND);
            at = t;
            if (tokens < 1) {
                refused++;
            } else {
                tokens -= 1;
            }
        }
        return refused;
    }

    @Test
    void aBurstOfEightToOneChannelGoesThreeAtOnceThenOneEvery1050Ms() {
        long start = now.get();
        List<Long> sentAt = schedule("CBURST", 8);

        long step = 1_050_000_000L;
        assertThat(sentAt).containsExactly(start, start, start, start + step, start + 2 * step, start + 3 * step,
                start + 4 * step, start + 5 * step);
        assertThat(refusedBySlack(sentAt, 3)).as("Slack's 1/s with bursts of 3 refuses none of them").isZero();
    }

    @Test
    void aLongBurstStaysUnderSlacksPaceAndIsNotSlowerThanItNeedsToBe() {
        long start = now.get();
        List<Long> sentAt = schedule("CLONG", 100);

        assertThat(refusedBySlack(sentAt, 3)).isZero();
        // 3 at once, then 97 more one interval apart: the last goes at 97 × 1.05 s, no later.
        assertThat(sentAt.get(99) - start).isEqualTo(97 * 1_050_000_000L);
    }

    @Test
    void aPacerWithoutItsMarginWouldBeRefusedBySlack() {
        // The check above can fail: a pacer a little faster than Slack (one per 0.9 s) is caught.
        ChannelPacer tooFast = new ChannelPacer(3, Duration.ofMillis(900), now::get);
        List<Long> sentAt = new ArrayList<>();
        while (sentAt.size() < 20) {
            Duration wait = tooFast.reserve("C");
            if (wait.isZero()) {
                sentAt.add(now.get());
            } else {
                now.addAndGet(wait.toNanos());
            }
        }
        assertThat(refusedBySlack(sentAt, 3)).isPositive();
    }

    @Test
    void channelsArePacedApart() {
        assertThat(schedule("CA", 3)).allMatch(t -> t == now.get());
        assertThat(pacer.reserve("CA")).as("CA has spent its burst").isEqualTo(Duration.ofMillis(1_050));
        assertThat(pacer.reserve("CB")).as("CB has its own bucket").isZero();
    }

    @Test
    void tokensComeBackWithTimeUpToTheBurstOnly() {
        schedule("C", 3);
        now.addAndGet(10 * SECOND);
        long later = now.get();
        assertThat(schedule("C", 4)).containsExactly(later, later, later, later + 1_050_000_000L);
    }

    @Test
    void a429ClosesTheChannelForItsRetryAfterThenTheRefilledBurstGoes() {
        assertThat(pacer.reserve("C")).isZero();
        pacer.close("C", Duration.ofSeconds(30));
        now.addAndGet(10 * SECOND);
        assertThat(pacer.reserve("C")).as("closed for the rest of Retry-After").isEqualTo(Duration.ofSeconds(20));
        now.addAndGet(20 * SECOND);
        // Reopened with the tokens refilled since the 429 (30 s: the whole burst).
        long reopened = now.get();
        assertThat(schedule("C", 4)).containsExactly(reopened, reopened, reopened, reopened + 1_050_000_000L);
    }

    @Test
    void aShorterRetryAfterDoesNotReopenAChannelClosedForLonger() {
        pacer.close("C", Duration.ofSeconds(30));
        pacer.close("C", Duration.ofSeconds(1));
        now.addAndGet(2 * SECOND);
        assertThat(pacer.reserve("C")).isEqualTo(Duration.ofSeconds(28));
    }

    @Test
    void aBurstBelowOneOrANonPositiveIntervalIsRefused() {
        assertThatThrownBy(() -> new ChannelPacer(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelPacer(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
