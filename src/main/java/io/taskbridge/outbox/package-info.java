/**
 * The outbox: messages as rows written in the transaction that caused them (OutboxMessage, with
 * RemoteFact for what a task system changed), the worker that delivers them with back-off and
 * Retry-After, per-channel pacing, the Delivery contract, and the admin view of dead rows.
 * May import {@code task} (model) and {@code platform}. Says nothing in Slack words: {@code slack} renders.
 */
package io.taskbridge.outbox;
