package io.taskbridge.command;

import io.taskbridge.approval.ApprovalGroup;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.DueAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words after {@code /task review 42}: steps separated by {@code then}; each step is people and
 * user groups ({@code <!subteam^S123|@finance>}), optionally {@code all}, {@code any N} (or
 * {@code one}, the default) and {@code due <when>}, which may end {@code then escalate @carol} or
 * {@code then expire}.
 */
final class ReviewGrammar {
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^([A-Z0-9]+)(?:\\|([^>]*))?>");

    private ReviewGrammar() {}

    static Command.Review read(long taskId, List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new CommandProblem("Say who should approve task " + taskId + ", e.g. `/task review " + taskId
                    + " @alice @bob`.", Usage.REVIEW);
        }
        List<Command.Review.Step> steps = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean action = i + 1 < tokens.size() && isDueAction(tokens.get(i + 1));
            if (!t.quoted() && t.is("then") && !action) {
                steps.add(step(current, steps.size() + 1));
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        steps.add(step(current, steps.size() + 1));
        return new Command.Review(taskId, steps);
    }

    /** The words after {@code /task delegate 42}: {@code @bob}, or {@code @away @bob}. */
    static Command.Delegate delegate(long taskId, List<Token> tokens) {
        if (tokens.isEmpty() || tokens.size() > 2 || !tokens.stream().allMatch(Parts::isPerson)) {
            throw new CommandProblem("Say who takes over, e.g. `/task delegate " + taskId + " @bob` (your place), or `/task"
                    + " delegate " + taskId + " @away @bob` (the creator or an admin replacing an approver).", Usage.DELEGATE);
        }
        String to = Parts.person(tokens.get(tokens.size() - 1), Usage.DELEGATE);
        Optional<String> from = tokens.size() == 2 ? Optional.of(Parts.person(tokens.get(0), Usage.DELEGATE)) : Optional.empty();
        return new Command.Delegate(taskId, from, to);
    }

    private static boolean isDueAction(Token t) {
        return !t.quoted() && (t.is("escalate") || t.is("expire"));
    }

    private static Command.Review.Step step(List<Token> tokens, int number) {
        List<String> people = new ArrayList<>();
        List<ApprovalGroup> groups = new ArrayList<>();
        CompletionMode mode = CompletionMode.ONE;
        Optional<String> due = Optional.empty();
        Optional<DueAction> onDue = Optional.empty();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Matcher group = GROUP.matcher(t.text());
            if (!t.quoted() && group.matches()) {
                groups.add(ApprovalGroup.named(group.group(1), Optional.ofNullable(group.group(2)).orElse("")));
            } else if (Parts.isPerson(t)) {
                people.add(Parts.person(t, Usage.REVIEW));
            } else if (t.is("all") || t.is("everyone")) {
                mode = CompletionMode.ALL;
            } else if (t.is("one")) {
                mode = CompletionMode.ONE;
            } else if (t.is("any")) {
                Optional<Integer> n = i + 1 < tokens.size() ? count(tokens.get(i + 1)) : Optional.empty();
                mode = n.map(CompletionMode::anyOf).orElse(CompletionMode.ONE);
                i += n.isPresent() ? 1 : 0;
            } else if (t.is("due")) {
                List<String> words = new ArrayList<>();
                for (i = i + 1; i < tokens.size() && !(tokens.get(i).is("then") && !tokens.get(i).quoted()); i++) {
                    words.add(tokens.get(i).quoted() ? tokens.get(i).text() : tokens.get(i).plain());
                }
                if (words.isEmpty()) {
                    throw new CommandProblem("Say when step " + number + " is due, e.g. `due friday`.", Usage.REVIEW);
                }
                due = Optional.of(String.join(" ", words));
                i--;
            } else if (t.is("then") && i + 1 < tokens.size()) {
                onDue = Optional.of(dueAction(tokens.subList(i + 1, tokens.size()), number));
                i = tokens.size();
            } else {
                throw new CommandProblem("I don't know what “" + CommandProblem.shorten(t.text()) + "” means in step " + number
                        + ": use @people, `all`, `any 2`, `due <when>` and `then` between steps.", Usage.REVIEW);
            }
        }
        if (people.isEmpty() && groups.isEmpty()) {
            throw new CommandProblem("Step " + number + " has nobody to approve it: pick people from Slack's @-list.",
                    Usage.REVIEW);
        }
        if (onDue.isPresent() && due.isEmpty()) {
            throw new CommandProblem("Step " + number + " can only expire or escalate when it is due: put `due <when>`"
                    + " before `then " + (onDue.get() instanceof DueAction.Expire ? "expire" : "escalate") + "`.", Usage.REVIEW);
        }
        return new Command.Review.Step(people, mode, due, groups, onDue);
    }

    /** {@code escalate @carol} or {@code expire}, the whole rest of the step. */
    private static DueAction dueAction(List<Token> rest, int number) {
        if (rest.size() == 1 && rest.get(0).is("expire")) {
            return new DueAction.Expire();
        }
        if (rest.size() == 2 && rest.get(0).is("escalate") && Parts.isPerson(rest.get(1))) {
            return new DueAction.Escalate(Parts.person(rest.get(1), Usage.REVIEW));
        }
        throw new CommandProblem("After step " + number + "'s due date say `then escalate @person` or `then expire`,"
                + " and nothing after it.", Usage.REVIEW);
    }

    private static Optional<Integer> count(Token t) {
        try {
            int n = Integer.parseInt(t.plain());
            return n >= 1 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
