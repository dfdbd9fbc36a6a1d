/**
 * The chat surface: the Bolt app, one handler per {@code /task} subcommand (CommandHandlers),
 * buttons, modals, Block Kit and mrkdwn rendering (the only place Slack text is written, including
 * the outbox messages it delivers), Web API calls, Socket Mode, the signed endpoint. May import any
 * domain package and {@code command}; nothing imports it but the composition root.
 */
package io.taskbridge.slack;
