/**
 * Keeping tasks held elsewhere in step: RemoteSync (the one path for a remote change, by poll or
 * webhook), RemoteTasks (create and change a task in its task system, for any entry point), the
 * Poller and its schedule, inbound webhooks, channel connections (each connection serving one
 * workspace) and user links, subscriptions, sealed connection secrets, and delivering approval
 * decisions to task systems. May import
 * {@code task}, {@code approval}, {@code connector}, {@code outbox}, {@code platform}; never {@code slack}.
 */
package io.taskbridge.sync;
