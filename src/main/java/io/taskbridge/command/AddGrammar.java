package io.taskbridge.command;

import io.taskbridge.task.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code add <title words> [@person] [due <when>] [!priority] [#tag …] [remind <length>]}: the
 * parts may come in any order once the title has started; the title is every word that is not a
 * part, or a quoted piece taken literally. {@code due} runs to the next part; {@code remind}
 * takes only the words that make a length of time.
 */
final class AddGrammar {

    private static final String USAGE = Usage.ADD;

    private final List<Token> tokens;
    private final List<String> title = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private Optional<String> assignee = Optional.empty();
    private Optional<String> due = Optional.empty();
    private Optional<Priority> priority = Optional.empty();
    private Optional<Duration> remind = Optional.empty();
    private Optional<io.taskbridge.recurring.Recurrence> every = Optional.empty();

    private AddGrammar(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Reads the tokens after {@code add}; no title gives the creation form. */
    static Command read(List<Token> tokens) {
        return new AddGrammar(tokens).read();
    }

    private Command read() {
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is("due")) {
                i = readDue(i + 1);
                continue;
            }
            if (t.is("remind")) {
                i = readRemind(i + 1);
                continue;
            }
            if (t.is("every")) {
                int after = readEvery(i + 1);
                if (after > i + 1) {
                    i = after;
                    continue;
                }
            }
            if (Parts.isPerson(t)) {
                String id = Parts.person(t, USAGE);
                if (assignee.isPresent() && !assignee.get().equals(id)) {
                    throw new CommandProblem("A task has one assignee, and this names more than one: keep one @person.",
                            USAGE);
                }
                assignee = Optional.of(id);
            } else if (Parts.isTag(t)) {
                tags.add(Parts.tag(t, USAGE));
            } else if (Parts.isPriority(t)) {
                Priority p = Parts.priority(t, USAGE);
                if (priority.isPresent() && priority.get() != p) {
                    throw new CommandProblem("Give one priority, not both " + name(priority.get()) + " and " + name(p) + ".",
                            USAGE);
                }
                priority = Optional.of(p);
            } else if (!t.text().isEmpty()) {
                title.add(t.quoted() ? t.text() : t.plain());
            }
            i++;
        }
        if (title.isEmpty()) {
            return new Command.OpenForm();
        }
        Command.Add add = new Command.Add(String.join(" ", title), assignee, due, priority, tags, remind);
        return every.<Command>map(e -> new Command.AddRecurring(add, e)).orElse(add);
    }

    /**
     * {@code every …}: the longest run of the following words that spells a recurrence. When none
     * does, {@code every} is a word of the title ("Check every invoice"): returns {@code from}.
     */
    private int readEvery(int from) {
        int end = from;
        while (end < tokens.size() && !Parts.isMarker(tokens.get(end)) && !tokens.get(end).is("every")) {
            end++;
        }
        for (int to = end; to > from; to--) {
            Optional<io.taskbridge.recurring.Recurrence> read = RecurrenceGrammar.read(
                    tokens.subList(from, to).stream().map(Token::plain).toList());
            if (read.isPresent()) {
                if (every.isPresent()) {
                    throw new CommandProblem("There are two `every …`: a task repeats one way, keep one.", USAGE);
                }
                every = read;
                return to;
            }
        }
        return from;
    }

    private int readDue(int from) {
        if (due.isPresent()) {
            throw new CommandProblem("There are two due dates: keep one `due …`.", USAGE);
        }
        int i = from;
        List<String> words = new ArrayList<>();
        while (i < tokens.size() && !Parts.isMarker(tokens.get(i)) && !tokens.get(i).is("every")) {
            words.add(tokens.get(i).plain());
            i++;
        }
        if (words.isEmpty()) {
            throw new CommandProblem("`due` needs a date after it, e.g. due friday 5pm (put the title in quotes if "
                    + "“due” is part of it).", USAGE);
        }
        due = Optional.of(String.join(" ", words));
        return i;
    }

    private int readRemind(int from) {
        if (remind.isPresent()) {
            throw new CommandProblem("There are two reminders: keep one `remind …`.", USAGE);
        }
        int i = from;
        List<String> words = new ArrayList<>();
        while (i < tokens.size() && !tokens.get(i).quoted()
                && Durations.LOOKS_LIKE.matcher(tokens.get(i).text()).matches()) {
            String word = tokens.get(i).text();
            words.add(word);
            i++;
            boolean bareNumber = word.chars().allMatch(Character::isDigit);
            if (bareNumber && i < tokens.size() && Durations.UNIT_WORD.matcher(tokens.get(i).text()).matches()) {
                words.add(tokens.get(i).text());
                i++;
            }
        }
        if (words.isEmpty()) {
            String next = from < tokens.size() ? " “" + CommandProblem.shorten(tokens.get(from).text()) + "” is not one:" : "";
            throw new CommandProblem("`remind` needs how long before the due date to remind;" + next
                    + " try remind 24h, remind 90m, remind 1d or remind 1h30m.", USAGE);
        }
        remind = Optional.of(Durations.parse(words).orElseThrow(() -> new CommandProblem(
                "I can't read “" + CommandProblem.shorten(String.join(" ", words)) + "” as a length of time: "
                        + "try remind 24h, remind 90m, remind 1d or remind 1h30m.", USAGE)));
        return i;
    }

    private static String name(Priority p) {
        return "!" + p.name().toLowerCase(java.util.Locale.ROOT);
    }
}
