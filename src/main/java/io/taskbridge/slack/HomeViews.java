package io.taskbridge.slack;

import io.taskbridge.access.Asker;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.task.Viewer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a person's App Home ({@link HomeTab}) with {@code views.publish}, from their tasks as
 * they are at delivery. Everything on it is read through the permission door, for that person in
 * that workspace, asking from no conversation: lists are filtered as {@code task.Viewer} filters
 * them, and a task waiting for their approval is shown only if they may see it.
 */
public final class HomeViews {
    private final TaskAccess access;
    private final ApprovalService approvals;
    private final Clock clock;

    public HomeViews(TaskAccess access, ApprovalService approvals, Clock clock) {
        this.access = access;
        this.approvals = approvals;
        this.clock = clock;
    }

    Delivery.Outcome publish(SlackWeb web, WorkspaceId workspace, OutboxMessage.HomeView home) {
        SlackResult<String> published = web.publishView(home.user(), HomeTab.view(board(workspace, home.user()), clock.instant()));
        if (published instanceof SlackResult.Ok<String>) {
            return new Delivery.Outcome.Delivered();
        }
        if (published instanceof SlackResult.RateLimited<String> limited) {
            return new Delivery.Outcome.WaitFor(limited.retryAfter(), OutboxWorker.RATE_LIMITED);
        }
        SlackResult.Failed<String> failed = (SlackResult.Failed<String>) published;
        return new Delivery.Outcome.Failed(failed.error(), failed.retryable());
    }

    /** The three lists of {@code user}'s home in {@code workspace}. */
    HomeTab.Board board(WorkspaceId workspace, String user) {
        TaskAccess door = access.in(workspace);
        Asker asker = new Asker(workspace.value(), user, Optional.empty());
        Optional<Viewer> viewer = door.viewer(asker);
        int page = HomeTab.SHOWN + 1;
        List<HomeTab.Waiting> waiting = approvals.waitingFor(workspace, user, page * 4).stream()
                .flatMap(id -> door.see(asker, id).stream())
                .flatMap(task -> approvals.find(task.id()).filter(a -> a.awaits(user)).map(a -> new HomeTab.Waiting(task, a)).stream())
                .limit(page).toList();
        TaskQuery open = TaskQuery.all().open().page(page, 0);
        List<Task> assigned = door.tasks().list(open.withAssignee(Optional.of(user))
                .sortedBy(new TaskQuery.Sort(TaskQuery.SortField.DUE_DATE, true)), viewer);
        List<Task> created = door.tasks().list(open.withCreatedBy(Optional.of(user)), viewer);
        java.util.Set<Long> awaiting = assigned.stream().filter(t -> t.status() == io.taskbridge.task.Status.REVIEW)
                .filter(t -> approvals.find(t.id()).filter(ApprovalMessage::awaitingDecision).isPresent())
                .map(Task::id).collect(java.util.stream.Collectors.toSet());
        return new HomeTab.Board(waiting, assigned, created, awaiting);
    }
}
