/**
 * The durable intake: work a request has promised in its answer ("acked"), recorded in the
 * database before that answer and completed by a worker, once, on whichever instance claims it,
 * also after a crash. Kinds of work and their handlers are registered by the adapters (Slack).
 * May import {@code platform} only.
 */
package io.taskbridge.intake;
