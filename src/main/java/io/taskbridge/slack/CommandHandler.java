package io.taskbridge.slack;

import io.taskbridge.command.Command;

/** What one {@code /task} subcommand does after the ack: the reply for the person who typed it. */
@FunctionalInterface
interface CommandHandler<C extends Command> {
    String handle(C command, Caller caller, String idempotencyKey);
}
