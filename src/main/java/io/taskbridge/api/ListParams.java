package io.taskbridge.api;

import io.taskbridge.task.InputBounds;
import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /tasks} query parameters (seed 001) to a {@link TaskQuery}. Every bad or unknown
 * parameter is reported at once as 400 {@code invalid_parameters}, one message per parameter. A
 * {@code dueDate[gt]} or {@code dueDate[lt]} that is not a date, or falls outside the years
 * 1970–9999, is a value out of bounds like a body's {@code dueDate}: 422 {@code validation_error}
 * naming the parameter, when it is the only thing wrong (beside other bad parameters, the 400 names
 * it too).
 * {@code status} and {@code tags} take comma lists (also as repeated parameters): a task matches any
 * of the statuses and must carry all of the tags.
 */
public final class ListParams {
    public static final int DEFAULT_LIMIT = 10;
    static final List<String> NAMES = List.of("limit", "offset", "sort", "status", "priority", "assigneeId",
            "createdBy", "tags", "dueDate[gt]", "dueDate[lt]", "dueDate[exists]", "search");
    static final Map<String, TaskQuery.SortField> SORTS = sorts();

    private ListParams() {}

    public static TaskQuery parse(Map<String, List<String>> raw) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> p = new LinkedHashMap<>();
        raw.forEach((name, values) -> {
            if (!NAMES.contains(name)) {
                problems.put(name, "Unknown parameter. The parameters are: " + String.join(", ", NAMES) + ".");
            } else {
                p.put(name, String.join(",", values).strip());
            }
        });
        TaskQuery q = TaskQuery.all();
        int limit = number(p, "limit", DEFAULT_LIMIT, 1, TaskQuery.MAX_LIMIT, problems);
        int offset = number(p, "offset", 0, 0, Integer.MAX_VALUE, problems);
        q = q.page(limit, offset);

        Optional<String> sort = value(p, "sort");
        if (sort.isPresent()) {
            boolean descending = sort.get().startsWith("-");
            TaskQuery.SortField field = SORTS.get(descending ? sort.get().substring(1) : sort.get());
            if (field == null) {
                problems.put("sort", "Must be one of " + String.join(", ", SORTS.keySet())
                        + ", with a leading - for descending order (default -createdAt).");
            } else {
                q = q.sortedBy(new TaskQuery.Sort(field, !descending));
            }
        }
        Optional<String> statuses = value(p, "status");
        if (statuses.isPresent()) {
            Set<Status> set = EnumSet.noneOf(Status.class);
            for (String s : list(statuses.get())) {
                Optional<Status> status = Arrays.stream(Status.values()).filter(v -> v.name().equals(s)).findFirst();
                if (status.isEmpty()) {
                    problems.put("status", "Unknown status '" + s + "'. Use a comma list of " + names(Status.values()) + ".");
                    break;
                }
                set.add(status.get());
            }
            q = q.withStatuses(set);
        }
        Optional<String> priority = value(p, "priority");
        if (priority.isPresent()) {
            Optional<Priority> found = Arrays.stream(Priority.values()).filter(v -> v.name().equals(priority.get())).findFirst();
            if (found.isEmpty()) {
                problems.put("priority", "Must be one of " + names(Priority.values()) + ".");
            }
            q = q.withPriority(found);
        }
        q = q.withAssignee(value(p, "assigneeId")).withCreatedBy(value(p, "createdBy")).withSearch(value(p, "search"));
        Optional<String> tags = value(p, "tags");
        if (tags.isPresent()) {
            q = q.withTags(new LinkedHashSet<>(list(tags.get())));
        }
        Map<String, String> dates = new LinkedHashMap<>();
        q = q.withDueAfter(instant(p, "dueDate[gt]", dates)).withDueBefore(instant(p, "dueDate[lt]", dates));
        Optional<String> exists = value(p, "dueDate[exists]");
        if (exists.isPresent()) {
            String e = exists.get().toLowerCase(Locale.ROOT);
            if (!e.equals("true") && !e.equals("false")) {
                problems.put("dueDate[exists]", "Must be true or false.");
            } else {
                q = q.withHasDueDate(Optional.of(e.equals("true")));
            }
        }
        if (!problems.isEmpty()) {
            problems.putAll(dates);
            throw ApiProblem.badParameters(problems);
        }
        if (!dates.isEmpty()) {
            throw ApiProblem.invalid(dates);
        }
        return q;
    }

    private static Optional<String> value(Map<String, String> p, String name) {
        return Optional.ofNullable(p.get(name)).filter(v -> !v.isEmpty());
    }

    private static List<String> list(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int number(Map<String, String> p, String name, int fallback, int min, int max,
                              Map<String, String> problems) {
        Optional<String> v = value(p, name);
        String range = max == Integer.MAX_VALUE ? "a whole number from " + min : "a whole number from " + min + " to " + max;
        try {
            int n = v.map(Integer::parseInt).orElse(fallback);
            if (n < min || n > max) {
                problems.put(name, "Must be " + range + ".");
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.put(name, "Must be " + range + ".");
            return fallback;
        }
    }

    /** An ISO 8601 date and time, or a date alone (its start, UTC). */
    private static Optional<Instant> instant(Map<String, String> p, String name, Map<String, String> problems) {
        Optional<String> v = value(p, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> read = InputBounds.parse(v.get(), true);
        if (read.isEmpty()) {
            problems.put(name, "Must be an ISO 8601 date and time such as 2025-06-01T17:00:00Z, or a date.");
        } else if (!InputBounds.inRange(read.get())) {
            problems.put(name, InputBounds.DATE_RANGE);
            return Optional.empty();
        }
        return read;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Map<String, TaskQuery.SortField> sorts() {
        Map<String, TaskQuery.SortField> m = new LinkedHashMap<>();
        m.put("createdAt", TaskQuery.SortField.CREATED_AT);
        m.put("updatedAt", TaskQuery.SortField.UPDATED_AT);
        m.put("dueDate", TaskQuery.SortField.DUE_DATE);
        m.put("priority", TaskQuery.SortField.PRIORITY);
        m.put("title", TaskQuery.SortField.TITLE);
        m.put("status", TaskQuery.SortField.STATUS);
        return java.util.Collections.unmodifiableMap(m);
    }
}
