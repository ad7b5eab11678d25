import type { Activity, CardAction } from 'botbuilder';
import type { Clock } from '../../../bot/clock';
import { makeTestApp, type TestApp } from '../../helpers/testApp';
import { createTransport, TEST_DIRECT_LINE_SECRET, TRANSPORT_NAMES, type Outgoing, type Transport, type TransportConversation, type TransportName, type TestUser } from './transports';

/** A check of one reply, as `assertReply` takes it (the helpers in tests/helpers/testApp.ts are such checks). */
export type ReplyCheck = (activity: Partial<Activity>) => void;

export interface SendOptions {
  /** The bot is meant to stay quiet in this turn (a message relayed to staff). */
  silent?: boolean;
}

/**
 * What the employee sees of an activity, the same on every transport: Teams answer cards show their
 * text in TextBlocks (Markdown, as the text of a web chat message) and their buttons as card actions,
 * team-channel buttons come as a hero card; the returned activity has `text` and `suggestedActions`
 * as web chat shows them.
 */
export function visible(activity: Partial<Activity>): Partial<Activity> {
  const text = activity.text ?? cardText(activity) ?? (activity as { summary?: string }).summary;
  if (activity.suggestedActions?.actions?.length) return { ...activity, text };
  const actions: CardAction[] = [];
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { actions?: Array<{ type: string; title: string; data?: unknown }>; buttons?: CardAction[] } | undefined;
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
      for (const action of content?.actions ?? []) if (action.type === 'Action.Submit') actions.push({ type: 'messageBack', title: action.title, value: action.data } as CardAction);
    } else if (attachment.contentType === 'application/vnd.microsoft.card.hero') {
      actions.push(...(content?.buttons ?? []));
    }
  }
  return actions.length > 0 ? { ...activity, text, suggestedActions: { actions, to: [] } } : { ...activity, text };
}

/** The text of an activity's Adaptive Cards: their TextBlocks, one paragraph each. */
function cardText(activity: Partial<Activity>): string | undefined {
  const blocks = (activity.attachments ?? [])
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((attachment) => ((attachment.content as { body?: Array<{ type: string; text?: string }> }).body ?? []))
    .filter((element) => element.type === 'TextBlock' && element.text)
    .map((element) => element.text!);
  return blocks.length > 0 ? blocks.join('\n\n') : undefined;
}

/** A message the employee can see: text or a card. */
function isVisibleMessage(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && Boolean(visible(activity).text || activity.attachments?.length);
}

type Step = (run: RunState) => Promise<void>;

interface RunState {
  conversation: TransportConversation;
  queue: Partial<Activity>[];
  /** The replies of the latest turn: the buttons `click` looks in. */
  latest: Partial<Activity>[];
}

/**
 * A conversation test written as a transcript: `send` what the employee writes, `assertReply` what the
 * bot answers, in order (replies not asserted stay queued for the next `assertReply`, as with
 * botbuilder's TestAdapter). Every `send` must get at least one visible message back unless it says
 * `{ silent: true }`: silence is a bug the employee sees at once.
 */
export class Transcript {
  private readonly steps: Step[] = [];

  constructor(
    private readonly transport: TransportName,
    private readonly open: () => Promise<TransportConversation>
  ) {}

  /** The employee opens the chat the channel's way; the bot's welcome must come. */
  joins(): this {
    this.steps.push(async (run) => {
      const replies = await run.conversation.join();
      if (!replies.some(isVisibleMessage)) throw new Error(`[${this.transport}] no welcome when the employee opened the chat`);
      run.queue.push(...replies);
      run.latest = replies;
    });
    return this;
  }

  /** The employee writes `text` (or sends a card value). */
  send(message: string | Outgoing, options: SendOptions = {}): this {
    const outgoing = typeof message === 'string' ? { text: message } : message;
    this.steps.push((run) => this.turn(run, outgoing, options, typeof message === 'string' ? message : JSON.stringify(message)));
    return this;
  }

  /**
   * The employee presses the button titled `title` among the latest replies' buttons, as the channel
   * sends it: imBack posts its value as text, a Teams card button (Action.Submit) posts its data as the value.
   */
  click(title: string, options: SendOptions = {}): this {
    this.steps.push(async (run) => {
      const buttons = run.latest.flatMap((a) => visible(a).suggestedActions?.actions ?? []);
      const button = buttons.find((b) => b.title === title);
      if (!button) throw new Error(`[${this.transport}] no button "${title}" among ${JSON.stringify(buttons.map((b) => b.title))}`);
      const outgoing: Outgoing =
        button.type === 'messageBack' ? { text: (button as { text?: string }).text, value: button.value } : { text: String(button.value ?? button.title) };
      await this.turn(run, outgoing, options, `[${title}]`);
    });
    return this;
  }

