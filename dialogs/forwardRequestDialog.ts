import { ChoicePrompt, ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import { choicePrompt, YES, yesNoPrompt } from './choices';
import { requesterOf, type DialogServices } from './dialogServices';
import type { ForwardReason } from './followUp';
import { turnLanguage } from './turnState';

export const FORWARD_REQUEST_DIALOG = 'forwardRequest';
const CONFIRM = 'forwardRequest.confirm';
const DEPARTMENT = 'forwardRequest.department';

export interface ForwardRequestOptions {
  /** Why: the bot had no answer, the employee asked for a person, or an answer did not help. */
  reason: ForwardReason;
  /** The recognizer's guess of the owning department, if any. */
  department: string | null;
  /** The employee's question, the subject of the request. */
  question: string;
}

const CHOOSE = Symbol('choose');

/**
 * Offers to forward what the bot could not answer, lets the employee pick or correct the department,
 * records the request in that department's queue and tells the employee its number.
 */
export class ForwardRequestDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(FORWARD_REQUEST_DIALOG);
    this.addDialog(new ChoicePrompt(CONFIRM));
    this.addDialog(new ChoicePrompt(DEPARTMENT));
    this.addDialog(
      new WaterfallDialog('forwardRequest.steps', [this.offer.bind(this), this.afterOffer.bind(this), this.forward.bind(this)])
    );
    this.initialDialogId = 'forwardRequest.steps';
  }

  private async offer(step: WaterfallStepContext) {
    const { reason, department } = step.options as ForwardRequestOptions;
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    const name = department ? this.services.knowledge.departmentName(department, language) : null;
    if (reason === 'human') {
      await step.context.sendActivity(t.humanRequested());
      if (!name) return step.next(CHOOSE);
      return step.prompt(CONFIRM, yesNoPrompt(language, t.humanConfirmDepartment({ department: name })));
    }
    if (reason === 'not_helpful') {
      const offer = name ? t.notHelpfulDepartment({ department: name }) : t.notHelpfulUnknown();
      return step.prompt(CONFIRM, yesNoPrompt(language, offer));
    }
    const question = name ? t.outOfScopeDepartment({ department: name }) : t.outOfScopeUnknown();
    return step.prompt(CONFIRM, yesNoPrompt(language, question));
  }

  private async afterOffer(step: WaterfallStepContext) {
    const { reason, department } = step.options as ForwardRequestOptions;
    const language = turnLanguage(step.context);
    const accepted = step.result !== CHOOSE && (step.result as FoundChoice).value === YES;
    if (accepted && department) return step.next(department);
    // Declining the guessed department of a person request means "another department", not "nobody".
    if (!accepted && step.result !== CHOOSE && !(reason === 'human' && department)) {
      await step.context.sendActivity(messagesFor(language).notForwarded());
      return step.endDialog();
    }
    return step.prompt(DEPARTMENT, this.departmentChoice(language));
  }

  private async forward(step: WaterfallStepContext) {
    const { reason, question } = step.options as ForwardRequestOptions;
    const department = typeof step.result === 'string' ? step.result : (step.result as FoundChoice).value;
    const language = turnLanguage(step.context);
    const request = await this.services.requests.create({
      department,
      source: reason,
      language,
      requester: requesterOf(step.context),
      subject: question,
      details: {},
      transcript: await this.services.transcript.get(step.context, [])
    });
    const name = this.services.knowledge.departmentName(department, language);
    await step.context.sendActivity(messagesFor(language).forwarded({ department: name, number: request.number }));
    return step.endDialog(request);
  }

  private departmentChoice(language: Language) {
    const t = messagesFor(language);
    const options = this.services.knowledge.departments.map((d) => ({ value: d.id, title: d.name[language] }));
    return choicePrompt(t.chooseDepartment(), t.chooseDepartment(), options);
  }
}
