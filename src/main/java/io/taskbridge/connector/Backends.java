package io.taskbridge.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured connections by name. "builtin" is not here: the built-in store needs no adapter. */
public final class Backends {
    public static final String BUILTIN = "builtin";

    private final Map<String, TaskBackend> byName;

    public Backends(List<TaskBackend> backends) {
        this.byName = backends.stream().collect(Collectors.toUnmodifiableMap(TaskBackend::name, Function.identity()));
    }

    public Optional<TaskBackend> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every configured connection, in name order. */
    public List<TaskBackend> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(TaskBackend::name)).toList();
    }

    /** "builtin" and every configured connection's name. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(BUILTIN),
                all().stream().map(TaskBackend::name)).toList();
    }
}
