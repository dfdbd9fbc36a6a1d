package io.taskbridge.slack;

import java.time.Duration;

/** How one Web API call went, in the terms the outbox needs to decide what to do next. */
public sealed interface SlackResult<T> {
    record Ok<T>(T value) implements SlackResult<T> {}

    /** HTTP 429: wait {@code retryAfter} (Slack's Retry-After) before trying again. */
    record RateLimited<T>(Duration retryAfter) implements SlackResult<T> {}

    /** Slack said no ({@code error} is its error code) or could not be reached. */
    record Failed<T>(String error, boolean retryable) implements SlackResult<T> {}
}