  /** The next reply passes `check` (a text: it contains it; a pattern: it matches). */
  assertReply(check: ReplyCheck | string | RegExp): this {
    this.steps.push(async (run) => {
      const next = run.queue.shift();
      if (!next) throw new Error(`[${this.transport}] expected a reply, but the bot sent nothing more`);
      const shown = visible(next);
      if (typeof check === 'function') check(shown);
      else if (typeof check === 'string') expect(shown.text).toContain(check);
      else expect(shown.text).toMatch(check);
    });
    return this;
  }

  /** The visible messages of the latest turn (or proactive delivery), as the employee sees them, pass `check`. */
  assertTurn(check: (messages: Partial<Activity>[]) => void): this {
    this.steps.push(async (run) => check(run.latest.filter(isVisibleMessage).map(visible)));
    return this;
  }

  /** Something happens outside the chat (staff act in the console) before the transcript goes on. */
  meanwhile(action: (conversation: { channelId: string; conversationId: string }) => Promise<void>): this {
    this.steps.push((run) => action({ channelId: run.conversation.channelId, conversationId: run.conversation.conversationId }));
    return this;
  }

  /** Nothing is left unasserted of what the bot sent. */
  assertNoMoreReplies(): this {
    this.steps.push(async (run) => {
      expect(run.queue.map((a) => visible(a).text ?? a.type)).toEqual([]);
    });
    return this;
  }

  /** Waits for a proactive message (staff wrote, the request was resolved) and queues what came. */
  waitForProactive(timeoutMs = 5000): this {
    this.steps.push(async (run) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const arrived = await run.conversation.proactive();
        if (arrived.length > 0) {
          run.queue.push(...arrived);
          run.latest = arrived;
          return;
        }
        if (performance.now() > deadline) throw new Error(`[${this.transport}] no proactive message within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    return this;
  }

  /** Runs the transcript; resolves with the conversation as the bot saw it. */
  async startTest(): Promise<{ channelId: string; conversationId: string; userKey: string }> {
    const run: RunState = { conversation: await this.open(), queue: [], latest: [] };
    for (const step of this.steps) await step(run);
    const { channelId, conversationId, userKey } = run.conversation;
    return { channelId, conversationId, userKey };
  }

  private async turn(run: RunState, outgoing: Outgoing, options: SendOptions, said: string): Promise<void> {
    const replies = await run.conversation.send(outgoing);
    const shown = replies.filter(isVisibleMessage);
    if (options.silent) {
      if (shown.length > 0) throw new Error(`[${this.transport}] "${said}" was to be relayed quietly, but the bot said ${JSON.stringify(shown.map((a) => visible(a).text))}`);
    } else if (shown.length === 0) {
      throw new Error(`[${this.transport}] the bot stayed silent after "${said}" (sent: ${JSON.stringify(replies.map((a) => a.type))})`);
    }
    run.queue.push(...replies);
    run.latest = replies;
  }
}

export interface HarnessOptions {
  /** Environment variables of the test app. */
  env?: Record<string, string>;
  /** A fresh app (empty data folder) for every test instead of one per transport. */
  appPerTest?: boolean;
  /** The app's clock (default: office hours, standing still). */
  now?: Clock;
}

/** The bot under test on one transport. */
export class HarnessBot {
  private current?: { app: TestApp; transport: Transport };

  constructor(
    readonly transport: TransportName,
    private readonly options: HarnessOptions
  ) {}

  /** The running app (inside a test). */
  get app(): TestApp {
    if (!this.current) throw new Error('the app runs only inside a test');
    return this.current.app;
  }

  async start(): Promise<void> {
    const app = await makeTestApp({ DIRECT_LINE_SECRET: TEST_DIRECT_LINE_SECRET, ...this.options.env }, undefined, this.options.now);
    const transport = createTransport(this.transport);
    await transport.start(app);
    this.current = { app, transport };
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.transport.stop();
    await current?.app.cleanup();
  }

  /** A conversation of `user`, whose client speaks `locale`. */
  conversation(user: TestUser = { id: 'employee-1', name: 'Erika Muster' }, locale = 'de-DE'): Transcript {
    return new Transcript(this.transport, () => {
      if (!this.current) throw new Error('the app runs only inside a test');
      return this.current.transport.open(user, locale);
    });
  }
}

/**
 * Runs a block of conversation tests once per transport: `expectReplies`, the Direct Line channel
 * (web chat's path) and Teams activities against the fake connector.
 */
export function onEveryTransport(title: string, body: (bot: HarnessBot) => void, options: HarnessOptions = {}): void {
  describe.each(TRANSPORT_NAMES)(`${title} [%s]`, (name) => {
    const bot = new HarnessBot(name, options);
    if (options.appPerTest) {
      beforeEach(() => bot.start());
      afterEach(() => bot.stop());
    } else {
      beforeAll(() => bot.start());
      afterAll(() => bot.stop());
    }
    body(bot);
  });
}
