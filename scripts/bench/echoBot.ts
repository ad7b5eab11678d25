/**
 * The baseline of `npm run bench`: a plain Bot Framework echo bot as in the botbuilder samples
 * (CloudAdapter, MemoryStorage, ConversationState with a turn counter, restify), replying "echo: <text>".
 * Run as `node dist/scripts/bench/echoBot.js` with PORT and HOST; prints "echo bot listens on <url>".
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import restify from 'restify';

const conversationState = new ConversationState(new MemoryStorage());
const turnCount = conversationState.createProperty<number>('turnCount');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await turnCount.set(context, (await turnCount.get(context, 0)) + 1);
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const bot = new EchoBot();
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 0), host, () => {
  console.log(`echo bot listens on http://${host}:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
