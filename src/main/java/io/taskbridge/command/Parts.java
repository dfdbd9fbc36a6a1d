package io.taskbridge.command;

import io.taskbridge.task.Priority;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the marked parts of a command: people, tags, priorities and task numbers. */
final class Parts {

    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern TASK_ID = Pattern.compile("#?(\\d{1,18})");

    static final String PRIORITIES = "`!low`, `!medium`, `!high` or `!urgent` (`!!` is high, `!!!` is urgent)";

    private Parts() {}

    /** Whether the token starts another part, which ends a {@code due} phrase. */
    static boolean isMarker(Token t) {
        if (t.quoted()) {
            return true;
        }
        String s = t.text();
        return s.startsWith("<@") || s.startsWith("<!") || s.startsWith("<#") || s.startsWith("@")
                || s.startsWith("#") || s.startsWith("!") || t.is("remind") || t.is("due");
    }

    /** Whether the token is meant as a person: a Slack mention, a group, or a plain {@code @name}. */
    static boolean isPerson(Token t) {
        return !t.quoted() && (t.text().startsWith("<@") || t.text().startsWith("<!") || t.text().startsWith("@"));
    }

    /** The Slack user id of a person token; anything Slack did not turn into a user mention is refused. */
    static String person(Token t, String usage) {
        String s = t.text();
        Matcher m = USER.matcher(s);
        if (m.matches()) {
            return m.group(1);
        }
        if (s.startsWith("<!")) {
            throw new CommandProblem("Tasks go to one person, not a group like " + CommandProblem.shorten(s)
                    + ": pick a person from Slack's @-mention list.", usage);
        }
        if (s.equals("@")) {
            throw new CommandProblem("There is an @ with no name after it: pick a person from Slack's @-mention list.",
                    usage);
        }
        throw new CommandProblem("I can't tell who " + CommandProblem.shorten(s)
                + " is: pick them from Slack's @-mention list so the name turns blue.", usage);
    }

    /** Whether the token is a tag: {@code #finance}, or a channel-escaped {@code <#C123|finance>}. */
    static boolean isTag(Token t) {
        return !t.quoted() && (t.text().startsWith("#") || t.text().startsWith("<#"));
    }

    /** The tag's name as typed, without the {@code #} (Slack's {@code &amp;} read back as {@code &}). */
    static String tag(Token t, String usage) {
        String s = t.plain();
        if (s.startsWith("<#")) {
            Matcher m = CHANNEL.matcher(s);
            if (m.matches() && m.group(2) != null && !m.group(2).isBlank()) {
                return m.group(2).strip();
            }
            throw new CommandProblem("Slack turned a tag into a channel link without its name: "
                    + "retype the tag, e.g. #finance, and don't pick the channel from the list.", usage);
        }
        String name = s.substring(1);
        if (name.isEmpty()) {
            throw new CommandProblem("A tag needs a name right after the #, e.g. #finance.", usage);
        }
        return name;
    }

    /** Whether the token is a priority marker ({@code !high}, {@code !!}, or an unknown {@code !word}). */
    static boolean isPriority(Token t) {
        return !t.quoted() && t.text().startsWith("!");
    }

    static Priority priority(Token t, String usage) {
        String word = t.text().substring(1).toLowerCase(Locale.ROOT);
        switch (word) {
            case "low":
                return Priority.LOW;
            case "medium":
                return Priority.MEDIUM;
            case "high":
            case "!":
                return Priority.HIGH;
            case "urgent":
            case "!!":
                return Priority.URGENT;
            default:
                throw new CommandProblem("Unknown priority " + CommandProblem.shorten(t.text()) + ": use " + PRIORITIES + ".",
                        usage);
        }
    }

    /** A task number typed as {@code 42} or {@code #42}. */
    static Optional<Long> taskId(Token t) {
        Matcher m = TASK_ID.matcher(t.text());
        if (t.quoted() || !m.matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(m.group(1));
        return id > 0 ? Optional.of(id) : Optional.empty();
    }
}
