import { ChoicePrompt, ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import { choicePrompt, YES, yesNoPrompt } from './choices';
import type { DialogServices } from './dialogServices';
import type { FollowUp } from './followUp';
import { turnLanguage } from './turnState';

export const SATISFACTION_SURVEY_DIALOG = 'satisfactionSurvey';
const SOLVED = 'satisfactionSurvey.solved';
const RATING = 'satisfactionSurvey.rating';

export interface SatisfactionSurveyOptions {
  requestId: string;
}

/** After staff resolve or hand back: was the problem solved (first-contact resolution), and a 1–5 rating. */
export class SatisfactionSurveyDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(SATISFACTION_SURVEY_DIALOG);
    this.addDialog(new ChoicePrompt(SOLVED));
    this.addDialog(new ChoicePrompt(RATING));
    this.addDialog(new WaterfallDialog('satisfactionSurvey.steps', [this.askSolved.bind(this), this.askRating.bind(this), this.save.bind(this)]));
    this.initialDialogId = 'satisfactionSurvey.steps';
  }

  private async askSolved(step: WaterfallStepContext) {
    const language = turnLanguage(step.context);
    return step.prompt(SOLVED, yesNoPrompt(language, messagesFor(language).surveySolved()));
  }

  private async askRating(step: WaterfallStepContext) {
    const { requestId } = step.options as SatisfactionSurveyOptions;
    await this.services.handoff.rate(requestId, { solved: (step.result as FoundChoice).value === YES });
    const t = messagesFor(turnLanguage(step.context));
    const options = ['1', '2', '3', '4', '5'].map((value) => ({ value, title: value }));
    return step.prompt(RATING, choicePrompt(t.surveyRating(), t.surveyRating(), options));
  }

  private async save(step: WaterfallStepContext) {
    const { requestId } = step.options as SatisfactionSurveyOptions;
    await this.services.handoff.rate(requestId, { rating: Number((step.result as FoundChoice).value) });
    await step.context.sendActivity(messagesFor(turnLanguage(step.context)).surveyThanks());
    return step.endDialog({ action: 'none' } satisfies FollowUp);
  }
}
