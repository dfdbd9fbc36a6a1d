package io.taskbridge.connector;

import java.time.Duration;
import java.util.Map;

/**
 * Why a call to a task system did not work, in the terms a caller acts on. Each message is safe to
 * show a person: it names the system and what to do, never a credential or a request header.
 */
public abstract sealed class BackendException extends RuntimeException
        permits BackendException.Throttled, BackendException.Unavailable, BackendException.Refused,
                BackendException.NotFound, BackendException.Invalid, BackendException.Unsupported {

    private BackendException(String message) {
        super(message, null, false, false);
    }

    /** HTTP 429: the system asked us to wait this long (its Retry-After). Try again later. */
    public static final class Throttled extends BackendException {
        private final Duration after;

        public Throttled(String system, Duration after) {
            super(system + " is rate limiting us; trying again in " + Math.max(1, after.toSeconds()) + " s.");
            this.after = after;
        }

        public Duration after() {
            return after;
        }
    }

    /** 5xx, a time-out or a refused connection: the system may be back soon. */
    public static final class Unavailable extends BackendException {
        public Unavailable(String system, String reason) {
            super(system + " is not reachable right now (" + reason + "). Nothing was lost; it will be tried again.");
        }
    }

    /** 401/403: the connection's credentials were refused. No retry helps until an admin fixes them. */
    public static final class Refused extends BackendException {
        public Refused(String message) {
            super(message);
        }
    }

    /** 404: the task (or user) is not there. */
    public static final class NotFound extends BackendException {
        public NotFound(String message) {
            super(message);
        }
    }

    /**
     * 400/409/422: the system refused the request's content. {@code fields} maps field names to the
     * system's messages (may be empty when it names none).
     */
    public static final class Invalid extends BackendException {
        private final Map<String, String> fields;

        public Invalid(String message, Map<String, String> fields) {
            super(message);
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    /** The system has no way to do this (e.g. no user look-up by email). */
    public static final class Unsupported extends BackendException {
        public Unsupported(String message) {
            super(message);
        }
    }

    /** Whether trying the same call again later can work. */
    public boolean retryable() {
        return this instanceof Throttled || this instanceof Unavailable;
    }
}
