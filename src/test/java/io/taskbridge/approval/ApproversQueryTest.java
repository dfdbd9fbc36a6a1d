package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Sql;
import io.taskbridge.testing.Databases;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ApprovalDao#APPROVERS}, which a change to a task in review reads to touch its approvers'
 * App Homes, and {@link ApprovalService#parties}, which every click's permission check reads, name
 * the same people, in the same order, as the whole approval's steps ({@link Approval#people}, which
 * a decision hands on instead): after a delegation, and only those of the current round once a new
 * round is asked; the parties also name who asked, and are empty without a round.
 */
class ApproversQueryTest {
    private static final Sql APPROVERS = Sql.of(ApprovalDao.APPROVERS);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theCurrentRoundsApproversAsTheApprovalListsThem(Databases.Kind kind) {
        try (ApprovalServiceTest.Fixture f = ApprovalServiceTest.fixture(kind)) {
            long id = f.newTask("Contract");
            assertThat(approvers(f, id)).as("no approval yet").isEmpty();
            assertThat(f.approvals().parties(id)).as("no approval yet").isEmpty();
            assertThat(f.approvals().parties(id + 1000)).as("no such task").isEmpty();
            f.approvals().request(id, new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UA", "UB"), CompletionMode.ALL, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UC"), CompletionMode.ONE, Optional.empty()))), "UCREATOR");
            f.approvals().delegate(id, 1, 0, "UB", "UD", "UB");
            assertThat(approvers(f, id)).as("in the order the approval lists them").containsExactlyElementsOf(asListed(f, id))
                    .containsExactlyInAnyOrder("UA", "UD", "UC");
            assertThat(f.approvals().parties(id)).contains(new ApprovalParties(Set.of("UA", "UD", "UC"), Optional.of("UCREATOR")));

            f.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("not like this"));
            f.approvals().request(id, ApprovalServiceTest.plan(CompletionMode.ONE, "UE"), "UOTHER");
            assertThat(approvers(f, id)).as("round 2 only").containsExactly("UE")
                    .containsExactlyInAnyOrderElementsOf(asListed(f, id));
            assertThat(f.approvals().parties(id)).contains(new ApprovalParties(Set.of("UE"), Optional.of("UOTHER")));

            // a round with nobody on it yet (a group not expanded) still has its asker; a round from
            // before the asker was recorded has none
            f.db().jdbi().useHandle(h -> h.execute("DELETE FROM approval_participants WHERE task_id = ?", id));
            assertThat(f.approvals().parties(id)).contains(new ApprovalParties(Set.of(), Optional.of("UOTHER")));
            f.db().jdbi().useHandle(h -> h.execute("UPDATE tasks SET approval_requested_by = NULL WHERE id = ?", id));
            assertThat(f.approvals().parties(id)).contains(new ApprovalParties(Set.of(), Optional.empty()));
        }
    }

    private static List<String> approvers(ApprovalServiceTest.Fixture f, long id) {
        return f.db().jdbi().withHandle(h -> APPROVERS.on(h).bind("id", id).strings());
    }

    private static List<String> asListed(ApprovalServiceTest.Fixture f, long id) {
        return f.approvals().find(id).orElseThrow().people();
    }
}
