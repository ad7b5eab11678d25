import { ChoicePrompt, ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import type { Candidate } from '../bot/nlu/recognizer';
import { candidateTitle } from './answers';
import { choicePrompt } from './choices';
import type { DialogServices } from './dialogServices';
import type { FollowUp } from './followUp';
import { turnLanguage } from './turnState';

export const DISAMBIGUATION_DIALOG = 'disambiguation';
const CHOICE = 'disambiguation.choice';
const NONE = 'none';

export interface DisambiguationOptions {
  candidates: Candidate[];
  department: string | null;
  /** The employee's original question: the subject if it ends in a request. */
  question: string;
}

/** "Did you mean…?": offers the two or three closest candidates and "none of these". */
export class DisambiguationDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(DISAMBIGUATION_DIALOG);
    this.addDialog(new ChoicePrompt(CHOICE));
    this.addDialog(new WaterfallDialog('disambiguation.steps', [this.ask.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = 'disambiguation.steps';
  }

  private async ask(step: WaterfallStepContext) {
    const { candidates } = step.options as DisambiguationOptions;
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    const options = candidates.map((c) => ({ value: c.id, title: candidateTitle(c, this.services.knowledge, language) }));
    options.push({ value: NONE, title: t.noneOfThese() });
    return step.prompt(CHOICE, choicePrompt(t.disambiguate(), t.disambiguate(), options));
  }

  private async chosen(step: WaterfallStepContext) {
    const { candidates, department, question } = step.options as DisambiguationOptions;
    const chosen = candidates.find((c) => c.id === (step.result as FoundChoice).value);
    const followUp: FollowUp = chosen ? { action: 'handle', candidate: chosen } : { action: 'forward', reason: 'out_of_scope', department, question };
    return step.endDialog(followUp);
  }
}
