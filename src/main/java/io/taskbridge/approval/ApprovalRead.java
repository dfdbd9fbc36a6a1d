package io.taskbridge.approval;

import io.taskbridge.platform.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Reads a task's latest approval round, as it stands, with plain statements ({@link Sql}) over
 * {@link ApprovalDao}'s SQL: the task row's approval columns ({@link ApprovalDao#HEAD}, which a
 * decision has from its claim instead) and then the round's steps, approvers, answers and groups
 * in one statement ({@link ApprovalDao#ROUND}). A decision reads it inside the group commit that
 * every other request waits for. The permission check before a click needs only who takes part
 * ({@link #parties}): one statement on one handle instead of the round and its asker apart.
 */
final class ApprovalRead {
    private static final Sql HEAD = Sql.of(ApprovalDao.HEAD);
    private static final Sql ROUND = Sql.of(ApprovalDao.ROUND);
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
        return head(h, taskId).flatMap(head -> round(h, head));
    }

    /** The round {@code head} (the task row's approval columns, read already) names; empty when none. */
    static Optional<Round> round(Handle h, ApprovalDao.Head head) {
        if (head.round().isEmpty()) {
            return Optional.empty();
        }
        long taskId = head.taskId();
        int round = head.round().get();
        Approval approval = ROUND.on(h).bind("id", taskId).bind("round", round).read(rows -> {
            Steps steps = new Steps();
            while (rows.next()) {
                steps.add(rows);
            }
            return new Approval(taskId, round, head.state().orElse(Approval.State.PENDING), head.step(), steps.made());
        });
        return Optional.of(new Round(head, approval));
    }

    /** The rows of {@link ApprovalDao#ROUND}, gathered into steps (every step's rows come after all steps). */
    private static final class Steps {
        private record Step(int position, CompletionMode mode, Optional<Instant> dueAt, Optional<DueAction> onDue,
                            List<String> people, Map<String, String> delegated, List<ApprovalResponse> answers,
                            List<ApprovalGroup> groups) {}

        /** By position, in the order read (which is by position). */
        private final Map<Integer, Step> steps = new LinkedHashMap<>();

        void add(ResultSet rs) throws SQLException {
            int kind = rs.getInt("kind");
            int position = rs.getInt("position");
            String t1 = rs.getString("t1");
            String t2 = rs.getString("t2");
            if (kind == 0) {
                String escalateTo = rs.getString("t3");
                int required = rs.getInt("n1");
                Optional<Integer> count = rs.wasNull() ? Optional.empty() : Optional.of(required);
                long due = rs.getLong("n2");
                Optional<Instant> dueAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(due));
                Optional<DueAction> onDue = Optional.ofNullable(t2).map(a -> a.equals("ESCALATE")
                        ? new DueAction.Escalate(escalateTo) : new DueAction.Expire());
                Step step = new Step(position, CompletionMode.of(t1, count), dueAt, onDue, new ArrayList<>(), new HashMap<>(),
                        new ArrayList<>(), new ArrayList<>());
                steps.put(position, step);
                return;
            }
            Step step = steps.get(position);
            if (step == null) {
                return; // a row of no step: none is written without its step
            }
            switch (kind) {
                case 1 -> {
                    step.people().add(t1);
                    if (t2 != null) {
                        step.delegated().put(t1, t2);
                    }
                }
                case 2 -> step.answers().add(new ApprovalResponse(t1, Decision.valueOf(t2),
                        Optional.ofNullable(rs.getString("t3")), Instant.ofEpochMilli(rs.getLong("n1"))));
                case 3 -> {
                    rs.getLong("n1");
                    step.groups().add(new ApprovalGroup(t1, t2, !rs.wasNull()));
                }
                default -> throw new SQLException("unknown kind of round row: " + kind);
            }
        }

        List<ApprovalStep> made() {
            return steps.values().stream().map(s -> new ApprovalStep(s.position(), s.mode(), s.people(), s.dueAt(), s.answers(),
                    s.groups(), s.onDue(), s.delegated())).toList();
        }
    }
}
