package io.taskbridge.slack;

import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.RemoteFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Words what a task system changed: a subscribed channel's notice, a line in the task's thread. */
final class RemoteNewsText {
    private RemoteNewsText() {}

    /** "Workiva: :white_check_mark: approved by <@U1>: “ok”". */
    static String thread(OutboxMessage.RemoteResponse r) {
        return r.system() + ": " + response(r.response());
    }

    /** A heading with the task and a link to it, then one bullet per change. */
    static String channel(OutboxMessage.RemoteNews n) {
        String head = "*" + SlackText.escape(n.system(), 50) + "* · task #" + n.taskId() + " “"
                + SlackText.escape(n.title(), 200) + "”"
                + n.url().map(u -> " <" + u + "|open>").orElse("");
        String lines = n.facts().stream().map(f -> "• " + say(f)).collect(Collectors.joining("\n"));
        return head + "\n" + lines;
    }

    private static String say(RemoteFact f) {
        if (f instanceof RemoteFact.Created) {
            return "created";
        } else if (f instanceof RemoteFact.StatusChanged s) {
            return "status " + SlackText.escape(s.from(), 50) + " → *" + SlackText.escape(s.to(), 50) + "*";
        } else if (f instanceof RemoteFact.Responded r) {
            return response(r);
        } else if (f instanceof RemoteFact.AssigneesChanged a) {
            return "assignees " + people(a.from()) + " → " + people(a.to());
        } else if (f instanceof RemoteFact.DueChanged d) {
            return "due " + d.from().map(SlackDates::token).orElse("never") + " → "
                    + d.to().map(SlackDates::token).orElse("no due date");
        } else if (f instanceof RemoteFact.Retitled t) {
            return "renamed from “" + SlackText.escape(t.from(), 200) + "”";
        }
        throw new IllegalArgumentException(f.toString());
    }

    private static String response(RemoteFact.Responded r) {
        String verb = switch (r.action()) {
            case "APPROVE" -> ":white_check_mark: approved";
            case "REJECT" -> ":x: rejected";
            default -> r.action().toLowerCase(Locale.ROOT);
        };
        return verb + " by " + person(r.by()) + r.comment().map(cm -> ": “" + SlackText.escape(cm, 500) + "”").orElse("");
    }

    private static String people(List<RemoteFact.Person> people) {
        if (people.isEmpty()) {
            return "nobody";
        }
        List<String> names = new ArrayList<>();
        people.forEach(p -> names.add(person(p)));
        return String.join(", ", names);
    }

    private static String person(RemoteFact.Person p) {
        return p.slackUser().map(u -> "<@" + u + ">").orElse("`" + SlackText.escape(p.remoteId(), 60) + "`");
    }
}
