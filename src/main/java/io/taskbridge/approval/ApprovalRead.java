package io.taskbridge.approval;

import io.taskbridge.platform.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Reads a task's latest approval round, as it stands, with plain statements ({@link Sql}) over
 * {@link ApprovalDao}'s SQL and row mappers. A decision reads it inside the group commit that
 * every other request waits for, and so does the permission check before it; through the
 * SqlObject it was five Jdbi statements, each copying its configuration and prepared again (JFR on
 * Approve clicks: the largest single part of the leader's time), and outside a transaction an
 * attach of the whole DAO besides. The permission check before a click needs only who takes part
 * ({@link #parties}): one statement on one handle instead of the round and its asker apart.
 */
final class ApprovalRead {
    private static final Sql HEAD = Sql.of(ApprovalDao.HEAD);
    private static final Sql PARTICIPANTS = Sql.of(ApprovalDao.PARTICIPANTS);
    private static final Sql RESPONSES = Sql.of(ApprovalDao.RESPONSES);
    private static final Sql GROUPS = Sql.of(ApprovalDao.GROUPS);
    private static final Sql STEPS = Sql.of(ApprovalDao.STEPS);
    private static final Sql PARTIES = Sql.of(ApprovalDao.PARTIES);

    private ApprovalRead() {}

    /** The latest round's approvers and asker; empty when the task is missing or has no round. */
    static Optional<ApprovalParties> parties(Handle h, long taskId) {
        record Row(boolean round, String asker, String approver) {}
        List<Row> rows = PARTIES.on(h).bind("id", taskId).list((rs, ctx) -> {
            rs.getInt("approval_round");
            boolean round = !rs.wasNull();
            return new Row(round, rs.getString("asker"), rs.getString("user_id"));
        });
        if (rows.isEmpty() || !rows.get(0).round()) {
            return Optional.empty();
        }
        Set<String> approvers = new HashSet<>();
        rows.stream().map(Row::approver).filter(Objects::nonNull).forEach(approvers::add);
        return Optional.of(new ApprovalParties(approvers, Optional.of(rows.get(0).asker())));
    }

    static Optional<ApprovalDao.Head> head(Handle h, long taskId) {
        return HEAD.on(h).bind("id", taskId).one(new ApprovalDao.Head.Mapper());
    }

    static Optional<Approval> find(Handle h, long taskId) {
        return round(h, taskId).map(Round::approval);
    }

    /** The latest round, and the task row's approval columns it was read under. */
    record Round(ApprovalDao.Head head, Approval approval) {}

    /** The latest round and its head; empty when the task is missing or has no round. */
    static Optional<Round> round(Handle h, long taskId) {
        Optional<ApprovalDao.Head> head = head(h, taskId);
        if (head.isEmpty() || head.get().round().isEmpty()) {
            return Optional.empty();
        }
        int round = head.get().round().get();
        List<ApprovalDao.ParticipantRow> people = PARTICIPANTS.on(h).bind("id", taskId).bind("round", round)
                .list(new ApprovalDao.ParticipantRow.Mapper());
        List<ApprovalDao.ResponseRow> answers = RESPONSES.on(h).bind("id", taskId).bind("round", round)
                .list(new ApprovalDao.ResponseRow.Mapper());
        List<ApprovalDao.GroupRow> groups = GROUPS.on(h).bind("id", taskId).bind("round", round)
                .list(new ApprovalDao.GroupRow.Mapper());
        List<ApprovalStep> steps = new ArrayList<>();
        for (ApprovalDao.StepRow s : STEPS.on(h).bind("id", taskId).bind("round", round).list(new ApprovalDao.StepRow.Mapper())) {
            List<ApprovalDao.ParticipantRow> here = people.stream().filter(p -> p.position() == s.position()).toList();
            Map<String, String> delegated = new HashMap<>();
            here.forEach(p -> p.delegatedFrom().ifPresent(from -> delegated.put(p.userId(), from)));
            steps.add(new ApprovalStep(s.position(), s.mode(), here.stream().map(ApprovalDao.ParticipantRow::userId).toList(),
                    s.dueAt(), answers.stream().filter(a -> a.position() == s.position()).map(ApprovalDao.ResponseRow::response).toList(),
                    groups.stream().filter(g -> g.position() == s.position()).map(ApprovalDao.GroupRow::group).toList(),
                    s.onDue(), delegated));
        }
        return Optional.of(new Round(head.get(), new Approval(taskId, round,
                head.get().state().orElse(Approval.State.PENDING), head.get().step(), steps)));
    }
}
