import {
  ChoicePrompt,
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import { choicePrompt, YES, yesNoPrompt } from './choices';
import { requesterOf, type DialogServices } from './dialogServices';
import { turnLanguage } from './turnState';

export const IT_PROBLEM_DIALOG = 'itProblem';
const DEVICE = 'itProblem.device';
const DESCRIPTION = 'itProblem.description';
const SINCE = 'itProblem.since';
const URGENCY = 'itProblem.urgency';
const CONFIRM = 'itProblem.confirm';

/** A description shorter than this cannot tell IT what is wrong. */
export const MIN_DESCRIPTION_LENGTH = 10;

interface ItProblemValues {
  device: string;
  description: string;
  since: string;
  urgency: string;
}

/**
 * Reports an IT problem step by step: affected device, what happens, since when, urgency; shows a
 * summary to confirm and then files the ticket in the IT queue.
 */
export class ItProblemDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(IT_PROBLEM_DIALOG);
    this.addDialog(new ChoicePrompt(DEVICE));
    this.addDialog(new TextPrompt(DESCRIPTION, minLength(MIN_DESCRIPTION_LENGTH)));
    this.addDialog(new TextPrompt(SINCE, minLength(2)));
    this.addDialog(new ChoicePrompt(URGENCY));
    this.addDialog(new ChoicePrompt(CONFIRM));
    this.addDialog(
      new WaterfallDialog('itProblem.steps', [
        this.askDevice.bind(this),
        this.askDescription.bind(this),
        this.askSince.bind(this),
        this.askUrgency.bind(this),
        this.confirm.bind(this),
        this.save.bind(this)
      ])
    );
    this.initialDialogId = 'itProblem.steps';
  }

  private async askDevice(step: WaterfallStepContext) {
    const t = messagesFor(turnLanguage(step.context));
    const options = t.itDevices().map((title) => ({ value: title, title }));
    return step.prompt(DEVICE, choicePrompt(t.itDevice(), t.itDeviceRetry(), options));
  }

  private async askDescription(step: WaterfallStepContext) {
    values(step).device = (step.result as FoundChoice).value;
    const t = messagesFor(turnLanguage(step.context));
    return step.prompt(DESCRIPTION, { prompt: t.itDescription(), retryPrompt: t.itDescriptionRetry({ min: MIN_DESCRIPTION_LENGTH }) });
  }

  private async askSince(step: WaterfallStepContext) {
    values(step).description = (step.result as string).trim();
    const t = messagesFor(turnLanguage(step.context));
    return step.prompt(SINCE, { prompt: t.itSince(), retryPrompt: t.itSinceRetry() });
  }

  private async askUrgency(step: WaterfallStepContext) {
    values(step).since = (step.result as string).trim();
    const t = messagesFor(turnLanguage(step.context));
    const options = t.itUrgencies().map((title) => ({ value: title, title }));
    return step.prompt(URGENCY, choicePrompt(t.itUrgency(), t.itUrgencyRetry(), options));
  }

  private async confirm(step: WaterfallStepContext) {
    values(step).urgency = (step.result as FoundChoice).value;
    const language = turnLanguage(step.context);
    return step.prompt(CONFIRM, yesNoPrompt(language, messagesFor(language).itConfirm(values(step))));
  }

  private async save(step: WaterfallStepContext) {
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    if ((step.result as FoundChoice).value !== YES) {
      await step.context.sendActivity(t.itDiscarded());
      return step.endDialog();
    }
    const report = values(step);
    const { request } = await this.services.handoff.open({
      department: 'it',
      source: 'it_problem_report',
      language,
      requester: requesterOf(step.context),
      subject: `${report.device}: ${report.description}`.slice(0, 140),
      details: { ...report },
      transcript: await this.services.transcript.get(step.context, [])
    });
    await step.context.sendActivity(t.itSaved({ number: request.number }));
    return step.endDialog(request);
  }
}

function values(step: WaterfallStepContext): ItProblemValues {
  return step.values as ItProblemValues;
}

function minLength(min: number) {
  return async (prompt: PromptValidatorContext<string>) => (prompt.recognized.value ?? '').trim().length >= min;
}
