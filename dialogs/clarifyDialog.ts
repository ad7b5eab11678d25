import { ChoicePrompt, ComponentDialog, TextPrompt, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import type { Candidate } from '../bot/nlu/recognizer';
import { candidateTitle } from './answers';
import { YES, yesNoPrompt } from './choices';
import type { DialogServices } from './dialogServices';
import { followUpAfterAsking, type FollowUp } from './followUp';
import { turnLanguage, turnRecognition } from './turnState';

export const CLARIFY_DIALOG = 'clarify';
const CONFIRM = 'clarify.confirm';
const REPHRASE = 'clarify.rephrase';

export interface ClarifyOptions {
  /** The best guess, asked about first; null to ask for a rephrasing straight away. */
  candidate: Candidate | null;
  department: string | null;
  /** The employee's original question: the subject if it ends in a request. */
  question: string;
}

/** Asks back when confidence is low: "Do you mean …?", and if not, for a clearer description. */
export class ClarifyDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(CLARIFY_DIALOG);
    this.addDialog(new ChoicePrompt(CONFIRM));
    this.addDialog(new TextPrompt(REPHRASE));
    this.addDialog(new WaterfallDialog('clarify.steps', [this.askGuess.bind(this), this.askRephrase.bind(this), this.understood.bind(this)]));
    this.initialDialogId = 'clarify.steps';
  }

  private async askGuess(step: WaterfallStepContext) {
    const { candidate } = step.options as ClarifyOptions;
    if (!candidate) return step.next();
    const language = turnLanguage(step.context);
    const question = candidateTitle(candidate, this.services.knowledge, language);
    return step.prompt(CONFIRM, yesNoPrompt(language, messagesFor(language).clarifyGuess({ question })));
  }

  private async askRephrase(step: WaterfallStepContext) {
    const { candidate } = step.options as ClarifyOptions;
    if (candidate && (step.result as FoundChoice | undefined)?.value === YES) {
      return step.endDialog({ action: 'handle', candidate } satisfies FollowUp);
    }
    const t = messagesFor(turnLanguage(step.context));
    return step.prompt(REPHRASE, { prompt: t.clarifyRephrase() });
  }

  private async understood(step: WaterfallStepContext) {
    const { department, question } = step.options as ClarifyOptions;
    return step.endDialog(followUpAfterAsking(turnRecognition(step.context), department, question));
  }
}
