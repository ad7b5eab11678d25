import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import type { Candidate } from '../bot/nlu/recognizer';
import { ANSWER_FEEDBACK_DIALOG, AnswerFeedbackDialog, type AnswerFeedbackOptions } from './answerFeedbackDialog';
import { helpText, sendFaqAnswer } from './answers';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions } from './clarifyDialog';
import type { DialogServices } from './dialogServices';
import { DISAMBIGUATION_DIALOG, DisambiguationDialog, type DisambiguationOptions } from './disambiguationDialog';
import { followUpFor, type FollowUp, type ForwardReason } from './followUp';
import { FORWARD_REQUEST_DIALOG, ForwardRequestDialog, type ForwardRequestOptions } from './forwardRequestDialog';
import { IT_PROBLEM_DIALOG, ItProblemDialog } from './itProblemDialog';
import { sendRequestStatus } from './requestStatus';
import { turnLanguage, turnRecognition } from './turnState';

export const MAIN_DIALOG = 'main';
const STEPS = 'main.steps';
/** Longer messages that merely mention "help" or "stop" are answers, not interruptions. */
const MAX_INTERRUPTION_WORDS = 4;

/**
 * The root of the dialog tree: routes each new message by its recognition (answer, did-you-mean,
 * ask back, out of scope, or an intent's own dialog) and lets "cancel" and "help" interrupt any step.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new DisambiguationDialog(services));
    this.addDialog(new ClarifyDialog(services));
    this.addDialog(new ForwardRequestDialog(services));
    this.addDialog(new ItProblemDialog(services));
    this.addDialog(new AnswerFeedbackDialog());
    this.addDialog(new WaterfallDialog(STEPS, [this.route.bind(this), this.next.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Runs the dialog tree for one turn, starting the main dialog when nothing is active. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  protected async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    // After an answer, any message that is not feedback goes back to routing, "hilfe" included.
    if (inner.activeDialog?.id === ANSWER_FEEDBACK_DIALOG) return undefined;
    const recognition = turnRecognition(inner.context);
    const { top } = recognition;
    const words = recognition.text.trim().split(/\s+/).length;
    if (!top || top.kind !== 'intent' || recognition.decision !== 'answer' || words > MAX_INTERRUPTION_WORDS) return undefined;
    const t = messagesFor(recognition.language);
    if (top.id === 'cancel') {
      await inner.cancelAllDialogs();
      await inner.context.sendActivity(t.cancelled());
      return { status: DialogTurnStatus.cancelled };
    }
    if (top.id === 'help') {
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
    const followUp = given?.action && given.action !== 'reroute' ? given : followUpFor(turnRecognition(step.context));
    switch (followUp.action) {
      case 'handle':
        return this.handle(step, followUp.candidate);
      case 'disambiguate':
        return step.beginDialog(DISAMBIGUATION_DIALOG, { candidates: followUp.candidates, department: followUp.department } satisfies DisambiguationOptions);
      case 'clarify':
        return step.beginDialog(CLARIFY_DIALOG, { candidate: followUp.candidate, department: followUp.department } satisfies ClarifyOptions);
      case 'forward':
        return this.forward(step, followUp.reason, followUp.department, followUp.question);
      default:
        return step.endDialog();
    }
  }

  /** A child dialog ended: start over with what it asks for next, if anything. */
  private async next(step: WaterfallStepContext) {
    const followUp = step.result as FollowUp | undefined;
    if (!followUp?.action || followUp.action === 'none') return step.endDialog();
    return step.replaceDialog(STEPS, followUp);
  }

  /** Acts on one recognized candidate: answers a FAQ entry or starts what the intent asks for. */
  private async handle(step: WaterfallStepContext, candidate: Candidate): Promise<DialogTurnResult> {
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    const say = async (text: string) => {
      await step.context.sendActivity(text);
      return step.endDialog();
    };
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

  private forward(step: WaterfallStepContext, reason: ForwardReason, department: string | null, question?: string) {
    const subject = question ?? turnRecognition(step.context).text;
    return step.beginDialog(FORWARD_REQUEST_DIALOG, { reason, department, question: subject } satisfies ForwardRequestOptions);
  }
}
