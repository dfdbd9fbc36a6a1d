package io.taskbridge;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One step of start-up on its own thread, so that independent steps (migrating the schema, setting
 * up the Slack client's TLS) overlap with the wiring on a machine with more than one core.
 * {@link #join} waits for the result where it is needed and rethrows the step's own exception.
 * Closing waits too, so that a start failing elsewhere never closes the database under a migration
 * that is still running.
 */
final class StartupTask<T> implements AutoCloseable {
    private final FutureTask<T> task;

    private StartupTask(FutureTask<T> task) {
        this.task = task;
    }

    static <T> StartupTask<T> begin(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "startup-" + name);
        thread.setDaemon(true);
        thread.start();
        return new StartupTask<>(task);
    }

    T join() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    @Override
    public void close() {
        try {
            task.get();
        } catch (ExecutionException e) {
            // reported by join(), or moot: the start has already failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
