package io.taskbridge.connector;

import io.taskbridge.platform.Secret;

/**
 * How a connection's inbound webhooks prove who sent them. awork signs nothing, so its webhook
 * carries a custom header name and value set in awork's UI ({@code AWORK_WEBHOOK_HEADER},
 * {@code AWORK_WEBHOOK_SECRET}); the generic JSON webhook is signed with HMAC-SHA256
 * ({@code TASKAPI_WEBHOOK_SECRET}).
 */
public sealed interface WebhookAuth {
    record HeaderToken(String header, Secret value) implements WebhookAuth {}

    record Hmac(Secret secret) implements WebhookAuth {}
}
