import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import type { Candidate } from '../bot/nlu/recognizer';
import { ANSWER_FEEDBACK_DIALOG, AnswerFeedbackDialog, type AnswerFeedbackOptions } from './answerFeedbackDialog';
import { helpText, sendFaqAnswer } from './answers';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions } from './clarifyDialog';
import { interactionBase, type DialogServices } from './dialogServices';
import { DISAMBIGUATION_DIALOG, DisambiguationDialog, type DisambiguationOptions } from './disambiguationDialog';
import { followUpFor, type FollowUp } from './followUp';
import { isInterruption } from './interruptions';
import { RELAY_DIALOG, RelayDialog } from './relayDialog';
import { SatisfactionSurveyDialog } from './satisfactionSurveyDialog';
import { FORWARD_REQUEST_DIALOG, ForwardRequestDialog, type ForwardRequestOptions } from './forwardRequestDialog';
import { IT_PROBLEM_DIALOG, ItProblemDialog } from './itProblemDialog';
import { sendRequestStatus } from './requestStatus';
import { VALUE_STREAM_DIALOG, ValueStreamDialog, type ValueStreamOptions } from './valueStreamDialog';
import { turnLanguage, turnRecognition } from './turnState';

export const MAIN_DIALOG = 'main';
const STEPS = 'main.steps';
/** Where DialogStateManager looks for its configuration in the turn state (botbuilder-dialogs 4.23). */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * The root of the dialog tree: routes each new message by its recognition (answer, did-you-mean,
 * ask back, out of scope, or an intent's own dialog) and lets "cancel" and "help" interrupt any step.
 */
export class MainDialog extends ComponentDialog {
  private memoryConfiguration?: DialogStateManagerConfiguration;

  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new DisambiguationDialog(services));
    this.addDialog(new ClarifyDialog(services));
    this.addDialog(new ForwardRequestDialog(services));
    this.addDialog(new ItProblemDialog(services));
    this.addDialog(new ValueStreamDialog(services));
    this.addDialog(new AnswerFeedbackDialog(services));
    this.addDialog(new SatisfactionSurveyDialog(services));
    // Also here, not only inside the forward dialog: a staff message on a ticket starts relaying.
    this.addDialog(new RelayDialog(services));
    this.addDialog(new WaterfallDialog(STEPS, [this.route.bind(this), this.next.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Runs the dialog tree for one turn, starting the main dialog when nothing is active. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dc = await this.rootContext(context, dialogState);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /**
   * Replaces whatever the conversation is doing with `followUp` (a proactive turn: staff wrote, or
   * staff resolved the request and the bot takes over with the survey).
   */
  async restartWith(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, followUp: FollowUp): Promise<void> {
    const dc = await this.rootContext(context, dialogState);
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.id, followUp);
  }

  private async rootContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<DialogContext> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    // botbuilder-dialogs builds its memory-scope configuration anew on every turn (a service
    // collection with zod checks: about 4 % of a turn's CPU) unless the turn state holds one under
    // this key. The scopes are stateless, so the first turn's configuration serves every later turn.
    if (this.memoryConfiguration && !context.turnState.has(MEMORY_CONFIGURATION_KEY)) {
      context.turnState.set(MEMORY_CONFIGURATION_KEY, this.memoryConfiguration);
    }
    const dc = await dialogSet.createContext(context);
    this.memoryConfiguration ??= dc.state.configuration;
    return dc;
  }

  protected async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    // After an answer, any message that is not feedback goes back to routing, "hilfe" included;
    // while staff handle the conversation, messages go to them and the relay handles "abbrechen".
    if (inner.activeDialog?.id === ANSWER_FEEDBACK_DIALOG || this.isRelaying(inner)) return undefined;
    const recognition = turnRecognition(inner.context);
    const t = messagesFor(recognition.language);
    if (isInterruption(recognition, 'cancel')) {
      await inner.cancelAllDialogs();
      await inner.context.sendActivity(t.cancelled());
      return { status: DialogTurnStatus.cancelled };
    }
    if (isInterruption(recognition, 'help')) {
      await inner.context.sendActivity(helpText(this.services.knowledge, recognition.language));
      await inner.context.sendActivity(t.helpInDialog());
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  /** Acts on the follow-up it was started with, or on the current message's recognition. */
  private async route(step: WaterfallStepContext) {
    const given = step.options as FollowUp | undefined;
    // A fresh start has no (or empty) options: act on the message itself.
    const fresh = !given?.action || given.action === 'reroute';
    if (fresh) await this.recordQuestion(step);
    const followUp = fresh ? followUpFor(turnRecognition(step.context)) : given;
    switch (followUp.action) {
      case 'handle':
        return this.handle(step, followUp.candidate);
      case 'disambiguate':
        return step.beginDialog(DISAMBIGUATION_DIALOG, {
          candidates: followUp.candidates,
          department: followUp.department,
          question: followUp.question
        } satisfies DisambiguationOptions);
      case 'clarify':
        return step.beginDialog(CLARIFY_DIALOG, {
          candidate: followUp.candidate,
          department: followUp.department,
          question: followUp.question
        } satisfies ClarifyOptions);
      case 'forward':
        return this.forward(step, followUp.reason, followUp.department, followUp.question);
      case 'begin':
        return step.beginDialog(followUp.dialogId, followUp.options);
      default:
        return step.endDialog();
    }
  }

  private async recordQuestion(step: WaterfallStepContext): Promise<void> {
    const recognition = turnRecognition(step.context);
    if (!recognition.text) return;
    await this.services.interactions.record({
      kind: 'question',
      ...interactionBase(step.context, this.services),
      language: recognition.language,
      text: recognition.text,
      decision: recognition.decision,
      topId: recognition.top?.id,
      topKind: recognition.top?.kind,
      score: recognition.top?.score,
      department: recognition.top?.department ?? recognition.department?.id
    });
  }

  /** A child dialog ended: start over with what it asks for next, if anything. */
  private async next(step: WaterfallStepContext) {
    const followUp = step.result as FollowUp | undefined;
    if (!followUp?.action || followUp.action === 'none') return step.endDialog();
    return step.replaceDialog(STEPS, followUp);
  }

  /** True when the relay (inside the forward dialog) is the innermost active dialog. */
  private isRelaying(inner: DialogContext): boolean {
    let dc: DialogContext | undefined = inner;
    while (dc?.child) dc = dc.child;
    return dc?.activeDialog?.id === RELAY_DIALOG;
  }

  /** Acts on one recognized candidate: answers a FAQ entry or starts what the intent asks for. */
  private async handle(step: WaterfallStepContext, candidate: Candidate): Promise<DialogTurnResult> {
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    const say = async (text: string) => {
      await step.context.sendActivity(text);
      return step.endDialog();
    };
    const stream = this.services.knowledge.valueStreamOf(candidate.id, language);
    if (stream) return step.beginDialog(VALUE_STREAM_DIALOG, { streamId: stream } satisfies ValueStreamOptions);
    if (this.services.knowledge.isAlwaysHuman(candidate.id, language)) {
      return this.forward(step, 'always_human', candidate.department ?? null);
    }
    if (candidate.kind === 'faq') {
      await sendFaqAnswer(step.context, this.services.knowledge, candidate.id, language);
      const question = turnRecognition(step.context).text;
      return step.beginDialog(ANSWER_FEEDBACK_DIALOG, { faqId: candidate.id, department: candidate.department ?? null, question } satisfies AnswerFeedbackOptions);
    }
    switch (candidate.id) {
      case 'greeting':
        return say(t.greeting());
      case 'help':
        return say(helpText(this.services.knowledge, language));
      case 'thanks':
        return say(t.thanks());
      case 'goodbye':
        return say(t.goodbye());
      case 'cancel':
        return say(t.nothingToCancel());
      case 'request_status':
        await sendRequestStatus(step.context, this.services, language);
        return step.endDialog();
      case 'it_problem_report':
        return step.beginDialog(IT_PROBLEM_DIALOG);
      case 'human':
        // "I want a person" names no topic; the department comes from the message itself, if at all.
        return this.forward(step, 'human', turnRecognition(step.context).department?.id ?? null);
      default:
        return this.forward(step, 'out_of_scope', candidate.department ?? null);
    }
  }

  private async forward(step: WaterfallStepContext, reason: ForwardRequestOptions['reason'], department: string | null, question?: string) {
    const subject = question ?? turnRecognition(step.context).text;
    if (reason === 'out_of_scope') {
      const language = turnLanguage(step.context);
      await this.services.interactions.record({ kind: 'unanswered', ...interactionBase(step.context, this.services), language, text: subject, department: department ?? undefined });
    }
    return step.beginDialog(FORWARD_REQUEST_DIALOG, { reason, department, question: subject } satisfies ForwardRequestOptions);
  }
}
