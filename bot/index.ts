import './quietDotenv';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type Storage
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/mainDialog';
import { ConversationLanguage } from './conversationLanguage';
import { AnlaufstelleBot } from './anlaufstelleBot';
import { ChannelUserState } from './channels/channelUserState';
import { createChannels, type Channels } from './channels/createChannels';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { startupWarnings } from './config/startupWarnings';
import { KnowledgeBase } from './content/knowledgeBase';
import { FileInteractionLog, type InteractionLog } from './analytics/interactionLog';
import { CaseService } from './valueStreams/caseService';
import { LowdbCaseStore } from './valueStreams/caseStore';
import { LowdbFaqDraftStore } from './content/faqDrafts';
import { LiveKnowledge, LiveRecognizer, withApprovedEntries } from './content/liveKnowledge';
import { ContentError, loadContent, type Content } from './content/loadContent';
import type { Language } from './content/schema';
import { InProcessEventBus, type EventBus } from './events/eventBus';
import { EmployeeNotifier } from './handoff/employeeNotifier';
import { HandoffService } from './handoff/handoffService';
import type { RequestChange } from './handoff/requestChange';
import { LoginThrottle } from './staff/loginThrottle';
import { registerStaffApi } from './staff/staffApi';
import { loadStaffAccounts, StaffAccountsError, type StaffAccount } from './staff/staffAccounts';
import { registerStaffPage } from './staff/staffPage';
import { StaffSessions } from './staff/staffSessions';
// --- Service dashboard and metrics (bot/metrics, docs/dashboard.md) ---
import { LowdbAddressedGapStore } from './metrics/addressedGaps';
import { createMetricsRegistry, registerMetricsRoute } from './metrics/prometheus';
import { ServiceMetrics } from './metrics/serviceMetrics';
import { registerDashboardApi } from './staff/dashboardApi';
// --- end dashboard imports ---
import { makeServer } from './http/server';
import { messagesFor } from './i18n/messages';
import { createLogger, type Logger } from './logger';
import { ConnectorReusingAuthentication } from './channels/connectorReuse';
import { startDirectLineRetention } from './channels/directline/directLineRetention';
import { trainRecognizer, type MessageRecognizer } from './nlu/recognizer';
import { createIntentClassifier } from './nlu/textClassifier';
import { trainContentInWorkers } from './nlu/trainInWorkers';
import type { IntentClassifier } from './nlu/types';
import { LowdbRequestStore } from './requests/lowdbRequestStore';
import type { RequestStore, TranscriptLine } from './requests/serviceRequest';
import { LowdbStorage } from './storage/lowdbStorage';
import { systemClock, systemStopwatch, type Clock, type Stopwatch } from './clock';
import { ClientAddresses } from './http/clientAddress';

/** Everything the running bot is made of; built once by {@link buildApp}. */
export interface App {
  config: AppConfig;
  logger: Logger;
  server: Server;
  adapter: CloudAdapter;
  /** Web chat over the in-process Direct Line endpoint, and the Teams specifics (bot/channels). */
  channels: Channels;
  bot: AnlaufstelleBot;
  recognizer: MessageRecognizer;
  knowledge: KnowledgeBase;
  storage: Storage;
  requests: RequestStore;
  handoff: HandoffService;
  requestEvents: EventBus<RequestChange>;
  notifier: EmployeeNotifier;
  staffAccounts: StaffAccount[];
  interactions: InteractionLog;
  cases: CaseService;
  /** Stops background work (notifier subscription). */
  close: () => Promise<void>;
}

/** What tests and tools may replace; production uses the defaults. */
export interface AppOptions {
  logger?: Logger;
  /** The app's clock (business hours, queue times, every stored time). */
  now: Clock;
  /** Monotonic time for rate limits (performance.now in the app). */
  stopwatch: Stopwatch;
  /** The content to answer from, as {@link loadStartContent} gives it (else loaded here). */
  content?: Content;
  /** Classifiers already trained on `content` (e.g. in worker threads); the others are trained here. */
  classifiers?: ReadonlyMap<Language, IntentClassifier>;
  /** Trains classifiers when approved FAQ entries change the content (default: in this thread). */
  trainClassifiers?: (content: Content) => Promise<ReadonlyMap<Language, IntentClassifier>>;
}

/** The shipped content (KNOWLEDGE_DIR, INTENTS_DIR) plus the FAQ entries staff approved at run time. */
export function loadStartContent(config: AppConfig): Content {
  const shipped = loadContent({ knowledgeDir: config.KNOWLEDGE_DIR, intentsDir: config.INTENTS_DIR });
  return withApprovedEntries(shipped, approvedFaqFile(config));
}

function approvedFaqFile(config: AppConfig): string {
  return path.join(config.DATA_DIR, 'knowledge', 'approved.json');
}

