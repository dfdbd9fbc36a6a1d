package io.taskbridge.slack;

import io.taskbridge.slack.TaskModal.Field;
import io.taskbridge.task.Priority;
import io.taskbridge.task.TaskDraft;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a person entered in {@link TaskModal}, as Slack sent it: raw strings, empty where the input
 * was left empty. {@link #toDraft} turns it into a {@link TaskDraft}, or says which inputs it could
 * not read. Whether the draft is acceptable is {@link io.taskbridge.task.TaskRules}' business.
 *
 * @param dueDate  {@code YYYY-MM-DD} from the date picker
 * @param dueTime  {@code HH:mm} from the time picker
 * @param priority a {@link Priority} name
 * @param tags     as typed: comma or space separated, {@code #} allowed
 * @param reminder hours before the due date, decimals allowed
 */
public record TaskForm(
        Optional<String> title,
        Optional<String> description,
        Optional<String> assignee,
        Optional<String> dueDate,
        Optional<String> dueTime,
        Optional<String> priority,
        Optional<String> tags,
        Optional<String> reminder) {

    /** When a due date comes without a time. */
    public static final LocalTime DEFAULT_DUE_TIME = LocalTime.of(17, 0);

    /**
     * A plain decimal number of hours. Bounded so that no input (an exponent like {@code 1e999999})
     * can make the arithmetic expensive; whether the amount is allowed is for TaskRules to say.
     */
    private static final Pattern HOURS = Pattern.compile("-?(\\d{1,9}(\\.\\d{0,6})?|\\.\\d{1,6})");

    public TaskForm {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(dueTime, "dueTime");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(reminder, "reminder");
    }

    /** A submission read back: either a draft, or inline errors keyed by block_id. */
    public sealed interface Result {
        /** Every input could be read. */
        record Draft(TaskDraft draft) implements Result {
            public Draft {
                Objects.requireNonNull(draft, "draft");
            }
        }

        /** Some inputs could not be read; block_id → message, ready for {@code response_action: errors}. */
        record Errors(Map<String, String> errors) implements Result {
            public Errors {
                errors = Map.copyOf(errors);
                if (errors.isEmpty()) {
                    throw new IllegalArgumentException("errors must not be empty");
                }
            }
        }
    }

    /**
     * The draft this submission describes. {@code now} is the present in the submitter's own time
     * zone: a date without a time means {@link #DEFAULT_DUE_TIME} that day in that zone; a time
     * without a date means today at that time, or tomorrow when it has already passed today.
     */
    public Result toDraft(ZonedDateTime now) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Instant> due = due(now, errors);
        Priority prio = priority.flatMap(p -> parsePriority(p, errors)).orElse(Priority.DEFAULT);
        Optional<Duration> warning = reminder.flatMap(r -> parseReminder(r, errors));
        if (!errors.isEmpty()) {
            return new Result.Errors(errors);
        }
        TaskDraft draft = TaskDraft.titled(title.map(String::strip).orElse(""))
                .withDescription(description.map(String::strip))
                .withAssignee(assignee)
                .withDueDate(due)
                .withPriority(prio)
                .withWarning(warning)
                .withTags(tags.map(TaskForm::parseTags).orElse(List.of()));
        return new Result.Draft(draft);
    }

    /** Tags from "finance, #q3 budget": split at commas and whitespace, leading {@code #}s dropped. */
    public static List<String> parseTags(String typed) {
        return Arrays.stream(typed.split("[,\\s]+"))
                .map(t -> t.replaceFirst("^#+", ""))
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private Optional<Instant> due(ZonedDateTime now, Map<String, String> errors) {
        Optional<LocalDate> date = dueDate.flatMap(d -> parse(d, LocalDate::parse, Field.DUE_DATE,
                "That date couldn't be read; pick one from the calendar.", errors));
        Optional<LocalTime> time = dueTime.flatMap(t -> parse(t, LocalTime::parse, Field.DUE_TIME,
                "That time couldn't be read; pick one from the list.", errors));
        if (dueDate.isPresent() && date.isEmpty() || dueTime.isPresent() && time.isEmpty()) {
            return Optional.empty();
        }
        if (date.isPresent()) {
            return Optional.of(ZonedDateTime.of(date.get(), time.orElse(DEFAULT_DUE_TIME), now.getZone()).toInstant());
        }
        return time.map(t -> {
            ZonedDateTime today = ZonedDateTime.of(now.toLocalDate(), t, now.getZone());
            return today.isAfter(now) ? today.toInstant()
                    : ZonedDateTime.of(now.toLocalDate().plusDays(1), t, now.getZone()).toInstant();
        });
    }

    private static <T> Optional<T> parse(String raw, Function<String, T> parser, Field field,
                                         String message, Map<String, String> errors) {
        try {
            return Optional.of(parser.apply(raw.strip()));
        } catch (DateTimeParseException e) {
            errors.put(field.blockId(), message);
            return Optional.empty();
        }
    }

    private static Optional<Priority> parsePriority(String raw, Map<String, String> errors) {
        try {
            return Optional.of(Priority.valueOf(raw.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            errors.put(Field.PRIORITY.blockId(), "Choose one of low, medium, high or urgent.");
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseReminder(String raw, Map<String, String> errors) {
        String number = raw.strip().replace(',', '.');
        if (!HOURS.matcher(number).matches()) {
            errors.put(Field.REMINDER.blockId(), "Enter the hours as a number, e.g. 24 or 1.5.");
            return Optional.empty();
        }
        long minutes = new BigDecimal(number).multiply(BigDecimal.valueOf(60))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Optional.of(Duration.ofMinutes(minutes));
    }
}
