/**
 * Approvals: rounds of steps, responses and decisions, ApprovalService (request, decide exactly
 * once by compare-and-set), ApprovalDao and the ApprovalChanged event. A step needs a count of
 * approvals (CompletionMode: any N, or everyone), may name Slack user groups (ApprovalGroup, expanded
 * when the step starts), may have its places handed over (delegation) and may act at its due date
 * (DueAction: expire or escalate, run once from the reminder tick); StepEdits makes those changes
 * under the decision's compare-and-set. May import {@code task} and {@code platform}; never an
 * adapter (ArchitectureTest).
 */
package io.taskbridge.approval;
