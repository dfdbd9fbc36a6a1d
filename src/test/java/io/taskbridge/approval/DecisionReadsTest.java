package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.PreparedStatements;
import io.taskbridge.testing.Databases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decision runs inside the group commit that every other request waits for, so it reads the task
 * and the approval once, before its answer, and applies what it changes to them: the event's
 * approval (with the new answer among the others, in the order they are read back, under the head
 * the decision left) and its task (in the status the decision left it) are exactly what a fresh read
 * gives, for every kind of decision, so its listeners need not read them again.
 */
class DecisionReadsTest {
    /**
     * Claim (which returns the task row and its approval columns), the task's tags, the round (one
     * read: the participant check is made on it), answer, conclusion (one write: the step count
     * comes from the approval just read). It was ten: the task, its approval columns and the
     * round's four tables were read apart, after the claim.
     */
    static final int STATEMENTS = 5;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theEventsApprovalIsTheStoredOneReadOnce(Databases.Kind kind) {
        try (ApprovalServiceTest.Fixture f = ApprovalServiceTest.fixture(kind)) {
            AtomicInteger statements = new AtomicInteger();
            f.db().jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });
            f.db().jdbi().getConfig(PreparedStatements.class).observe(sql -> statements.incrementAndGet());
            long id = f.newTask("Contract");
            f.approvals().request(id, new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UA", "UB"), CompletionMode.ALL, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UC"), CompletionMode.ONE,
                            Optional.of(ApprovalServiceTest.NOW.plus(Duration.ofDays(2)))))), "UCREATOR");

            record Case(String user, int position, Decision decision, ApprovalChanged.Kind kind) {}
            // UB answers first, at the same instant as UA (the fixture's clock stands still): the answers
            // are read back by time, then by person, so UA's comes first in the step UA's answer moves on.
            for (Case c : List.of(new Case("UB", 0, Decision.APPROVE, ApprovalChanged.Kind.ANSWERED),
                    new Case("UA", 0, Decision.APPROVE, ApprovalChanged.Kind.STEP_ADVANCED),
                    new Case("UC", 1, Decision.REJECT, ApprovalChanged.Kind.REJECTED))) {
                statements.set(0);
                ApprovalChanged event = f.approvals().decide(id, 1, c.position(), c.user(), c.decision(),
                        Optional.of("because"));
                int ran = statements.get();
                assertThat(event.kind()).isEqualTo(c.kind());
                assertThat(event.approval()).as(c.kind() + ": as stored").isEqualTo(f.approvals().find(id).orElseThrow());
                assertThat(event.task()).as(c.kind() + ": the task as stored").isEqualTo(f.tasks().find(id).orElseThrow());
                assertThat(ran).as(c.kind() + ": statements in the decision's transaction").isLessThanOrEqualTo(STATEMENTS);
            }

            long other = f.newTask("Invoice");
            f.approvals().request(other, ApprovalServiceTest.plan(CompletionMode.ONE, "UA"), "UCREATOR");
            ApprovalChanged approved = f.approvals().decide(other, 1, 0, "UA", Decision.APPROVE, Optional.empty());
            assertThat(approved.kind()).isEqualTo(ApprovalChanged.Kind.APPROVED);
            assertThat(approved.approval()).isEqualTo(f.approvals().find(other).orElseThrow());
            assertThat(approved.task()).isEqualTo(f.tasks().find(other).orElseThrow());
        }
    }
}
