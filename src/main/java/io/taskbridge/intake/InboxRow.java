package io.taskbridge.intake;

/** A row of the inbox: one piece of acknowledged work, as claimed by a worker. */
record InboxRow(long id, String kind, String payload, int attempts, long leaseUntil) {}
