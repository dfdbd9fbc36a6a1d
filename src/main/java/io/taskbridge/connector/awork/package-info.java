/** awork: settings, requests (status changes through the project's status types), status map. */
package io.taskbridge.connector.awork;
