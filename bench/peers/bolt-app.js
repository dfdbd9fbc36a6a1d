// Server B of scenarios 1 and 2: the smallest Bolt for JavaScript app that verifies Slack's signature
// and acks /task inside the HTTP response (processBeforeResponse), as Taskbridge does.
const { App, ExpressReceiver } = require('@slack/bolt');

const port = Number(process.env.PORT || 3101);
const receiver = new ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  processBeforeResponse: true,
  endpoints: '/slack/events',
});
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN || 'xoxb-bench',
  // No network: with the bot's ids given and verification off, Bolt never calls auth.test.
  tokenVerificationEnabled: false,
  botId: 'B0BENCH',
  botUserId: 'U0BOT',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL || 'http://127.0.0.1:9/api/' },
  logLevel: 'error',
});
app.command('/task', async ({ ack }) => {
  await ack();
});
// Scenario 2: a click on an approval button, acked as Taskbridge acks it.
app.action('approval_approve', async ({ ack }) => {
  await ack();
});
receiver.router.get('/healthz', (req, res) => res.send('ok'));

(async () => {
  await app.start({ port, host: '127.0.0.1' });
  console.log(`bolt-js bench app on 127.0.0.1:${port}`);
})();
