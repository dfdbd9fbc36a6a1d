package io.taskbridge.task;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one validation every entry point uses (Slack command, modal, REST API, connectors).
 * Keys are seed 001's field names, so the REST API can return them as {@code details} as they are
 * and the Slack modal can map them onto its inputs.
 */
public final class TaskRules {
    /**
     * {@code text} cut to at most {@code max} characters, ending in "…" when something was cut: how a
     * title or description from another system, which has its own limits, is kept here.
     */
    public static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public static final int MAX_TITLE = 500;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG_LENGTH = 50;
    public static final Duration MAX_WARNING = Duration.ofDays(365);
    static final String PAST = "Due date must be in the future.";

    private TaskRules() {}

    /**
     * ErrorBodies with a draft, empty when it is fine. {@code before} is the task as stored when this
     * is a change: a due date that has passed may stay as it is, but a new one must be in the future.
     */
    public static Map<String, String> check(TaskDraft draft, Optional<Task> before, Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        String title = draft.title().strip();
        if (title.isEmpty()) {
            problems.put("title", "Title is required.");
        } else if (title.length() > MAX_TITLE) {
            problems.put("title", "Title must be at most " + MAX_TITLE + " characters (it has " + title.length() + ").");
        }
        draft.description().filter(d -> d.length() > MAX_DESCRIPTION).ifPresent(d -> problems.put("description",
                "Description must be at most " + MAX_DESCRIPTION + " characters (it has " + d.length() + ")."));
        boolean dueChanged = before.map(t -> !t.dueDate().equals(draft.dueDate())).orElse(true);
        draft.dueDate().flatMap(InputBounds::dateProblem).ifPresent(p -> problems.put("dueDate", p));
        draft.dueDate().filter(due -> dueChanged && !due.isAfter(now)).ifPresent(due ->
                problems.putIfAbsent("dueDate", PAST));
        draft.warning().ifPresent(w -> {
            if (draft.dueDate().isEmpty()) {
                problems.put("warningOffset", "A reminder offset needs a due date.");
            } else if (w.isNegative() || w.isZero()) {
                problems.put("warningOffset", "The reminder offset must be more than zero.");
            } else if (w.compareTo(MAX_WARNING) > 0) {
                problems.put("warningOffset", "The reminder offset can be at most 365 days (8760 hours).");
            }
        });
        if (draft.tags().size() > MAX_TAGS) {
            problems.put("tags", "A task can have at most " + MAX_TAGS + " tags (it has " + draft.tags().size() + ").");
        } else {
            draft.tags().stream()
                    .filter(t -> t.isBlank() || t.length() > MAX_TAG_LENGTH)
                    .findFirst()
                    .ifPresent(t -> problems.put("tags", t.isBlank() ? "Tags can't be empty."
                            : "Each tag can be at most " + MAX_TAG_LENGTH + " characters (“" + t.substring(0, 20) + "…” is longer)."));
        }
        return problems;
    }

    /**
     * ErrorBodies with a draft a task's system of record already holds (a poll, a webhook): the same
     * field rules, except that a due date may have passed, since the other system says it is so
     * (one outside the years 1970 to 9999 is refused even so).
     */
    public static Map<String, String> checkRecorded(TaskDraft draft) {
        Map<String, String> problems = check(draft, Optional.empty(), Instant.MIN);
        problems.remove("dueDate", PAST);
        return problems;
    }

    /** Throws {@link TaskProblem.Invalid} when {@link #check} finds anything. */
    public static void require(TaskDraft draft, Optional<Task> before, Instant now) {
        Map<String, String> problems = check(draft, before, now);
        if (!problems.isEmpty()) {
            throw new TaskProblem.Invalid(problems);
        }
    }
}
