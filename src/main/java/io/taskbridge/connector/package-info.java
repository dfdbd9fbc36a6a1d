/**
 * The port to task systems: TaskBackend, RemoteTask, NewTask, BackendException, the shared HTTP
 * client (BackendHttp: time-outs, Retry-After, back-off, error mapping), JSON and URL helpers, and
 * ConnectorSettings, which reads each connector's settings and registers it (one line per
 * connector). Each sub-package is one task system, self-contained. May import {@code task},
 * {@code approval} (the Decision), {@code platform}; never {@code slack} or {@code api} (ArchitectureTest).
 */
package io.taskbridge.connector;
