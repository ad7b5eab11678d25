import './quietDotenv';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type Storage
} from 'botbuilder';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/mainDialog';
import { AnlaufstelleBot } from './anlaufstelleBot';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { KnowledgeBase } from './content/knowledgeBase';
import { ContentError, loadContent } from './content/loadContent';
import { makeServer } from './http/server';
import { messagesFor } from './i18n/messages';
import { createLogger, type Logger } from './logger';
import { trainRecognizer, type Recognizer } from './nlu/recognizer';
import { createIntentClassifier } from './nlu/textClassifier';
import { LowdbRequestStore } from './requests/lowdbRequestStore';
import type { RequestStore, TranscriptLine } from './requests/serviceRequest';
import { LowdbStorage } from './storage/lowdbStorage';

/** Everything the running bot is made of; built once by {@link buildApp}. */
export interface App {
  config: AppConfig;
  logger: Logger;
  server: Server;
  adapter: CloudAdapter;
  bot: AnlaufstelleBot;
  recognizer: Recognizer;
  knowledge: KnowledgeBase;
  storage: Storage;
  requests: RequestStore;
}

/**
 * The composition root: loads and validates content, trains the recognizer, opens the lowdb stores
 * and wires bot, dialogs and server together. Throws ConfigError or ContentError on bad input.
 */
export function buildApp(config: AppConfig, logger: Logger = createLogger(config.LOG_LEVEL)): App {
  const content = loadContent({ knowledgeDir: config.KNOWLEDGE_DIR, intentsDir: config.INTENTS_DIR });
  const knowledge = new KnowledgeBase(content);
  const recognizer = trainRecognizer(content, (language) => createIntentClassifier(language), {
    answer: config.THRESHOLD_ANSWER,
    disambiguate: config.THRESHOLD_DISAMBIGUATE,
    outOfScope: config.THRESHOLD_OUT_OF_SCOPE
  });

  const storage = new LowdbStorage(path.join(config.DATA_DIR, 'state'));
  const requests = new LowdbRequestStore(path.join(config.DATA_DIR, 'queues'));
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const transcript = conversationState.createProperty<TranscriptLine[]>('transcript');
  const dialog = new MainDialog({ knowledge, recognizer, requests, transcript });
  const bot = new AnlaufstelleBot({
    conversationState,
    userState,
    dialog,
    recognizer,
    transcript,
    logger,
    options: { defaultLanguage: config.DEFAULT_LANGUAGE, maxMessageLength: config.MAX_MESSAGE_LENGTH }
  });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'turn failed');
    await conversationState.delete(context).catch(() => undefined);
    const language = context.activity.locale?.toLowerCase().startsWith('en') ? 'en' : config.DEFAULT_LANGUAGE;
    await context.sendActivity(messagesFor(language).error()).catch(() => undefined);
  };

  const health = () => ({ faqEntries: { de: content.faq.de.length, en: content.faq.en.length } });
  const server = makeServer({ adapter, bot, logger, maxBodyBytes: config.MAX_BODY_BYTES, health });
  return { config, logger, server, adapter, bot, recognizer, knowledge, storage, requests };
}

/** Entry point of `npm start`: reads .env, builds the app and listens on PORT. */
async function main(): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  let app: App;
  try {
    app = buildApp(loadConfig(process.env));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) {
      console.error(`Anlaufstelle cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { server, config, logger } = app;
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${address.port}`;
    logger.info({ url, dataDir: path.resolve(config.DATA_DIR) }, 'Anlaufstelle is listening');
    console.log(`Anlaufstelle listens on ${url} (Bot Framework endpoint ${url}/api/messages); state in ${path.resolve(config.DATA_DIR)}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