/**
 * The composition root: loads and validates content, trains the recognizer, opens the lowdb stores
 * and wires bot, dialogs and server together. Throws ConfigError or ContentError on bad input.
 */
export function buildApp(config: AppConfig, options: AppOptions): App {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const now = options.now;
  const content = options.content ?? loadStartContent(config);
  const thresholds = { answer: config.THRESHOLD_ANSWER, disambiguate: config.THRESHOLD_DISAMBIGUATE, outOfScope: config.THRESHOLD_OUT_OF_SCOPE };
  const train = (current: Content, trained?: ReadonlyMap<Language, IntentClassifier>) =>
    trainRecognizer(current, (language) => createIntentClassifier(language), thresholds, trained);
  const knowledge = new KnowledgeBase(content);
  const recognizer = new LiveRecognizer(train(content, options.classifiers));
  const retrain = async (changed: Content) => train(changed, await options.trainClassifiers?.(changed));
  const liveKnowledge = new LiveKnowledge(content, approvedFaqFile(config), knowledge, recognizer, retrain);
  const staffAccounts = loadStaffAccounts(config.STAFF_ACCOUNTS_FILE, new Set(content.departments.map((d) => d.id)));

  const storage = new LowdbStorage(path.join(config.DATA_DIR, 'state'), {
    writeDelayMs: config.STATE_WRITE_DELAY_MS,
    cacheSize: config.STATE_CACHE_SIZE,
    report: (error) => logger.error({ err: error }, 'state write failed')
  });
  const requests = new LowdbRequestStore(path.join(config.DATA_DIR, 'queues'), now, (message) => logger.error(message));
  const requestEvents = new InProcessEventBus<RequestChange>((error) => logger.error({ err: error }, 'request event listener failed'));
  const handoff = new HandoffService({ store: requests, bus: requestEvents, knowledge, now });
  const conversationState = new ConversationState(storage);
  // User state is keyed by channel (and tenant for Teams): bot/channels/userKey.ts.
  const userState = new ChannelUserState(storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const transcript = conversationState.createProperty<TranscriptLine[]>('transcript');
  const interactions = new FileInteractionLog(path.join(config.DATA_DIR, 'interactions'));
  const cases = new CaseService({ cases: new LowdbCaseStore(path.join(config.DATA_DIR, 'cases.json'), now), requests, handoff, knowledge, bus: requestEvents });
  const stopCases = cases.start();
  const dialog = new MainDialog({ knowledge, recognizer, requests, handoff, cases, transcript, interactions, now, handoffEvents: config.HANDOFF_EVENTS });
  const language = new ConversationLanguage(conversationState, userState, content, config.DEFAULT_LANGUAGE);
  const bot = new AnlaufstelleBot({
    conversationState,
    userState,
    language,
    dialog,
    dialogState,
    recognizer,
    transcript,
    handoff,
    logger,
    now,
    options: { maxMessageLength: config.MAX_MESSAGE_LENGTH, agentHubChannels: config.AGENT_HUB_CHANNELS }
  });

  const auth = new ConnectorReusingAuthentication(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId
    })
  );
  // Channels: web chat over the in-process Direct Line, Teams middleware (bot/channels/createChannels.ts).
  const clientAddresses = new ClientAddresses(config.TRUSTED_PROXIES);
  const channels = createChannels({ config, logger, bot, now, stopwatch: options.stopwatch, clientAddresses });
  const adapter = channels.createAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'turn failed');
    await conversationState.delete(context).catch(() => undefined);
    const language = context.activity.locale?.toLowerCase().startsWith('en') ? 'en' : config.DEFAULT_LANGUAGE;
    await context.sendActivity(messagesFor(language).error()).catch(() => undefined);
  };

  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const notifier = new EmployeeNotifier({
    adapter,
    botAppId: config.MicrosoftAppId ?? '',
    conversationState,
    dialogState,
    dialog,
    language,
    knowledge,
    cases,
    bus: requestEvents,
    logger,
    consoleUrl: `${publicUrl}/staff`
  });
  const stopNotifier = notifier.start();
  const stopRetention =
    config.DIRECT_LINE_RETENTION_DAYS > 0 ? startDirectLineRetention(channels.directLine.store, config.DIRECT_LINE_RETENTION_DAYS, logger, now) : () => undefined;

  const health = () => ({ faqEntries: { de: knowledge.content.faq.de.length, en: knowledge.content.faq.en.length } });
  const server = makeServer({ adapter, bot, logger, maxBodyBytes: config.MAX_BODY_BYTES, health, allowsServiceUrl: channels.allowsServiceUrl });
  channels.register(server);
  // Like knowledge/ and intents/, the web files are found relative to the working directory.
  registerStaffPage(server, path.resolve('web', 'staff'));
  // One draft store for the console and the dashboard (one lock per file).
  const faqDrafts = new LowdbFaqDraftStore(path.join(config.DATA_DIR, 'knowledge', 'drafts.json'), now);
  registerStaffApi(server, {
    accounts: staffAccounts,
    sessions: new StaffSessions(storage, config.STAFF_SESSION_HOURS * 3_600_000, now),
    throttle: new LoginThrottle(storage, now),
    handoff,
    requests,
    drafts: faqDrafts,
    liveKnowledge,
    knowledge,
    bus: requestEvents,
    logger,
    secureCookies: config.NODE_ENV === 'production',
    refuseDemoPassword: config.NODE_ENV === 'production',
    clientAddress: (req) => clientAddresses.of(req),
    sessionLifetimeMs: config.STAFF_SESSION_HOURS * 3_600_000,
    now
  });
  // --- Service dashboard and metrics: /staff/dashboard, /api/staff/dashboard*, /api/staff/knowledge-gaps*, GET /metrics ---
  const addressedGaps = new LowdbAddressedGapStore(path.join(config.DATA_DIR, 'knowledge', 'addressed-gaps.json'));
  const serviceMetrics = new ServiceMetrics({ requests, interactions, knowledge, addressedGaps, now });
  registerDashboardApi(server, {
    sessions: new StaffSessions(storage, config.STAFF_SESSION_HOURS * 3_600_000, now),
    metrics: serviceMetrics,
    knowledge,
    drafts: faqDrafts,
    liveKnowledge,
    addressedGaps,
    logger,
    webDir: path.resolve('web', 'staff'),
    now
  });
  // A registry of its own (not prom-client's global one): several apps in one process stay apart.
  const metricsRegistry = createMetricsRegistry(serviceMetrics, () => knowledge.departments.map((d) => d.id), config.METRICS_WINDOW_DAYS);
  registerMetricsRoute(server, metricsRegistry, { token: config.METRICS_TOKEN, logger });
  // --- end dashboard ---
  const close = async () => {
    stopCases();
    stopNotifier();
    stopRetention();
    await notifier.idle();
    await storage.close();
    await interactions.close();
  };
  return { config, logger, server, adapter, channels, bot, recognizer, knowledge, storage, requests, handoff, requestEvents, notifier, staffAccounts, interactions, cases, close };
}

