package io.taskbridge.approval;

import java.time.Instant;
import java.util.Optional;

/** One participant's answer on one step, recorded once. */
public record ApprovalResponse(String userId, Decision decision, Optional<String> comment, Instant at) {}
