/**
 * Approvals: rounds of steps, responses and decisions, ApprovalService (request, decide exactly
 * once by compare-and-set), ApprovalDao and the ApprovalChanged event. May import {@code task} and
 * {@code platform}; never an adapter (ArchitectureTest).
 */
package io.taskbridge.approval;
