package io.taskbridge.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The words after {@code /task connect}, {@code link}, {@code subscribe} and {@code unsubscribe}. */
final class ConnectorGrammar {
    /** Connection names: lower-case letters, digits, dashes (workiva, awork, taskapi, builtin). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern FILTER = Pattern.compile(
            "(assignee|status|title):\\s*(\"[^\"]*\"|<[^>]*>|\\S+)", Pattern.CASE_INSENSITIVE);

    private ConnectorGrammar() {}

    static Command connect(List<Token> tokens) {
        if (tokens.size() != 1) {
            throw new CommandProblem(tokens.isEmpty() ? "Say which task system this channel's tasks go to, e.g. `/task connect workiva`."
                    : "`connect` takes one name: workiva, awork, taskapi or builtin.", Usage.CONNECT);
        }
        return new Command.Connect(name(tokens.get(0), Usage.CONNECT));
    }

    static Command link(List<Token> tokens) {
        if (tokens.size() < 2 || tokens.size() > 3 || !Parts.isPerson(tokens.get(0))) {
            throw new CommandProblem("Say who and their id in the task system, e.g. `/task link @alice V1ZVd2VyFzU3`.", Usage.LINK);
        }
        String user = Parts.person(tokens.get(0), Usage.LINK);
        String remote = tokens.get(1).plain().strip();
        if (remote.isEmpty() || remote.length() > 200 || remote.startsWith("<")) {
            throw new CommandProblem("“" + CommandProblem.shorten(remote) + "” is not a user id of a task system.", Usage.LINK);
        }
        Optional<String> connection = tokens.size() == 3 ? Optional.of(name(tokens.get(2), Usage.LINK)) : Optional.empty();
        return new Command.Link(user, remote, connection);
    }

    static Command subscribe(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new CommandProblem("Say which task system to follow, e.g. `/task subscribe workiva status:review`.", Usage.SUBSCRIBE);
        }
        String connection = name(tokens.get(0), Usage.SUBSCRIBE);
        String rest = tokens.subList(1, tokens.size()).stream()
                .map(t -> t.quoted() ? "\"" + t.text() + "\"" : t.plain()).collect(Collectors.joining(" "));
        Optional<String> assignee = Optional.empty();
        Optional<String> status = Optional.empty();
        Optional<String> title = Optional.empty();
        Matcher m = FILTER.matcher(rest);
        int end = 0;
        while (m.find()) {
            if (!rest.substring(end, m.start()).isBlank()) {
                throw unknownFilter(rest.substring(end, m.start()).strip());
            }
            end = m.end();
            String value = m.group(2);
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "assignee" -> assignee = Optional.of(Parts.person(new Token(value, false), Usage.SUBSCRIBE));
                case "status" -> status = Optional.of(unquote(value));
                default -> title = Optional.of(unquote(value));
            }
        }
        if (!rest.substring(end).isBlank()) {
            throw unknownFilter(rest.substring(end).strip());
        }
        if (title.filter(String::isBlank).isPresent() || status.filter(String::isBlank).isPresent()) {
            throw new CommandProblem("A filter needs a value, e.g. `title:\"budget\"`.", Usage.SUBSCRIBE);
        }
        return new Command.Subscribe(connection, assignee, status, title);
    }

    static Command unsubscribe(List<Token> tokens) {
        if (tokens.size() != 1) {
            throw new CommandProblem("Say which task system to stop following, e.g. `/task unsubscribe workiva`.", Usage.UNSUBSCRIBE);
        }
        return new Command.Unsubscribe(name(tokens.get(0), Usage.UNSUBSCRIBE));
    }

    private static CommandProblem unknownFilter(String typed) {
        return new CommandProblem("I don't know the filter “" + CommandProblem.shorten(typed)
                + "”: use `assignee:@person`, `status:<status>` or `title:\"words\"`.", Usage.SUBSCRIBE);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).strip() : v.strip();
    }

    private static String name(Token t, String usage) {
        String n = t.text().toLowerCase(Locale.ROOT);
        if (t.quoted() || !NAME.matcher(n).matches()) {
            throw new CommandProblem("“" + CommandProblem.shorten(t.text()) + "” is not a connection name: use workiva, awork,"
                    + " taskapi or builtin.", usage);
        }
        return n;
    }
}
