/** Workiva Platform API: settings, OAuth client-credentials token, API versions, requests, status map. */
package io.taskbridge.connector.workiva;
