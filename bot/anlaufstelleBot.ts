import { ActivityHandler, ActivityTypes, TurnContext, type Activity, type ConversationState, type StatePropertyAccessor, type UserState } from 'botbuilder';
import type { ConversationLanguage } from './conversationLanguage';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { MainDialog } from '../dialogs/mainDialog';
import { shouldWelcome } from './channels/welcome';
import { isWebChatTurn } from './channels/userKey';
import { handoffStatusOf } from '../dialogs/handoffProtocol';
import { isQuietTurn, setTurnRecognition } from '../dialogs/turnState';
import type { HandoffService } from './handoff/handoffService';
import { messagesFor } from './i18n/messages';
import { noTextRecognition, type MessageRecognizer } from './nlu/recognizer';
import type { TranscriptLine } from './requests/serviceRequest';
import type { Clock } from './clock';

export interface BotOptions {
  maxMessageLength: number;
  /** How many recent lines of a conversation are kept for requests. */
  transcriptLength?: number;
  /** Channels whose `handoff.status` events come from an agent hub (AGENT_HUB_CHANNELS); never the web chat. */
  agentHubChannels: readonly string[];
}

export interface BotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  /** The conversation's language: kept unless a message is clearly written in the other one. */
  language: ConversationLanguage;
  dialog: MainDialog;
  dialogState: StatePropertyAccessor<DialogState>;
  recognizer: MessageRecognizer;
  handoff: HandoffService;
  transcript: StatePropertyAccessor<TranscriptLine[]>;
  logger: Logger;
  options: BotOptions;
  /** The app's clock (transcript lines). */
  now: Clock;
}

/**
 * The Anlaufstelle bot: detects the employee's language, recognizes each message once, keeps a short
 * transcript, and runs the dialog tree; state is saved at the end of every turn.
 */
export class AnlaufstelleBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.dialogState = deps.dialogState;
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.handleHandoffStatus(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // One welcome per event; in Teams only on installation, not for every member who joins a team.
      if (shouldWelcome(context.activity)) {
        const language = await this.deps.language.current(context);
        // A client that names no locale (a bare Direct Line client) leaves the language to its first message.
        if (context.activity.locale) await this.deps.language.adopt(context, language);
        this.deps.language.speak(context, language);
        await context.sendActivity(messagesFor(language).welcome());
      }
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // In Teams channels the bot is @mentioned; the mention is not part of the question.
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
    const known = await this.deps.language.current(context);
    const cardAction = !text && context.activity.value !== undefined;
    if ((!text && !cardAction) || text.length > this.deps.options.maxMessageLength) {
      this.deps.language.speak(context, known);
      const t = messagesFor(known);
      await context.sendActivity(text ? t.tooLong({ max: this.deps.options.maxMessageLength }) : t.notText());
      return;
    }
    // A card button (Action.Submit) carries a value and no text; the active dialog reads the value.
    // One of the bot's own button titles says nothing about the employee's language.
    const recognition = cardAction
      ? noTextRecognition(known)
      : this.deps.recognizer.recognize(text, known, { keepLanguage: await this.deps.language.isBotButton(context, text) });
    this.deps.logger.debug({ decision: recognition.decision, top: recognition.top, language: recognition.language }, 'recognized');
    await this.deps.language.adopt(context, recognition.language);
    this.deps.language.speak(context, recognition.language);
    setTurnRecognition(context, recognition);
    if (!cardAction) await this.record(context, text);
    let answered = false;
    context.onSendActivities(async (_context, activities, next) => {
      answered ||= activities.some(isVisibleMessage);
      return next();
    });
    await this.deps.dialog.run(context, this.dialogState);
    // Every message gets a visible answer, unless it was relayed to staff on purpose. A dialog that
    // left one unanswered has a gap: the employee still hears something, and the log shows where.
    if (!answered && !isQuietTurn(context)) {
      this.deps.logger.error({ conversation: context.activity.conversation?.id, decision: recognition.decision, top: recognition.top?.id }, 'a message got no visible reply');
      await context.sendActivity(messagesFor(recognition.language).noReply());
    }
  }

  /**
   * An external agent hub reports on a handoff (Bot Framework handoff protocol): accepted means a
   * person has it, completed ends it like a resolution, failed leaves it in our own queue.
   */
  private async handleHandoffStatus(context: TurnContext): Promise<void> {
    const status = handoffStatusOf(context.activity);
    if (!status) return;
    // Anyone else could claim or close their own request under any name (and falsify the metrics).
    if (isWebChatTurn(context) || !this.deps.options.agentHubChannels.includes(context.activity.channelId)) {
      this.deps.logger.warn({ channel: context.activity.channelId, conversation: context.activity.conversation.id }, 'handoff.status ignored: not from a channel in AGENT_HUB_CHANNELS');
      return;
    }
    const request = await this.deps.handoff.activeInConversation(context.activity.conversation.id);
    if (!request) return;
    const hub = { username: 'agent-hub', name: context.activity.from?.name || 'Agent Hub' };
    if (status.state === 'accepted') await this.deps.handoff.claim(request.id, hub);
    else if (status.state === 'completed') await this.deps.handoff.resolve(request.id, hub, status.message ?? '');
    else await context.sendActivity(messagesFor(request.language).handoffFailed({ number: request.number }));
  }

  /** Keeps the last lines of the conversation, the employee's and the bot's, in conversation state. */
  private async record(context: TurnContext, text: string): Promise<void> {
    const limit = this.deps.options.transcriptLength ?? 30;
    const lines = await this.deps.transcript.get(context, []);
    const append = (line: TranscriptLine) => {
      lines.push(line);
      if (lines.length > limit) lines.splice(0, lines.length - limit);
    };
    append({ from: 'user', text, at: this.now().toISOString() });
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const activity of activities) {
        // Teams answer cards carry their text as `summary` (bot/channels/teams/answerCard.ts).
        const said = activity.text ?? activity.summary;
        if (activity.type === ActivityTypes.Message && said) append({ from: 'bot', text: said, at: this.now().toISOString() });
      }
      return next();
    });
  }

  private now(): Date {
    return this.deps.now();
  }
}

/** A message the employee sees: text, or a card (Teams answer cards carry their text as `summary`). */
function isVisibleMessage(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && Boolean(activity.text || activity.summary || activity.attachments?.length);
}
