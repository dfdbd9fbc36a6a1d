package io.taskbridge.testing;

import io.taskbridge.Taskbridge;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * "Nothing else happened" shown without sleeping: waits until the service is at rest (no inbox
 * row pending, no outbox row pending, every outbox lane between passes; see
 * {@link Taskbridge#quiescent()}) on several looks in a row, so a test can then assert on what
 * Slack and the task systems received. Fails the test if the service never comes to rest.
 */
public final class Quiescence {
    private static final int LOOKS = 3;

    private Quiescence() {
    }

    public static void await(RunningService svc) {
        await(svc.service);
    }

    public static void await(Taskbridge service) {
        await(service::quiescent, "the service never came to rest (inbox or outbox still busy)");
    }

    /** Waits until {@code atRest} holds on {@value #LOOKS} looks in a row, at most 20 s. */
    public static void await(BooleanSupplier atRest, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int quiet = 0;
        while (quiet < LOOKS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            quiet = atRest.getAsBoolean() ? quiet + 1 : 0;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for rest", e);
            }
        }
    }
}
