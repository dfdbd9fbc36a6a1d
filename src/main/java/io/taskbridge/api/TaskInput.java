package io.taskbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskbridge.task.InputBounds;
import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON request bodies to drafts and patches. Type errors (a number where a string belongs, an unknown
 * status, a date that is not ISO 8601, an unknown or generated field) are reported per field into the
 * same {@code details} map as {@link TaskRules}' messages, so a client sees every problem at once.
 */
public final class TaskInput {
    static final List<String> SETTABLE = List.of("title", "description", "status", "priority", "assigneeId",
            "dueDate", "warningOffset", "tags");
    static final Set<String> GENERATED = Set.of("id", "createdBy", "createdAt", "updatedAt");
    static final String CHANNEL = "channel";
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Z0-9]{2,40}");
    /** Far past the 365-day rule, so huge numbers get the rule's message rather than an overflow. */
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(1_000_000);

    private TaskInput() {}

    /** A create request: the draft and, when given, the Slack channel the task is to be posted in. */
    public record NewTask(TaskDraft draft, Optional<String> channel) {}

    /**
     * A partial update: an empty outer Optional leaves the field as it is, an empty inner one
     * ({@code null} in JSON) clears it. Clearing the due date without a new {@code warningOffset}
     * clears the reminder offset too, as it means nothing without a due date.
     */
    public record TaskPatch(Optional<String> title, Optional<Optional<String>> description, Optional<Status> status,
                            Optional<Priority> priority, Optional<Optional<String>> assignee,
                            Optional<Optional<Instant>> dueDate, Optional<Optional<Duration>> warning,
                            Optional<List<String>> tags) implements UnaryOperator<TaskDraft> {
        @Override
        public TaskDraft apply(TaskDraft d) {
            TaskDraft out = d;
            if (title.isPresent()) {
                out = new TaskDraft(title.get(), out.description(), out.status(), out.priority(), out.assignee(),
                        out.dueDate(), out.warning(), out.tags());
            }
            out = description.map(out::withDescription).orElse(out);
            out = status.map(out::withStatus).orElse(out);
            out = priority.map(out::withPriority).orElse(out);
            out = assignee.map(out::withAssignee).orElse(out);
            out = dueDate.map(out::withDueDate).orElse(out);
            if (warning.isPresent()) {
                out = out.withWarning(warning.get());
            } else if (dueDate.isPresent() && dueDate.get().isEmpty()) {
                out = out.withWarning(Optional.empty());
            }
            return tags.map(out::withTags).orElse(out);
        }
    }

    /** Reads a create body; throws 422 with every problem found, type errors and rule breaches alike. */
    public static NewTask forCreate(JsonNode body, Instant now) {
        Fields f = new Fields(body);
        f.refuseOthers(true);
        String title = f.text("title").orElse(Optional.empty()).orElse("");
        TaskDraft draft = new TaskDraft(title,
                f.text("description").flatMap(o -> o),
                f.choice("status", Status.class).orElse(Status.DEFAULT),
                f.choice("priority", Priority.class).orElse(Priority.DEFAULT),
                f.text("assigneeId").flatMap(o -> o),
                f.instant("dueDate").flatMap(o -> o),
                f.hours("warningOffset").flatMap(o -> o),
                f.tags().orElse(List.of()));
        Optional<String> channel = f.channel();
        Map<String, String> rules = TaskRules.check(draft, Optional.<Task>empty(), now);
        if (f.problems.containsKey("dueDate")) {
            rules.remove("warningOffset"); // "needs a due date" would be wrong: one was sent, unreadable
        }
        rules.forEach(f.problems::putIfAbsent);
        if (!f.problems.isEmpty()) {
            throw ApiProblem.invalid(f.problems);
        }
        return new NewTask(draft, channel);
    }

    /** Reads a PATCH body; throws 422 for type errors. The rules are checked by the service on the result. */
    public static TaskPatch forPatch(JsonNode body) {
        Fields f = new Fields(body);
        f.refuseOthers(false);
        Optional<String> title = f.text("title").map(o -> o.orElse(""));
        TaskPatch patch = new TaskPatch(title, f.text("description"), f.required("status", Status.class),
                f.required("priority", Priority.class), f.text("assigneeId"), f.instant("dueDate"),
                f.hours("warningOffset"), f.tags());
        if (!f.problems.isEmpty()) {
            throw ApiProblem.invalid(f.problems);
        }
        return patch;
    }

    /** One body's fields and the problems found reading them. Absent means "not sent"; inner empty means null. */
    private static final class Fields {
        private final JsonNode body;
        private final Map<String, String> problems = new LinkedHashMap<>();

        Fields(JsonNode body) {
            this.body = body;
        }

        void refuseOthers(boolean creating) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (GENERATED.contains(name)) {
                    problems.put(name, "The " + name + " field is generated by the server and can't be set.");
                } else if (name.equals(CHANNEL) && !creating) {
                    problems.put(name, "The channel can be given only when the task is created.");
                } else if (!SETTABLE.contains(name) && !name.equals(CHANNEL)) {
                    problems.put(name, "Unknown field. The fields are: " + String.join(", ", SETTABLE)
                            + (creating ? ", " + CHANNEL : "") + ".");
                }
            }
        }

        Optional<Optional<String>> text(String name) {
            JsonNode n = body.get(name);
            if (n == null) {
                return Optional.empty();
            }
            if (n.isNull()) {
                return Optional.of(Optional.empty());
            }
            if (!n.isTextual()) {
                problems.put(name, "Must be a string.");
                return Optional.empty();
            }
            return Optional.of(Optional.of(n.asText()));
        }

        <E extends Enum<E>> Optional<E> choice(String name, Class<E> type) {
            JsonNode n = body.get(name);
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            if (n.isTextual()) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equals(n.asText())) {
                        return Optional.of(e);
                    }
                }
            }
            problems.put(name, "Must be one of " + allowed + ".");
            return Optional.empty();
        }

        /** A choice that can be changed but not cleared: {@code null} is a problem. */
        <E extends Enum<E>> Optional<E> required(String name, Class<E> type) {
            JsonNode n = body.get(name);
            if (n != null && n.isNull()) {
                problems.put(name, "Can't be null: it always has a value.");
                return Optional.empty();
            }
            return choice(name, type);
        }

        Optional<Optional<Instant>> instant(String name) {
            JsonNode n = body.get(name);
            if (n == null) {
                return Optional.empty();
            }
            if (n.isNull()) {
                return Optional.of(Optional.empty());
            }
            Optional<Instant> read = n.isTextual() ? InputBounds.parse(n.asText(), false) : Optional.empty();
            if (read.isEmpty()) {
                problems.put(name, "Must be an ISO 8601 date and time such as 2025-06-01T17:00:00Z.");
                return Optional.empty();
            }
            Optional<String> range = InputBounds.dateProblem(read.get());
            if (range.isPresent()) {
                problems.put(name, range.get());
                return Optional.empty();
            }
            return Optional.of(read);
        }

        Optional<Optional<Duration>> hours(String name) {
            JsonNode n = body.get(name);
            if (n == null) {
                return Optional.empty();
            }
            if (n.isNull()) {
                return Optional.of(Optional.empty());
            }
            if (!n.isNumber() || (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue()))) {
                problems.put(name, "Must be a number of hours, such as 24 or 1.5.");
                return Optional.empty();
            }
            BigDecimal hours = n.decimalValue().max(MAX_HOURS.negate()).min(MAX_HOURS);
            long seconds = hours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.HALF_UP).longValueExact();
            return Optional.of(Optional.of(Duration.ofSeconds(seconds)));
        }

        Optional<List<String>> tags() {
            JsonNode n = body.get("tags");
            if (n == null) {
                return Optional.empty();
            }
            if (n.isNull()) {
                return Optional.of(List.of());
            }
            if (!n.isArray()) {
                problems.put("tags", "Must be an array of strings.");
                return Optional.empty();
            }
            List<String> tags = new ArrayList<>();
            for (JsonNode t : n) {
                if (!t.isTextual()) {
                    problems.put("tags", "Each tag must be a string.");
                    return Optional.empty();
                }
                tags.add(t.asText());
            }
            return Optional.of(tags);
        }

        Optional<String> channel() {
            Optional<String> c = text(CHANNEL).flatMap(o -> o).map(String::strip);
            if (c.isPresent() && !CHANNEL_ID.matcher(c.get()).matches()) {
                problems.put(CHANNEL, "Must be a Slack channel id such as C0123456789 (not a #name).");
                return Optional.empty();
            }
            return c;
        }
    }
}
