/**
 * Access to tasks: {@link io.taskbridge.access.TaskAccess} is the one door every entry point (Slack
 * commands, buttons, modals, the REST API) goes through to read or change a task. It maps a task
 * to the permission policy's facts and asks {@code workspace.PermissionPolicy}. Imports the domain
 * ({@code task}, {@code approval}) and {@code workspace}; no Slack, Javalin or connector.
 */
package io.taskbridge.access;
