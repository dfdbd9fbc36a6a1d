package io.taskbridge.command;

import io.taskbridge.approval.CompletionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words after {@code /task review 42}: steps separated by {@code then}; each step is people,
 * optionally {@code all} (or {@code one}, the default) and {@code due <when>}.
 */
final class ReviewGrammar {
    private ReviewGrammar() {}

    static Command.Review read(long taskId, List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new CommandProblem("Say who should approve task " + taskId + ", e.g. `/task review " + taskId
                    + " @alice @bob`.", Usage.REVIEW);
        }
        List<Command.Review.Step> steps = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.quoted() && t.is("then")) {
                steps.add(step(current, steps.size() + 1));
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        steps.add(step(current, steps.size() + 1));
        return new Command.Review(taskId, steps);
    }

    private static Command.Review.Step step(List<Token> tokens, int number) {
        List<String> people = new ArrayList<>();
        CompletionMode mode = CompletionMode.ONE;
        Optional<String> due = Optional.empty();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (Parts.isPerson(t)) {
                people.add(Parts.person(t, Usage.REVIEW));
            } else if (t.is("all") || t.is("everyone")) {
                mode = CompletionMode.ALL;
            } else if (t.is("one") || t.is("any")) {
                mode = CompletionMode.ONE;
            } else if (t.is("due")) {
                List<String> words = new ArrayList<>();
                for (i = i + 1; i < tokens.size(); i++) {
                    words.add(tokens.get(i).quoted() ? tokens.get(i).text() : tokens.get(i).plain());
                }
                if (words.isEmpty()) {
                    throw new CommandProblem("Say when step " + number + " is due, e.g. `due friday`.", Usage.REVIEW);
                }
                due = Optional.of(String.join(" ", words));
            } else {
                throw new CommandProblem("I don't know what “" + CommandProblem.shorten(t.text()) + "” means in step " + number
                        + ": use @people, `all`, `due <when>` and `then` between steps.", Usage.REVIEW);
            }
        }
        if (people.isEmpty()) {
            throw new CommandProblem("Step " + number + " has nobody to approve it: pick people from Slack's @-list.",
                    Usage.REVIEW);
        }
        return new Command.Review.Step(people, mode, due);
    }
}
