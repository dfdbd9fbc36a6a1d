/**
 * The port to task systems: TaskBackend, RemoteTask, NewTask, BackendException, the shared HTTP
 * client (BackendHttp: time-outs, Retry-After, back-off, error mapping), JSON and URL helpers.
 * Each sub-package is one task system, self-contained (its settings read themselves from the
 * environment); the port knows none of them and they do not know each other. Registration is
 * {@code io.taskbridge.ConnectorSettings}. May import {@code task}, {@code approval} (the Decision),
 * {@code platform}; never {@code slack} or {@code api} (ArchitectureTest).
 */
package io.taskbridge.connector;
