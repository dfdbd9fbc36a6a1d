package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A step that names a user group is not decided by the people already on it while the group's
 * members are still being looked up: otherwise the first approver of an "everyone" step, or the
 * first rejection of an "any 2" step, would settle it before the group was asked.
 */
class ApprovalStepTest {
    private static final Instant AT = Instant.parse("2027-01-04T09:00:00Z");
    private static final ApprovalGroup FINANCE_PENDING = new ApprovalGroup("S1", "finance", false);
    private static final ApprovalGroup FINANCE_KNOWN = new ApprovalGroup("S1", "finance", true);

    @Test
    void everyoneIsNotEveryoneUntilTheGroupIsKnown() {
        assertThat(step(CompletionMode.ALL, List.of("UALICE"), FINANCE_PENDING, approve("UALICE")).approved()).isFalse();
        assertThat(step(CompletionMode.ALL, List.of("UALICE"), FINANCE_KNOWN, approve("UALICE")).approved()).isTrue();
        assertThat(step(CompletionMode.ALL, List.of("UALICE", "UFIN"), FINANCE_KNOWN, approve("UALICE")).approved()).isFalse();
    }

    @Test
    void aCountOfTwoIsNotLostByOneRejectionBeforeTheGroupIsKnown() {
        List<String> two = List.of("UALICE", "UBOB");
        assertThat(step(CompletionMode.anyOf(2), two, FINANCE_PENDING, reject("UALICE")).rejected()).isFalse();
        assertThat(step(CompletionMode.anyOf(2), two, FINANCE_KNOWN, reject("UALICE")).rejected()).isTrue();
    }

    @Test
    void rulesThatDoNotDependOnHowManyAnswerHoldAtOnce() {
        List<String> alice = List.of("UALICE");
        assertThat(step(CompletionMode.ONE, alice, FINANCE_PENDING, approve("UALICE")).approved()).isTrue();
        assertThat(step(CompletionMode.ONE, alice, FINANCE_PENDING, reject("UALICE")).rejected()).isTrue();
        assertThat(step(CompletionMode.ALL, alice, FINANCE_PENDING, reject("UALICE")).rejected()).isTrue();
        assertThat(step(CompletionMode.anyOf(2), List.of("UALICE", "UBOB"), FINANCE_PENDING,
                approve("UALICE"), approve("UBOB")).approved()).isTrue();
    }

    private static ApprovalStep step(CompletionMode mode, List<String> participants, ApprovalGroup group,
                                     ApprovalResponse... responses) {
        return new ApprovalStep(0, mode, participants, Optional.empty(), List.of(responses), List.of(group),
                Optional.empty(), Map.of());
    }

    private static ApprovalResponse approve(String user) {
        return new ApprovalResponse(user, Decision.APPROVE, Optional.empty(), AT);
    }

    private static ApprovalResponse reject(String user) {
        return new ApprovalResponse(user, Decision.REJECT, Optional.of("no"), AT);
    }
}