/**
 * Loads the request store (it keeps the requests in memory) and warns when the data already fills
 * much of the heap limit that `npm start` sets (--max-old-space-size): the process would run out of
 * memory as requests accumulate.
 */
async function warnWhenHeapIsTight(app: App): Promise<void> {
  const requests = (await app.requests.listAll()).length;
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  if (used > 0.5 * limit) {
    app.logger.warn(
      { requests, usedMb: Math.round(used / 2 ** 20), limitMb: Math.round(limit / 2 ** 20) },
      'the stored requests fill more than half of the heap limit; raise --max-old-space-size in the start command (see README, "Memory")'
    );
  }
}

/** Entry point of `npm start`: reads .env, builds the app and listens on PORT. */
async function main(): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  // Everything under DATA_DIR (conversations, requests, sessions) is for this process only:
  // files are created 0600, folders 0700.
  process.umask(0o077);
  let app: App;
  try {
    const config = loadConfig(process.env);
    const content = loadStartContent(config);
    // Both languages train side by side in worker threads: start-up takes less time on two cores,
    // and approving a FAQ entry retrains without stopping the turns of everybody else.
    const classifiers = await trainContentInWorkers(content);
    app = buildApp(config, { now: systemClock, stopwatch: systemStopwatch, content, classifiers, trainClassifiers: trainContentInWorkers });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError || error instanceof StaffAccountsError) {
      console.error(`Anlaufstelle cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { server, config, logger } = app;
  await warnWhenHeapIsTight(app);
  for (const warning of await startupWarnings(config, app.staffAccounts)) logger.warn(warning);
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${address.port}`;
    logger.info({ url, dataDir: path.resolve(config.DATA_DIR) }, 'Anlaufstelle is listening');
    console.log(`Anlaufstelle listens on ${url} (Bot Framework endpoint ${url}/api/messages); state in ${path.resolve(config.DATA_DIR)}`);
    console.log(`Staff console: ${url}/staff`);
    if (config.NODE_ENV === 'development') {
      // Only the shipped demo accounts have a known password; a real accounts file prints nothing.
      const demo = app.staffAccounts.filter(() => path.resolve(config.STAFF_ACCOUNTS_FILE) === path.resolve('staff/accounts.json'));
      if (demo.length > 0) console.log(`Demo staff accounts (password "anlaufstelle-demo"): ${demo.map((a) => a.username).join(', ')}`);
    }
  });
  // Stop taking turns, then write the delayed conversation state before exiting.
  const stop = () => {
    server.close();
    app.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
