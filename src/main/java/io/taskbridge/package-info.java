/**
 * The composition root: {@link io.taskbridge.Main}, {@link io.taskbridge.Config} (every setting from the
 * environment; {@link io.taskbridge.ConnectorSettings} registers each connector) and
 * {@link io.taskbridge.Taskbridge}, which wires one small module per area
 * ({@code StoreModule}, {@code ConnectorModule}, {@code ReminderModule}, {@code SlackModule},
 * {@code ApiModule}) in start-up order. May import every package; no package may import this one.
 */
package io.taskbridge;
