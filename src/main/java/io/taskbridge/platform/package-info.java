/**
 * What every package may stand on: the database (pool, Flyway, dialect, serial writes), the HTTP
 * server and its error bodies, JSON, secrets (Secret, SecretBox, Hmac), settings reading (Env),
 * logging set-up, metrics (the {@code Metrics} facade; Micrometer stays behind it). Imports nothing of ours.
 */
package io.taskbridge.platform;
