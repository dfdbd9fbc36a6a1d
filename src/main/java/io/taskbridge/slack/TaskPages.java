package io.taskbridge.slack;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.task.TaskService;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /tasks/{id}}, the task links Taskbridge hands out (workflow outputs, link previews): a
 * redirect to the task's Slack message, else to its page in the task system that holds it. The
 * request is an unauthenticated browser GET, so it shows nothing of the task (no title, no page of
 * ours): the redirect reveals only a URL, and Slack or the task system decides who may open it. A
 * task id that is unknown, or a task with nowhere to go, gets the same plain 404.
 */
public record TaskPages(TaskService tasks, TaskLinks links) implements HttpServer.Routes {
    static final String NOT_FOUND = "No such task.";

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/tasks/{id}", this::redirect);
    }

    private void redirect(Context ctx) {
        OptionalLong id = TaskMessage.taskId(ctx.pathParam("id"));
        Optional<String> target = id.isPresent()
                ? tasks.find(id.getAsLong()).flatMap(links::destination) : Optional.empty();
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        if (target.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result(NOT_FOUND);
            return;
        }
        ctx.status(302).header("Location", target.get());
    }
}
