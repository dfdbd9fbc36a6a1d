package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Sql;
import io.taskbridge.testing.Databases;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ApprovalDao#APPROVERS}, which a change to a task in review reads to touch its approvers'
 * App Homes, names the same people as the whole approval's steps: after a delegation, and only
 * those of the current round once a new round is asked.
 */
class ApproversQueryTest {
    private static final Sql APPROVERS = Sql.of(ApprovalDao.APPROVERS);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theCurrentRoundsApproversAsTheApprovalListsThem(Databases.Kind kind) {
        try (ApprovalServiceTest.Fixture f = ApprovalServiceTest.fixture(kind)) {
            long id = f.newTask("Contract");
            assertThat(approvers(f, id)).as("no approval yet").isEmpty();
            f.approvals().request(id, new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UA", "UB"), CompletionMode.ALL, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UC"), CompletionMode.ONE, Optional.empty()))), "UCREATOR");
            f.approvals().delegate(id, 1, 0, "UB", "UD", "UB");
            assertThat(approvers(f, id)).containsExactlyInAnyOrderElementsOf(asListed(f, id))
                    .containsExactlyInAnyOrder("UA", "UD", "UC");

            f.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("not like this"));
            f.approvals().request(id, ApprovalServiceTest.plan(CompletionMode.ONE, "UE"), "UCREATOR");
            assertThat(approvers(f, id)).as("round 2 only").containsExactly("UE")
                    .containsExactlyInAnyOrderElementsOf(asListed(f, id));
        }
    }

    private static List<String> approvers(ApprovalServiceTest.Fixture f, long id) {
        return f.db().jdbi().withHandle(h -> APPROVERS.on(h).bind("id", id).strings());
    }

    private static List<String> asListed(ApprovalServiceTest.Fixture f, long id) {
        return f.approvals().find(id).orElseThrow().steps().stream().flatMap(s -> s.participants().stream()).toList();
    }
}
