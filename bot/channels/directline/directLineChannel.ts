import { randomBytes, randomUUID } from 'node:crypto';
import { ActivityTypes, type ChannelAccount, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { KeyedLock } from '../../storage/keyedLock';
import { isActivityIdOf, type DirectLineStore } from './directLineStore';
import type { DirectLineEventBus } from './eventBus';
import { activityProblem, clientActivityFields, clientActivitySchema } from '../activityShape';
import { forbidden } from './tokens';
import { DIRECT_LINE_CHANNEL_ID, DirectLineError, type ActivitySet, type DirectLineActivity, type DirectLineConversation } from './types';
import type { Clock } from '../../clock';

export interface DirectLineChannelDependencies {
  store: DirectLineStore;
  bus: DirectLineEventBus;
  /** The adapter turns run through; see {@link createDirectLineAdapter}. */
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  /** The bot as Direct Line clients see it (`recipient` of their activities). */
  botAccount: ChannelAccount;
  /** Where the bot sends its replies: the in-process connector, `…/directline/connector/`. */
  serviceUrl: () => string;
  logger: Logger;
  /** The app's clock (activity timestamps). */
  now: Clock;
  /** Text beyond this many characters is cut before it is stored (the bot still sees it whole and says it is too long). */
  maxTextLength: number;
}

/** What a client's activity may carry besides its text, serialized; more is refused with 413. */
export const MAX_CLIENT_FIELDS_BYTES = 16 * 1024;

/** Activity types a Direct Line client may post. */
const CLIENT_TYPES = new Set<string>([ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing]);
/** Fields a client may set; identity, addressing and ids come from the token and the store. */
const CLIENT_FIELDS = Object.keys(clientActivityFields).filter((field) => field !== 'type') as Array<keyof typeof clientActivityFields>;

/**
 * The Direct Line channel for our own bot, inside this process. Client activities are stored, echoed
 * to the conversation's streams and run through the CloudAdapter turn pipeline with a `serviceUrl`
 * pointing at the in-process connector; what the bot sends there (replies, and later proactive
 * messages from a stored ConversationReference) comes back through {@link deliverFromBot}.
 */
export class DirectLineChannel {
  private readonly turns = new KeyedLock();
  private readonly now: Clock;

  constructor(private readonly deps: DirectLineChannelDependencies) {
    this.now = deps.now;
  }

  /** A new, unguessable conversation id (URL-safe). */
  newConversationId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** A new user id; the `dl_` prefix marks ids embedded in tokens, as with Azure's Direct Line. */
  newUserId(): string {
    return `dl_${randomBytes(12).toString('base64url')}`;
  }

  /**
   * Starts the conversation unless it runs already; a new one gets the bot's welcome
   * (conversationUpdate). `userName`: the user's name as the token vouches for it, if any.
   */
  async start(conversationId: string, userId: string, locale?: string, userName = ''): Promise<{ conversation: DirectLineConversation; created: boolean }> {
    const { conversation, created } = await this.deps.store.createConversation({ id: conversationId, userId, locale, createdAt: this.now().toISOString() });
    if (conversation.userId !== userId) throw forbidden('The conversation belongs to another user.');
    if (created) {
      const user = { id: userId, name: userName, role: 'user' };
      await this.runTurn(conversation, { type: ActivityTypes.ConversationUpdate, id: randomUUID(), from: user, membersAdded: [user], locale, timestamp: this.now() });
    }
    return { conversation, created };
  }

  /** The conversation, or 404. */
  async conversation(conversationId: string): Promise<DirectLineConversation> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!conversation) throw notFound();
    return conversation;
  }

  /**
   * Stores and echoes a client's activity, then runs the bot's turn for it; returns the activity id.
   * `userName` is the name the token vouches for ('' when none): never the name the client claims.
   */
  async postFromClient(conversation: DirectLineConversation, body: unknown, userName = ''): Promise<string> {
    const activity = this.fromClient(conversation, body, userName);
    if (activity.type === ActivityTypes.Typing) return randomUUID();
    // Stored with its text cut to the limit: a conversation's size stays bounded whatever is posted.
    const max = this.deps.maxTextLength;
    const text = activity.text;
    const stored = typeof text === 'string' && text.length > max ? { ...activity, text: `${text.slice(0, max)}…` } : activity;
    const appended = await this.deps.store.appendActivity(conversation.id, stored);
    if (!appended) throw notFound();
    await this.deps.bus.publish(conversation.id, { activities: [appended.activity], watermark: String(appended.watermark) });
    await this.runTurn(conversation, { ...appended.activity, text });
    return appended.activity.id!;
  }

  /**
   * Takes an activity the bot sent to the connector: stores it (typing only goes live) and publishes it.
   * Its `replyToId` is kept only when it names an activity of this conversation's stream: Web Chat
   * holds back an activity that replies to one it has not received (for about 5 s), and proactive
   * messages reply to botbuilder's continuation event, whose id no client ever sees.
   */
  async deliverFromBot(conversationId: string, body: unknown, replyToId?: string): Promise<string> {
    if (!isObject(body) || typeof body.type !== 'string') throw badArgument('The body must be an activity with a "type".');
    const { serviceUrl: _internal, id: _ignored, replyToId: named, ...fields } = body as DirectLineActivity;
    const inReplyTo = replyToId ?? named;
    const activity: DirectLineActivity = {
      ...fields,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { ...(fields.conversation ?? {}), id: conversationId } as DirectLineActivity['conversation'],
      from: { ...this.deps.botAccount, ...(fields.from ?? {}), role: 'bot' },
      ...(inReplyTo && isActivityIdOf(conversationId, inReplyTo) ? { replyToId: inReplyTo } : {}),
      timestamp: this.now()
    };
    if (activity.type === ActivityTypes.Typing) {
      await this.conversation(conversationId);
      const id = randomUUID();
      await this.deps.bus.publish(conversationId, { activities: [{ ...activity, id }] });
      return id;
    }
    const appended = await this.deps.store.appendActivity(conversationId, activity);
    if (!appended) throw notFound();
    await this.deps.bus.publish(conversationId, { activities: [appended.activity], watermark: String(appended.watermark) });
    return appended.activity.id!;
  }

  /** The stored activities after `watermark`, as Direct Line's ActivitySet. */
  async activitiesAfter(conversationId: string, watermark: number): Promise<ActivitySet & { watermark: string }> {
    const found = await this.deps.store.activitiesAfter(conversationId, watermark);
    if (!found) throw notFound();
    return { activities: found.activities, watermark: String(found.watermark) };
  }

  private fromClient(conversation: DirectLineConversation, body: unknown, userName: string): DirectLineActivity {
    if (!isObject(body) || typeof body.type !== 'string' || !CLIENT_TYPES.has(body.type)) {
      throw badArgument('The body must be an activity of type message, event or typing.');
    }
    const problem = activityProblem(clientActivitySchema, body);
    if (problem) throw badArgument(problem);
    const activity: DirectLineActivity = { type: body.type };
    // null means "not set" (activityShape); such fields are left out.
    for (const field of CLIENT_FIELDS) if (body[field] !== undefined && body[field] !== null) Object.assign(activity, { [field]: body[field] });
    const { text: _text, ...rest } = activity;
    if (Buffer.byteLength(JSON.stringify(rest)) > MAX_CLIENT_FIELDS_BYTES) {
      throw new DirectLineError(413, 'TooLarge', `An activity may carry at most ${MAX_CLIENT_FIELDS_BYTES} bytes besides its text.`);
    }
    return {
      ...activity,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversation.id } as DirectLineActivity['conversation'],
      from: { id: conversation.userId, name: userName, role: 'user' },
      recipient: this.deps.botAccount,
      timestamp: this.now()
    };
  }

  /** One turn at a time per conversation, so that turns do not overwrite each other's state. */
  private async runTurn(conversation: DirectLineConversation, activity: DirectLineActivity): Promise<void> {
    const incoming = {
      ...activity,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: this.deps.serviceUrl(),
      conversation: { id: conversation.id },
      recipient: this.deps.botAccount
    };
    try {
      await this.turns.run(conversation.id, () => this.deps.adapter.processActivityDirect('', incoming as never, (context) => this.deps.bot.run(context)));
    } catch (error) {
      this.deps.logger.error({ err: error, conversation: conversation.id }, 'Direct Line turn failed');
      throw new DirectLineError(502, 'BotError', 'The bot could not process the activity.');
    }
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badArgument(message: string): DirectLineError {
  return new DirectLineError(400, 'BadArgument', message);
}

function notFound(): DirectLineError {
  return new DirectLineError(404, 'NotFound', 'The conversation does not exist.');
}
