/**
 * The audit trail: one append-only row per thing that happened to a task or its approval (created,
 * status, assignment, due date, edits; asked, answered, step approved, approved, rejected, commented),
 * with who, when, what, the details and the entry point it came through. {@link
 * io.taskbridge.audit.AuditTrail} writes the rows inside the transaction of the change (it is a
 * {@code TaskEvents} and {@code ApprovalEvents} listener); {@link io.taskbridge.audit.AuditLog} reads
 * them back, by task or by workspace and time. Nothing here or anywhere else updates or deletes a row
 * (AuditAppendOnlyTest scans the code; the database refuses it with a trigger). Imports {@code task},
 * {@code approval} and {@code platform}; whoever reads asks the permission policy first.
 */
package io.taskbridge.audit;
