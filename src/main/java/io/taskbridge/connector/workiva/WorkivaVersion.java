package io.taskbridge.connector.workiva;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The two API generations, sent as {@code X-Version}. 2022-01-01 is the seeds' endpoints
 * (deprecated 2026-02-12; the prototype ones sunset 2027-01-31, {@code /platform/v1/tasks}
 * 2029-01-31); 2026-01-01 is their replacement under {@code /tasks}.
 *
 * <p>Reading one task and changing its assignee or due date are not in the 2022 seeds; this
 * connector uses {@code GET} and a JSON Patch {@code PATCH} on {@code /platform/v1/tasks/{id}}
 * there, the same shape as 2026's {@code /tasks/{id}}.
 */
public enum WorkivaVersion {
    V2022_01_01("2022-01-01", "/platform/v1/tasks", "/prototype/platform/tasks", "/platform/v1/tasks",
            "/prototype/platform/tasks", 100),
    V2026_01_01("2026-01-01", "/tasks", "/tasks", "/tasks", "/tasks", 1000);

    public static final WorkivaVersion DEFAULT = V2022_01_01;

    private final String header;
    private final String create;
    private final String list;
    private final String item;
    private final String action;
    private final int pageSize;

    WorkivaVersion(String header, String create, String list, String item, String action, int pageSize) {
        this.header = header;
        this.create = create;
        this.list = list;
        this.item = item;
        this.action = action;
        this.pageSize = pageSize;
    }

    /** The {@code X-Version} value. */
    public String header() {
        return header;
    }

    String createPath() {
        return create;
    }

    String listPath() {
        return list;
    }

    String itemPath(String taskId) {
        return item + "/" + taskId;
    }

    String actionPath(String taskId) {
        return action + "/" + taskId + "/actionSubmission";
    }

    /**
     * The {@code $maxpagesize} a changed-tasks read asks for. 2026-01-01: the documented maximum,
     * 1000 (REFERENCE.md: {@code $maxpagesize} 1–1000), so a poll with up to 999 changes is one
     * request. 2022-01-01: seed 003 documents no maximum, so it keeps the 100 it has always sent.
     * Either way a page may hold fewer and the poller follows {@code @nextLink}.
     */
    int pageSize() {
        return pageSize;
    }

    /** Whether create takes {@code assignees[]} (2026) rather than one required {@code assignee} (2022). */
    boolean manyAssignees() {
        return this == V2026_01_01;
    }

    /** Whether a task's approval steps can be set (2026: JSON Patch on {@code /approvalSteps}; 2022 has no such path). */
    boolean setsApprovalSteps() {
        return this == V2026_01_01;
    }

    /** The version named by {@code WORKIVA_API_VERSION}. */
    public static WorkivaVersion of(String header) {
        return Arrays.stream(values()).filter(v -> v.header.equals(header.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("WORKIVA_API_VERSION must be one of "
                        + Arrays.stream(values()).map(WorkivaVersion::header).collect(Collectors.joining(", "))));
    }
}
