package io.taskbridge.approval;

import java.util.Optional;

/**
 * What a step does when its due date passes with the step still waiting: without one it only
 * nudges. {@code then expire} ends the round; {@code then escalate @carol} adds Carol as an approver.
 */
public sealed interface DueAction {
    /** The round ends unanswered: the task goes back to in progress, to its creator. */
    record Expire() implements DueAction {}

    /** {@code userId} joins the step as an approver and is asked; the step needs as many approvals as before. */
    record Escalate(String userId) implements DueAction {}

    /** Who joins the step when it is due: the escalation's approver, none for an expiry. */
    default Optional<String> escalatesTo() {
        return this instanceof Escalate e ? Optional.of(e.userId()) : Optional.empty();
    }

    /** The stored word ({@code approval_steps.on_due}). */
    default String stored() {
        return this instanceof Escalate ? "ESCALATE" : "EXPIRE";
    }
}
