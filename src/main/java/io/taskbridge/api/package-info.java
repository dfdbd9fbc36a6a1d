/**
 * The REST surface under {@code /v1} (seed 001 protocol): routes, JSON mapping, validation with
 * per-field 422s, API keys and their table, the rate limit. May import the domain packages and
 * {@code platform}.
 */
package io.taskbridge.api;
