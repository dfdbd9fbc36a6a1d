-- Webhook delivery keys are forgotten after a while (see webhook/Webhooks.java): index their age.
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
