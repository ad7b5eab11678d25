import { ChoicePrompt, ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import { findDuplicateRequest } from '../bot/requests/duplicates';
import type { RequestSource } from '../bot/requests/serviceRequest';
import { choicePrompt, recognizeYesNo, YES, yesNoPrompt } from './choices';
import { requesterOf, requestsOfRequester, type DialogServices } from './dialogServices';
import type { ForwardReason } from './followUp';
import { handoffInitiation } from './handoffProtocol';
import { RELAY_DIALOG, RelayDialog, type RelayOptions } from './relayDialog';
import { turnLanguage } from './turnState';

export const FORWARD_REQUEST_DIALOG = 'forwardRequest';
const OFFER = 'forwardRequest.offer';
const DEPARTMENT = 'forwardRequest.department';
const DUPLICATE = 'forwardRequest.duplicate';

const TO = 'to';
const OTHER = 'other';
const NO = 'no';

export interface ForwardRequestOptions {
  /** Why: no answer, the employee asked for a person, an answer did not help, or an always-human topic. */
  reason: ForwardReason | 'always_human';
  /** The recognizer's guess of the owning department, if any. */
  department: string | null;
  /** The employee's question, the subject of the request. */
  question: string;
}

/**
 * Offers to forward what the bot cannot answer to the owning department (the employee may pick
 * another from the list), opens the request with the transcript, tells the employee the number,
 * the queue position and the estimated wait (or when the department opens again), and then relays
 * the conversation to staff.
 */
export class ForwardRequestDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(FORWARD_REQUEST_DIALOG);
    this.addDialog(new ChoicePrompt(OFFER, async (prompt) => prompt.recognized.succeeded || recognizeYesNo(prompt.context.activity.text ?? '') !== null));
    this.addDialog(new ChoicePrompt(DEPARTMENT));
    this.addDialog(new ChoicePrompt(DUPLICATE));
    this.addDialog(new RelayDialog(services));
    this.addDialog(
      new WaterfallDialog('forwardRequest.steps', [
        this.offer.bind(this),
        this.afterOffer.bind(this),
        this.checkDuplicate.bind(this),
        this.open.bind(this),
        this.done.bind(this)
      ])
    );
    this.initialDialogId = 'forwardRequest.steps';
  }

  private async offer(step: WaterfallStepContext) {
    const { reason, department } = step.options as ForwardRequestOptions;
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    if (reason === 'human') await step.context.sendActivity(t.humanRequested());
    if (!department) {
      if (reason === 'human') return step.next({ value: OTHER });
      const question = reason === 'not_helpful' ? t.notHelpfulUnknown() : t.outOfScopeUnknown();
      return step.prompt(OFFER, yesNoPrompt(language, question));
    }
    const name = this.services.knowledge.departmentName(department, language);
    const question = {
      human: () => t.humanConfirmDepartment({ department: name }),
      always_human: () => t.alwaysHumanOffer({ department: name }),
      not_helpful: () => t.notHelpfulDepartment({ department: name }),
      out_of_scope: () => t.outOfScopeDepartment({ department: name })
    }[reason]();
    const options = [
      { value: TO, title: t.forwardTo({ department: name }) },
      { value: OTHER, title: t.forwardOther() },
      { value: NO, title: t.forwardNo() }
    ];
    return step.prompt(OFFER, choicePrompt(question, question, options));
  }

  private async afterOffer(step: WaterfallStepContext) {
    const { department } = step.options as ForwardRequestOptions;
    const language = turnLanguage(step.context);
    const picked = (step.result as FoundChoice | undefined)?.value ?? answerOf(step.context.activity.text);
    if ((picked === TO || picked === YES) && department) return step.next(department);
    if (picked === OTHER || picked === YES) return step.prompt(DEPARTMENT, this.departmentChoice(language));
    await step.context.sendActivity(messagesFor(language).notForwarded());
    return step.endDialog();
  }

  /** The same matter already waiting in that department? Ask before opening a second request. */
  private async checkDuplicate(step: WaterfallStepContext) {
    const { question } = step.options as ForwardRequestOptions;
    const department = typeof step.result === 'string' ? step.result : (step.result as FoundChoice).value;
    const language = turnLanguage(step.context);
    const state = step.values as { department: string; duplicate?: { id: string; number: string } };
    state.department = department;
    const mine = await requestsOfRequester(step.context, this.services);
    const duplicate = findDuplicateRequest(mine, { department, subject: question, language });
    if (!duplicate) return step.next();
    state.duplicate = { id: duplicate.id, number: duplicate.number };
    return step.prompt(DUPLICATE, yesNoPrompt(language, messagesFor(language).duplicateQuestion({ number: duplicate.number, subject: duplicate.subject })));
  }

  private async open(step: WaterfallStepContext) {
    const { reason, question } = step.options as ForwardRequestOptions;
    const { department, duplicate } = step.values as { department: string; duplicate?: { id: string; number: string } };
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    if (duplicate && (step.result as FoundChoice).value === YES) {
      await this.services.handoff.employeeMessage(duplicate.id, question);
      await step.context.sendActivity(t.duplicateAdded({ number: duplicate.number }));
      return step.beginDialog(RELAY_DIALOG, { requestId: duplicate.id, number: duplicate.number } satisfies RelayOptions);
    }
    const { request, queue, opensAt } = await this.services.handoff.open({
      department,
      source: reason as RequestSource,
      language,
      requester: requesterOf(step.context),
      subject: question,
      details: {},
      transcript: await this.services.transcript.get(step.context, [])
    });
    const name = this.services.knowledge.departmentName(department, language);
    const where = opensAt
      ? t.queueClosed({ department: name, opensAt: t.dateTime({ date: opensAt, timeZone: this.services.handoff.businessHours(department)!.timeZone }) })
      : t.queueOpen({ position: queue.position, minutes: queue.estimatedWaitMinutes });
    await step.context.sendActivity(`${t.forwarded({ department: name, number: request.number })} ${where}`);
    if (this.services.handoffEvents) await step.context.sendActivity(handoffInitiation(step.context, request));
    return step.beginDialog(RELAY_DIALOG, { requestId: request.id, number: request.number } satisfies RelayOptions);
  }

  private async done(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }

  private departmentChoice(language: Language) {
    const t = messagesFor(language);
    const options = this.services.knowledge.departments.map((d) => ({ value: d.id, title: d.name[language] }));
    return choicePrompt(t.chooseDepartment(), t.chooseDepartment(), options);
  }
}

/** A typed "ja"/"nein" to the three-way offer: yes means the suggested department. */
function answerOf(text: string | undefined): string {
  const answer = recognizeYesNo(text ?? '');
  return answer === YES ? YES : NO;
}
