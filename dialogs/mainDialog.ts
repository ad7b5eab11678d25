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
import { helpText, sendFaqAnswer } from './answers';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions } from './clarifyDialog';
import type { DialogServices } from './dialogServices';
import { DISAMBIGUATION_DIALOG, DisambiguationDialog, type DisambiguationOptions } from './disambiguationDialog';
import type { FollowUp } from './followUp';
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
    this.addDialog(new WaterfallDialog(STEPS, [this.route.bind(this), this.followUp.bind(this), this.finish.bind(this)]));
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

  private async route(step: WaterfallStepContext) {
    const recognition = turnRecognition(step.context);
    const department = recognition.department?.id ?? null;
    switch (recognition.decision) {
      case 'answer':
        return this.handle(step, recognition.top!);
      case 'disambiguate':
        return step.beginDialog(DISAMBIGUATION_DIALOG, { candidates: recognition.candidates, department } satisfies DisambiguationOptions);
      case 'clarify':
        return step.beginDialog(CLARIFY_DIALOG, { candidate: recognition.top, department } satisfies ClarifyOptions);
      case 'out_of_scope':
        return this.forward(step, 'out_of_scope', department);
    }
  }

  private async followUp(step: WaterfallStepContext) {
    const followUp = step.result as FollowUp | undefined;
    switch (followUp?.action) {
      case 'handle':
        return this.handle(step, followUp.candidate);
      case 'disambiguate':
        return step.beginDialog(DISAMBIGUATION_DIALOG, { candidates: followUp.candidates, department: followUp.department } satisfies DisambiguationOptions);
      case 'forward':
        return this.forward(step, 'out_of_scope', followUp.department);
      default:
        return step.endDialog();
    }
  }

  private async finish(step: WaterfallStepContext) {
    const followUp = step.result as FollowUp | undefined;
    // A second did-you-mean (after asking back) may still pick a candidate or end in a forward offer.
    if (followUp?.action === 'handle') return this.handle(step, followUp.candidate);
    if (followUp?.action === 'forward') return this.forward(step, 'out_of_scope', followUp.department);
    return step.endDialog();
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
      return step.endDialog();
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
        return this.forward(step, 'human', this.departmentFromContext(step));
      default:
        return this.forward(step, 'out_of_scope', candidate.department ?? null);
    }
  }

  private forward(step: WaterfallStepContext, reason: ForwardRequestOptions['reason'], department: string | null) {
    const question = turnRecognition(step.context).text;
    return step.beginDialog(FORWARD_REQUEST_DIALOG, { reason, department, question } satisfies ForwardRequestOptions);
  }

  /** "I want a person" names no topic; the department comes from the message itself, if at all. */
  private departmentFromContext(step: WaterfallStepContext): string | null {
    return turnRecognition(step.context).department?.id ?? null;
  }
}
