import { ActivityHandler, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import { createChannels, type Channels } from '../../../bot/channels/createChannels';
import { MemoryDirectLineStore } from '../../../bot/channels/directline/memoryDirectLineStore';
import { loadConfig, type AppConfig } from '../../../bot/config/config';
import { makeServer } from '../../../bot/http/server';
import { createLogger } from '../../../bot/logger';
import { listen } from '../../helpers/httpServer';
import { systemClock, systemStopwatch } from '../../../bot/clock';
import { ClientAddresses } from '../../../bot/http/clientAddress';

/** A bot that welcomes and repeats what it is told, with two buttons: the channel tests need no recognizer. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity('Willkommen!');
      await next();
    });
    this.onMessage(async (context, next) => {
      const said = context.activity.text ?? JSON.stringify(context.activity.value);
      await context.sendActivity(MessageFactory.suggestedActions(['Ja, danke', 'Nein'], `echo: ${said}`));
      await next();
    });
  }
}

export interface ChannelServer {
  url: string;
  config: AppConfig;
  channels: Channels;
  /** The main adapter, as `app.adapter`. */
  adapter: ReturnType<Channels['createAdapter']>;
  close: () => Promise<void>;
}

/**
 * The real server with the channels wired as in bot/index.ts, around {@link EchoBot}, on an ephemeral
 * loopback port; Direct Line keeps its conversations in memory. Starts in milliseconds.
 */
export async function channelServer(env: Record<string, string> = {}): Promise<ChannelServer> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent-unused', ...env });
  const logger = createLogger('silent');
  const bot = new EchoBot();
  const channels = createChannels({
    config,
    logger,
    bot,
    now: systemClock,
    stopwatch: systemStopwatch,
    clientAddresses: new ClientAddresses(config.TRUSTED_PROXIES),
    directLineStore: new MemoryDirectLineStore(systemClock)
  });
  const adapter = channels.createAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = makeServer({ adapter, bot, logger, maxBodyBytes: config.MAX_BODY_BYTES, allowsServiceUrl: channels.allowsServiceUrl });
  channels.register(server);
  return { ...(await listen(server)), config, channels, adapter };
}
