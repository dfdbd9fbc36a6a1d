/**
 * Tasks: the model (Task, Status, Priority, TaskDraft), the one validation (TaskRules),
 * TaskService, the tasks table (TaskDao, TaskRow, TaskSql) and the TaskChanged event with its
 * listeners (TaskEvents). Imports nothing of ours but {@code platform}; never Slack, Javalin,
 * java.net.http, {@code api} or a connector (ArchitectureTest).
 */
package io.taskbridge.task;
