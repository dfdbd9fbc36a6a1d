/**
 * The {@code /task} grammar: text in, a {@link io.taskbridge.command.Command} value (or usage) out,
 * due dates read in the person's zone. Pure: no I/O, no service, no store; imports only model
 * types of {@code task} and {@code approval} (ArchitectureTest).
 */
package io.taskbridge.command;
