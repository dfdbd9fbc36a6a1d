package io.taskbridge.slack;

import com.slack.api.model.event.FunctionExecutedEvent;
import io.taskbridge.approval.CompletionMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow step's inputs as {@code function_executed} carries them (strings, and lists of strings
 * for arrays), read with a clear message for each one that is missing or malformed: that message is
 * what {@code functions.completeError} shows the workflow's people.
 */
final class StepInputs {
    /** An input that is missing or malformed; the message says which and why. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** A date without a time is due at this time of day (UTC). */
    static final LocalTime DATE_ONLY_DUE = LocalTime.of(17, 0);

    private final Map<String, FunctionExecutedEvent.InputValue> inputs;

    StepInputs(Map<String, FunctionExecutedEvent.InputValue> inputs) {
        this.inputs = inputs == null ? Map.of() : inputs;
    }

    Optional<String> text(String name) {
        FunctionExecutedEvent.InputValue v = inputs.get(name);
        String s = v == null ? null : v.getStringValue();
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    String required(String name, String what) {
        return text(name).orElseThrow(() -> new Bad("The step needs " + what + " (input `" + name + "`)."));
    }

    /** A Slack user id (U… or W…), if given. */
    Optional<String> user(String name) {
        Optional<String> user = text(name);
        user.filter(u -> !isUser(u)).ifPresent(u -> {
            throw new Bad("`" + name + "` must be a Slack user, not \"" + u + "\".");
        });
        return user;
    }

    /** A Slack user id that must be given. */
    String requiredUser(String name, String what) {
        required(name, what);
        return user(name).orElseThrow();
    }

    /** A conversation id (C…, G…, D…). */
    String channel(String name) {
        String channel = required(name, "a channel to post in");
        if (!channel.matches("[CGD][A-Z0-9]+")) {
            throw new Bad("`" + name + "` must be a Slack channel, not \"" + channel + "\".");
        }
        return channel;
    }

    /** One or more Slack user ids. */
    List<String> users(String name, String what) {
        FunctionExecutedEvent.InputValue v = inputs.get(name);
        List<String> users = v == null ? List.of()
                : v.getStringValues() != null ? v.getStringValues()
                : v.getStringValue() == null ? List.of() : List.of(v.getStringValue().split(","));
        List<String> cleaned = users.stream().map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
        if (cleaned.isEmpty()) {
            throw new Bad("The step needs " + what + " (input `" + name + "`).");
        }
        cleaned.stream().filter(u -> !isUser(u)).findFirst().ifPresent(u -> {
            throw new Bad("`" + name + "` must list Slack users, not \"" + u + "\".");
        });
        return cleaned;
    }

    /** {@code any} (one approver decides; the default), {@code all}, or a count ({@code 2}: any two). */
    CompletionMode mode(String name) {
        String mode = text(name).orElse("any").toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "any", "one" -> CompletionMode.ONE;
            default -> CompletionMode.parse(mode).orElseThrow(() -> new Bad("`" + name
                    + "` must be \"any\" or \"all\" (or how many must approve, e.g. \"2\"), not \"" + mode + "\"."));
        };
    }

    /** Workflow Builder's timestamp (seconds since 1970) or date ({@code 2026-12-24}, due at 17:00 UTC). */
    Optional<Instant> due(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String s = raw.get();
        try {
            if (s.matches("\\d{9,12}(\\.\\d+)?")) {
                return Optional.of(Instant.ofEpochSecond((long) Double.parseDouble(s)));
            }
            return Optional.of(LocalDate.parse(s).atTime(DATE_ONLY_DUE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new Bad("`" + name + "` must be a date (2026-12-24) or a timestamp, not \"" + s + "\".");
        }
    }

    private static boolean isUser(String id) {
        return id.matches("[UW][A-Z0-9]+");
    }
}
