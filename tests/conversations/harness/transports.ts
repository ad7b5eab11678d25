import type { Activity } from 'botbuilder';
import { FakeConnector } from '../../helpers/fakeConnector';
import { listen } from '../../helpers/httpServer';
import type { TestApp } from '../../helpers/testApp';

/** The three ways employees' messages reach the bot in the tests. */
export const TRANSPORT_NAMES = ['expectReplies', 'directLine', 'teams'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/** The Direct Line secret of the test apps (tokens/generate needs it to name the test's user). */
export const TEST_DIRECT_LINE_SECRET = 'conversation-harness-direct-line-secret-0123456789';
/** The tenant of the Teams conversations. */
export const TEST_TENANT = '8f3c2b1a-5d4e-4c7b-9a6f-1e2d3c4b5a69';

export interface TestUser {
  id: string;
  name: string;
}

/** What an employee sends: typed text, or a card button's value (Teams Action.Submit, no text). */
export interface Outgoing {
  text?: string;
  value?: unknown;
  /** Files or cards the client sends along (a pasted screenshot). */
  attachments?: Array<{ contentType: string; contentUrl?: string; name?: string }>;
}

/** One employee's conversation with the bot over one transport. */
export interface TransportConversation {
  /** The channel id the bot sees. */
  readonly channelId: string;
  /** The conversation id the bot sees (set once the conversation has started). */
  readonly conversationId: string;
  /** The key under which the bot knows this employee (bot/channels/userKey.ts): requests name them by it. */
  readonly userKey: string;
  /**
   * The employee opens the chat as the channel does it (a conversationUpdate; Direct Line: starting
   * the conversation; Teams: installing the app) and gets what the bot sent for it: the welcome.
   */
  join(): Promise<Partial<Activity>[]>;
  /** Sends one activity and returns what the bot sent in that turn (typing indicators left out). */
  send(outgoing: Outgoing): Promise<Partial<Activity>[]>;
  /** What the bot sent since the last call outside a turn of ours (proactive messages), typing left out. */
  proactive(): Promise<Partial<Activity>[]>;
}

/** A way of talking to the running bot: started once per app. */
export interface Transport {
  readonly name: TransportName;
  start(app: TestApp): Promise<void>;
  stop(): Promise<void>;
  open(user: TestUser, locale: string): Promise<TransportConversation>;
}

/** Creates a transport by name. */
export function createTransport(name: TransportName): Transport {
  switch (name) {
    case 'expectReplies':
      return new ExpectRepliesTransport();
    case 'directLine':
      return new DirectLineTransport();
    case 'teams':
      return new TeamsTransport();
  }
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;
const notTyping = (activity: Partial<Activity>) => activity.type !== 'typing';

/** A bot behind HTTP plus the fake connector its proactive messages (and Teams' replies) go to. */
abstract class HttpTransport implements Transport {
  abstract readonly name: TransportName;
  protected url = '';
  protected readonly connector = new FakeConnector();
  private server?: { url: string; close: () => Promise<void> };

  async start(app: TestApp): Promise<void> {
    await this.connector.start();
    this.server = await listen(app.server);
    this.url = this.server.url;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    await this.connector.stop();
  }

  abstract open(user: TestUser, locale: string): Promise<TransportConversation>;

  protected async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** The activities the connector received for a conversation from `from` on, and the new position. */
  protected connectorActivities(conversationId: string, from: number): { activities: Partial<Activity>[]; next: number } {
    const all = this.connector.activities(conversationId);
    return { activities: all.slice(from), next: all.length };
  }
}

/**
 * `POST /api/messages` with `deliveryMode: expectReplies`: the replies come back in the HTTP response.
 * Proactive messages go to the conversation's serviceUrl, the fake connector.
 */
class ExpectRepliesTransport extends HttpTransport {
  readonly name = 'expectReplies' as const;

  async open(user: TestUser, locale: string): Promise<TransportConversation> {
    const conversationId = `conversation-${user.id}`;
    let seen = 0;
    const exchange = async (activity: Record<string, unknown>) => {
      const body = await this.post('/api/messages', {
        id: nextId('activity'),
        locale,
        channelId: 'test',
        serviceUrl: this.connector.url,
        deliveryMode: 'expectReplies',
        from: { id: user.id, name: user.name },
        recipient: { id: 'anlaufstelle-bot', name: 'Anlaufstelle' },
        conversation: { id: conversationId },
        ...activity
      });
      return ((body?.activities ?? []) as Partial<Activity>[]).filter(notTyping);
    };
    return {
      channelId: 'test',
      conversationId,
      userKey: `test/${encodeURIComponent(user.id)}`,
      join: () => exchange({ type: 'conversationUpdate', membersAdded: [{ id: user.id, name: user.name }] }),
      send: ({ text, value, attachments }) => exchange({ type: 'message', text, value, attachments }),
      proactive: async () => {
        const { activities, next } = this.connectorActivities(conversationId, seen);
        seen = next;
        return activities.filter(notTyping);
      }
    };
  }
}

/**
 * The web chat path: a Direct Line token for the user (`tokens/generate`), the conversation started
 * with it (the bot's welcome is read and set aside), activities posted to
 * `/v3/directline/conversations/:id/activities` and the bot's activities read with the watermark, as
 * botframework-directlinejs does. Typing indicators only go over the WebSocket, so they are not seen.
 */
class DirectLineTransport extends HttpTransport {
  readonly name = 'directLine' as const;

  async open(user: TestUser, locale: string): Promise<TransportConversation> {
    const generated = await this.post('/v3/directline/tokens/generate', { user: { id: user.id, name: user.name } }, { authorization: `Bearer ${TEST_DIRECT_LINE_SECRET}` });
    const auth = { authorization: `Bearer ${generated.token}` };
    const conversationId: string = generated.conversationId;
    await this.post('/v3/directline/conversations', { locale }, auth);
    let watermark = '';
    const seenIds = new Set<string>();
    const read = async (): Promise<Partial<Activity>[]> => {
      const response = await fetch(`${this.url}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${watermark}`, { headers: auth });
      if (!response.ok) throw new Error(`GET activities answered ${response.status}`);
      const set = (await response.json()) as { activities: Partial<Activity>[]; watermark: string };
      watermark = set.watermark;
      for (const activity of set.activities) {
        // Web Chat holds back an activity whose replyToId it has not seen (for about 5 s): every
        // reply must name an activity this client received.
        if (activity.replyToId && !seenIds.has(activity.replyToId)) {
          throw new Error(`Direct Line: ${activity.type} "${activity.text ?? ''}" replies to ${activity.replyToId}, which the client never saw`);
        }
        if (activity.id) seenIds.add(activity.id);
      }
      return set.activities.filter((a) => a.from?.role === 'bot' && notTyping(a));
    };
    // Starting the conversation runs the welcome turn; it is read at once so that sends see only their own replies.
    const welcome = await read();
    return {
      channelId: 'directline',
      conversationId,
      userKey: `webchat/${encodeURIComponent(user.id)}`,
      join: async () => welcome,
      send: async ({ text, value, attachments }) => {
        await this.post(`/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, { type: 'message', text, value, attachments, locale, from: { id: user.id, name: user.name } }, auth);
        return read();
      },
      proactive: read
    };
  }
}

/**
 * Microsoft Teams: personal-chat activities shaped like the recorded payloads
 * (tests/channels/fixtures/teams), posted to `/api/messages` without expectReplies; the bot answers
 * through the connector (our fake one), and the HTTP call returns once the turn is done.
 */
class TeamsTransport extends HttpTransport {
  readonly name = 'teams' as const;

  async open(user: TestUser, locale: string): Promise<TransportConversation> {
    const conversationId = `a:teams-${user.id}`;
    let seen = 0;
    const collect = () => {
      const { activities, next } = this.connectorActivities(conversationId, seen);
      seen = next;
      return activities.filter(notTyping);
    };
    const bot = { id: '28:anlaufstelle-bot', name: 'Anlaufstelle' };
    const exchange = async (activity: Record<string, unknown>) => {
      collect();
      await this.post('/api/messages', {
        id: nextId('1795511702'),
        locale,
        channelId: 'msteams',
        serviceUrl: `${this.connector.url}/`,
        from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
        recipient: bot,
        conversation: { conversationType: 'personal', tenantId: TEST_TENANT, id: conversationId },
        channelData: { tenant: { id: TEST_TENANT } },
        ...activity
      });
      return collect();
    };
    return {
      channelId: 'msteams',
      conversationId,
      userKey: `msteams/${TEST_TENANT}/${encodeURIComponent(user.id)}`,
      // Installing the app in the personal scope: the bot itself is the member added.
      join: () => exchange({ type: 'conversationUpdate', membersAdded: [{ id: bot.id }] }),
      send: ({ text, value, attachments }) =>
        exchange({
          type: 'message',
          text,
          value,
          attachments,
          textFormat: 'plain',
          entities: [{ type: 'clientInfo', locale, country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' }],
          localTimezone: 'Europe/Berlin'
        }),
      proactive: async () => collect()
    };
  }
}
