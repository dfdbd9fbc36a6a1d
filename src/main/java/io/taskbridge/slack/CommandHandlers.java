package io.taskbridge.slack;

import io.taskbridge.command.Command;
import java.util.HashMap;
import java.util.Map;

/** One handler per {@code /task} subcommand, found by the command's type. */
final class CommandHandlers {
    private final Map<Class<? extends Command>, CommandHandler<? extends Command>> byType = new HashMap<>();

    /** Registers the handler of {@code type}; each type has exactly one. */
    <C extends Command> CommandHandlers on(Class<C> type, CommandHandler<C> handler) {
        if (byType.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("two handlers for " + type.getSimpleName());
        }
        return this;
    }

    String handle(Command command, Caller caller, String idempotencyKey) {
        @SuppressWarnings("unchecked")
        CommandHandler<Command> handler = (CommandHandler<Command>) byType.get(command.getClass());
        if (handler == null) {
            throw new IllegalArgumentException("not a command to run after the ack: " + command);
        }
        return handler.handle(command, caller, idempotencyKey);
    }
}
