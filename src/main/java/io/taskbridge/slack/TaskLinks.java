package io.taskbridge.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.platform.Json;
import io.taskbridge.sync.ConnectionDao;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Which task a link points at, and where a task's own link leads. {@code TASKBRIDGE_PUBLIC_URL/tasks/42}
 * is task 42; a link under a connection's base URL whose path names {@code tasks/<id>} is the task that
 * connection holds under that id (Workiva, awork, the task REST protocol). Anything else is no task.
 */
public final class TaskLinks {
    private static final String SLACK_ARCHIVES = "https://slack.com/archives/";

    private final Optional<URI> publicUrl;
    private final List<TaskBackend> connections;
    private final Jdbi jdbi;

    /** {@code publicUrl}: TASKBRIDGE_PUBLIC_URL; without it only connections' links are recognised. */
    public TaskLinks(Optional<URI> publicUrl, Backends backends, Jdbi jdbi) {
        this.publicUrl = publicUrl.map(u -> URI.create(u.toString().endsWith("/") ? u.toString() : u + "/"));
        this.connections = backends.all().stream().filter(b -> b.baseUrl().isPresent()).toList();
        this.jdbi = jdbi;
    }

    /** The task {@code url} points at, if it is a task link Taskbridge knows; whether anyone may see it is not asked here. */
    public OptionalLong taskId(String url) {
        Optional<URI> link = parse(url);
        if (link.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong own = publicUrl.flatMap(base -> under(base, link.get()))
                .map(TaskLinks::ownId).orElse(OptionalLong.empty());
        if (own.isPresent()) {
            return own;
        }
        for (TaskBackend connection : connections) {
            Optional<String> external = under(withSlash(connection.baseUrl().orElseThrow()), link.get())
                    .flatMap(TaskLinks::afterTasks);
            if (external.isPresent()) {
                Optional<Long> id = jdbi.withExtension(ConnectionDao.class, dao -> dao.taskFor(connection.name(), external.get()));
                if (id.isPresent()) {
                    return OptionalLong.of(id.get());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The task's own link ({@code TASKBRIDGE_PUBLIC_URL/tasks/{id}}), when a public URL is set. */
    public Optional<String> link(long taskId) {
        return publicUrl.map(base -> base.resolve("tasks/" + taskId).toString());
    }

    /**
     * Where a browser is sent for the task: its Slack message ({@code slack.com/archives/…}, which
     * Slack opens only for people who can read that conversation), else its page in the task system
     * that holds it (the page it reported, or {@code <base URL>/tasks/<id>}); empty when it has neither.
     */
    public Optional<String> destination(io.taskbridge.task.Task task) {
        return messageLink(task).or(() -> remotePage(task.id()));
    }

    /** The task's Slack message ({@code https://slack.com/archives/<channel>/p<ts>}), once it is posted. */
    static Optional<String> messageLink(io.taskbridge.task.Task task) {
        return task.slack().flatMap(place -> place.messageTs()
                .map(ts -> SLACK_ARCHIVES + place.channelId() + "/p" + ts.replace(".", "")));
    }

    private Optional<String> remotePage(long taskId) {
        Optional<ConnectionDao.Held> held = jdbi.withExtension(ConnectionDao.class, dao -> dao.held(taskId));
        if (held.isEmpty() || held.get().externalId().isEmpty()) {
            return Optional.empty();
        }
        String connection = held.get().connection();
        String external = held.get().externalId().get();
        Optional<String> reported = jdbi.withExtension(ConnectionDao.class, dao -> dao.snapshot(connection, external))
                .flatMap(TaskLinks::url);
        return reported.or(() -> connections.stream().filter(c -> c.name().equals(connection)).findFirst()
                .flatMap(TaskBackend::baseUrl)
                .map(base -> withSlash(base) + "tasks/" + io.taskbridge.connector.Urls.encode(external)));
    }

    private static Optional<String> url(String snapshot) {
        try {
            String url = Json.mapper().readTree(snapshot).path("url").asText("");
            return url.startsWith("https://") || url.startsWith("http://") ? Optional.of(url) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.strip());
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri.normalize());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static URI withSlash(URI base) {
        String s = base.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** The path of {@code link} below {@code base} (same scheme, host and port), without a leading slash. */
    private static Optional<String> under(URI base, URI link) {
        boolean sameSite = base.getScheme().equalsIgnoreCase(link.getScheme())
                && base.getHost().toLowerCase(Locale.ROOT).equals(link.getHost().toLowerCase(Locale.ROOT))
                && port(base) == port(link);
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        return sameSite && path.startsWith(basePath) ? Optional.of(path.substring(basePath.length())) : Optional.empty();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** {@code tasks/42} (or {@code tasks/42/}) is task 42. */
    private static OptionalLong ownId(String rest) {
        String[] parts = rest.split("/", -1);
        boolean shape = parts.length >= 2 && parts[0].equals("tasks") && (parts.length == 2 || parts.length == 3 && parts[2].isEmpty());
        return shape ? TaskMessage.taskId(parts[1]) : OptionalLong.empty();
    }

    /** The path segment after a {@code tasks} segment, decoded. */
    private static Optional<String> afterTasks(String rest) {
        String[] parts = rest.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("tasks") && !parts[i + 1].isEmpty()) {
                return Optional.of(URLDecoder.decode(parts[i + 1], StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
