/**
 * Recurring tasks: a series (its rule, the creator's time zone, the template every occurrence copies)
 * and its occurrences. {@link io.taskbridge.recurring.Recurrence} is the pure date rule;
 * {@link io.taskbridge.recurring.RecurringService} starts, lists and stops series, and its
 * {@code tick} makes each next occurrence once (a compare-and-set on the series and a primary key per
 * occurrence), when the current one is due. Imports {@code task} and {@code platform}; no surface.
 */
package io.taskbridge.recurring;
