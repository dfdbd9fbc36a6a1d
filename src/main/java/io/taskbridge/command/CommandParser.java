package io.taskbridge.command;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code /task} into a {@link Command}, or says plainly what was wrong.
 *
 * <p>Verbs and keywords ignore case and have the obvious synonyms ({@code new}/{@code create} for
 * add, {@code ls} for list, {@code complete}/{@code finish} for done, {@code begin} for start).
 * Blanks of any kind (tabs, non-breaking spaces) are tolerated. People must be Slack mentions
 * ({@code <@U123|alice>}); tags may be {@code #finance} or Slack's channel escape
 * {@code <#C123|finance>}; task numbers may be {@code 42} or {@code #42}. Due dates stay the
 * words typed; {@link DueDates} resolves them later in the person's time zone. The grammar of
 * {@code add} is in {@link AddGrammar}; the words people read are in {@link Usage}.
 *
 * <p>Pure and stateless: safe to call from any thread; never throws.
 */
public final class CommandParser {

    /** The outcome of reading a command. */
    public sealed interface Parse {

        /** The text was a command. */
        record Ok(Command command) implements Parse {}

        /**
         * The text was not a command: {@code problem} says what was wrong in one sentence,
         * {@code usage} is the usage line of the subcommand meant (or the general one).
         */
        record Invalid(String problem, String usage) implements Parse {}
    }

    private enum Verb {
        ADD(Usage.ADD, "add", "new", "create"),
        LIST(Usage.LIST, "list", "ls"),
        SHOW(Usage.SHOW, "show"),
        START(Usage.START, "start", "begin"),
        DONE(Usage.DONE, "done", "complete", "finish"),
        CANCEL(Usage.CANCEL, "cancel"),
        ASSIGN(Usage.ASSIGN, "assign"),
        DUE(Usage.DUE, "due"),
        REVIEW(Usage.REVIEW, "review", "approve"),
        DELEGATE(Usage.DELEGATE, "delegate", "handover"),
        APPROVALS(Usage.APPROVALS, "approvals", "inbox"),
        DIGEST(Usage.DIGEST, "digest"),
        CONNECT(Usage.CONNECT, "connect"),
        LINK(Usage.LINK, "link"),
        SUBSCRIBE(Usage.SUBSCRIBE, "subscribe", "follow"),
        UNSUBSCRIBE(Usage.UNSUBSCRIBE, "unsubscribe", "unfollow"),
        SUBSCRIPTIONS(Usage.SUBSCRIPTIONS, "subscriptions"),
        HISTORY(Usage.HISTORY, "history", "log"),
        RECURRING(Usage.RECURRING, "recurring", "series"),
        STOP(Usage.STOP, "stop"),
        HELP(Usage.HELP, "help", "?");

        final String usage;
        final List<String> names;

        Verb(String usage, String... names) {
            this.usage = usage;
            this.names = List.of(names);
        }

        String canonical() {
            return names.get(0);
        }

        static Optional<Verb> named(String word) {
            String w = word.toLowerCase(Locale.ROOT);
            for (Verb v : values()) {
                if (v.names.contains(w)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern CLOCK_TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private CommandParser() {}

    /**
     * The subcommand {@code text} asks for, by its first word: a verb's own name ({@code new} is
     * {@code add}), {@code form} for none, {@code unknown} for anything else. A small, fixed set (for metrics).
     */
    public static String subcommand(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return "form";
        }
        return Verb.named(trimmed.split("\\s+", 2)[0]).map(Verb::canonical).orElse("unknown");
    }

    /** Reads {@code text}, the words after {@code /task}. Null or blank opens the creation form. */
    public static Parse parse(String text) {
        try {
            return new Parse.Ok(read(text == null ? "" : text));
        } catch (CommandProblem p) {
            return new Parse.Invalid(p.getMessage(), p.usage());
        } catch (RuntimeException e) {
            return new Parse.Invalid("Something in that command tripped me up.", Usage.GENERAL);
        }
    }

    private static Command read(String text) {
        List<Token> tokens = Token.split(text);
        if (tokens.isEmpty()) {
            return new Command.OpenForm();
        }
        Token first = tokens.get(0);
        List<Token> rest = tokens.subList(1, tokens.size());
        Verb verb = first.quoted() ? null : Verb.named(first.text()).orElse(null);
        if (verb == null) {
            throw unknown(first, rest);
        }
        return switch (verb) {
            case ADD -> AddGrammar.read(rest);
            case LIST -> list(rest);
            case SHOW -> new Command.Show(onlyId(verb, rest));
            case START -> new Command.Start(onlyId(verb, rest));
            case DONE -> new Command.Done(onlyId(verb, rest));
            case CANCEL -> new Command.Cancel(onlyId(verb, rest));
            case ASSIGN -> assign(rest);
            case DUE -> due(rest);
            case REVIEW -> review(first, rest);
            case DELEGATE -> ReviewGrammar.delegate(leadingId(verb, rest), rest.subList(1, rest.size()));
            case APPROVALS -> {
                if (!rest.isEmpty()) {
                    throw extra(rest.get(0), Verb.APPROVALS, "`approvals` takes nothing else: it lists what waits for your answer.");
                }
                yield new Command.Approvals();
            }
            case DIGEST -> digest(rest);
            case CONNECT -> ConnectorGrammar.connect(rest);
            case LINK -> ConnectorGrammar.link(rest);
            case SUBSCRIBE -> ConnectorGrammar.subscribe(rest);
            case UNSUBSCRIBE -> ConnectorGrammar.unsubscribe(rest);
            case SUBSCRIPTIONS -> {
                if (!rest.isEmpty()) {
                    throw extra(rest.get(0), Verb.SUBSCRIPTIONS, "`subscriptions` takes nothing else: it lists this channel's.");
                }
                yield new Command.Subscriptions();
            }
            case HISTORY -> history(rest);
            case RECURRING -> {
                if (!rest.isEmpty()) {
                    throw extra(rest.get(0), Verb.RECURRING, "`recurring` takes nothing else: it lists the recurring tasks.");
                }
                yield new Command.Recurring();
            }
            case STOP -> new Command.Stop(onlyId(verb, rest));
            case HELP -> new Command.Help();
        };
    }

    private static Command list(List<Token> tokens) {
        Optional<String> assignee = Optional.empty();
        Optional<String> tag = Optional.empty();
        boolean overdue = false;
        for (Token t : tokens) {
            if (Parts.isPerson(t)) {
                String id = Parts.person(t, Usage.LIST);
                if (assignee.isPresent() && !assignee.get().equals(id)) {
                    throw new CommandProblem("`list` shows one person's tasks at a time: keep one @person.", Usage.LIST);
                }
                assignee = Optional.of(id);
            } else if (Parts.isTag(t)) {
                String name = Parts.tag(t, Usage.LIST);
                if (tag.isPresent() && !tag.get().equals(name)) {
                    throw new CommandProblem("`list` filters by one tag at a time: keep one #tag.", Usage.LIST);
                }
                tag = Optional.of(name);
            } else if (t.is("overdue")) {
                overdue = true;
            } else if (!(t.is("mine") || t.is("me"))) {
                throw new CommandProblem("I don't know how to list “" + CommandProblem.shorten(t.text())
                        + "”: use @person, overdue or #tag.", Usage.LIST);
            }
        }
        return new Command.ListTasks(assignee, tag, overdue);
    }

    private static Command assign(List<Token> tokens) {
        long id = leadingId(Verb.ASSIGN, tokens);
        if (tokens.size() < 2) {
            throw new CommandProblem("Say who should get task " + id + ", e.g. `/task assign " + id + " @carol`.",
                    Usage.ASSIGN);
        }
        Token who = tokens.get(1);
        if (!Parts.isPerson(who)) {
            throw new CommandProblem("“" + CommandProblem.shorten(who.text()) + "” is not a person: pick them from Slack's "
                    + "@-mention list so the name turns blue.", Usage.ASSIGN);
        }
        String person = Parts.person(who, Usage.ASSIGN);
        if (tokens.size() > 2) {
            throw extra(tokens.get(2), Verb.ASSIGN, Parts.isPerson(tokens.get(2))
                    ? "A task has one assignee: keep one @person." : null);
        }
        return new Command.Assign(id, person);
    }

    private static Command due(List<Token> tokens) {
        long id = leadingId(Verb.DUE, tokens);
        if (tokens.size() < 2) {
            throw new CommandProblem("Say when task " + id + " is due, e.g. `/task due " + id
                    + " tomorrow 9am`, or `/task due " + id + " none` to remove the date.", Usage.DUE);
        }
        List<Token> phrase = tokens.subList(1, tokens.size());
        if (phrase.size() == 1 && (phrase.get(0).is("none") || phrase.get(0).is("clear"))) {
            return new Command.Due(id, Optional.empty());
        }
        List<String> words = new ArrayList<>();
        for (Token t : phrase) {
            words.add(t.quoted() ? t.text() : t.plain());
        }
        return new Command.Due(id, Optional.of(String.join(" ", words)));
    }

    /** {@code review 42 …}; "Review the Q3 report" is someone creating a task, so point them to add. */
    private static Command review(Token verb, List<Token> rest) {
        if (!rest.isEmpty() && Parts.taskId(rest.get(0)).isEmpty()) {
            StringBuilder words = new StringBuilder(verb.text());
            for (int i = 0; i < rest.size() && i < 4; i++) {
                words.append(' ').append(rest.get(i).text());
            }
            throw new CommandProblem("`review` asks for approval of a task by number, e.g. `/task review 42 @alice`. "
                    + "To create a task, start with add: `/task add " + CommandProblem.shorten(words.toString()) + "`.",
                    Usage.REVIEW);
        }
        return ReviewGrammar.read(leadingId(Verb.REVIEW, rest), rest.subList(1, rest.size()));
    }

    private static Command digest(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new CommandProblem("Say when to post this channel's overdue tasks, e.g. `/task digest 9:00 Europe/Berlin`,"
                    + " or `/task digest off`.", Usage.DIGEST);
        }
        Token first = tokens.get(0);
        if (first.is("off") || first.is("none") || first.is("stop")) {
            if (tokens.size() > 1) {
                throw new CommandProblem("`digest off` takes nothing after it.", Usage.DIGEST);
            }
            return Command.Digest.off();
        }
        Matcher m = CLOCK_TIME.matcher(first.text());
        int hour = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int minute = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (hour < 0 || hour > 23 || minute > 59) {
            throw new CommandProblem("“" + CommandProblem.shorten(first.text()) + "” is not a time of day: write it like 9:00 or 17:30.",
                    Usage.DIGEST);
        }
        Optional<ZoneId> zone = Optional.empty();
        if (tokens.size() > 1) {
            String name = tokens.get(1).plain();
            try {
                zone = Optional.of(ZoneId.of(name));
            } catch (DateTimeException e) {
                throw new CommandProblem("“" + CommandProblem.shorten(name) + "” is not a time zone I know: use a name like "
                        + "Europe/Berlin or America/New_York, or UTC.", Usage.DIGEST);
            }
        }
        if (tokens.size() > 2) {
            throw new CommandProblem("Unexpected “" + CommandProblem.shorten(tokens.get(2).text()) + "” after the time zone: "
                    + "`digest` takes a time and a zone.", Usage.DIGEST);
        }
        return new Command.Digest(Optional.of(LocalTime.of(hour, minute)), zone);
    }

    /** {@code history 42} or {@code history 42 page 2}. */
    private static Command history(List<Token> tokens) {
        long id = leadingId(Verb.HISTORY, tokens);
        if (tokens.size() == 1) {
            return new Command.History(id, 1);
        }
        if (tokens.size() == 3 && tokens.get(1).is("page")) {
            String n = tokens.get(2).text();
            if (n.matches("[1-9][0-9]{0,3}")) {
                return new Command.History(id, Integer.parseInt(n));
            }
            throw new CommandProblem("“" + CommandProblem.shorten(n) + "” is not a page number: pages count from 1.",
                    Usage.HISTORY);
        }
        throw extra(tokens.get(1), Verb.HISTORY, "After the task number `history` takes only `page <number>`.");
    }

    private static long onlyId(Verb verb, List<Token> tokens) {
        long id = leadingId(verb, tokens);
        if (tokens.size() > 1) {
            throw extra(tokens.get(1), verb, null);
        }
        return id;
    }

    private static long leadingId(Verb verb, List<Token> tokens) {
        String example = "`/task " + verb.canonical() + " 42`";
        if (tokens.isEmpty()) {
            throw new CommandProblem("`" + verb.canonical() + "` needs a task number, e.g. " + example + ".", verb.usage);
        }
        Token t = tokens.get(0);
        return Parts.taskId(t).orElseThrow(() -> new CommandProblem("“" + CommandProblem.shorten(t.text())
                + "” is not a task number: use the number shown on the task, e.g. " + example + ".", verb.usage));
    }

    private static CommandProblem extra(Token t, Verb verb, String why) {
        String problem = why != null ? why
                : "Unexpected “" + CommandProblem.shorten(t.text()) + "” after the task number: `"
                        + verb.canonical() + "` takes nothing else there.";
        return new CommandProblem(problem, verb.usage);
    }

    private static CommandProblem unknown(Token first, List<Token> rest) {
        String typed = CommandProblem.shorten(first.text());
        Optional<Long> id = Parts.taskId(first);
        if (id.isPresent()) {
            return new CommandProblem("Unknown command `" + typed + "`. Did you mean `/task show " + id.get() + "`?",
                    Usage.SHOW);
        }
        Verb nearest = nearest(first.text().toLowerCase(Locale.ROOT));
        if (nearest != null) {
            return new CommandProblem("Unknown command `" + typed + "`. Did you mean `/task " + nearest.canonical() + "`?",
                    nearest.usage);
        }
        StringBuilder words = new StringBuilder(first.text());
        for (int i = 0; i < rest.size() && i < 4; i++) {
            words.append(' ').append(rest.get(i).text());
        }
        return new CommandProblem("Unknown command `" + typed + "`. To create a task, start with add: `/task add "
                + CommandProblem.shorten(words.toString()) + "`.", Usage.GENERAL);
    }

    /** The verb whose name is closest to {@code word}: at most 2 edits, 1 for short words. */
    private static Verb nearest(String word) {
        if (word.length() > 20) {
            return null;
        }
        int limit = word.length() <= 3 ? 1 : 2;
        Verb best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Verb v : Verb.values()) {
            for (String name : v.names) {
                if (name.length() < 2) {
                    continue;
                }
                int d = EditDistance.between(word, name);
                if (d <= limit && d < bestDistance) {
                    best = v;
                    bestDistance = d;
                }
            }
        }
        return best;
    }
}
