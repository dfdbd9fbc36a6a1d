package io.taskbridge.testing;

import io.taskbridge.connector.ChangedPage;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads every page of a backend's changes since a moment, following its next links. */
public final class ChangedPages {
    private ChangedPages() {}

    public static List<RemoteTask> drain(TaskBackend backend, Instant since) {
        List<RemoteTask> out = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            ChangedPage page = backend.changedSince(since, next);
            out.addAll(page.tasks());
            next = page.next();
        } while (next.isPresent());
        return out;
    }
}
