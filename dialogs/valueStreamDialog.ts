import {
  ChoicePrompt,
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext
} from 'botbuilder-dialogs';
import type { Language, ValueStream } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import { sameCase } from '../bot/requests/duplicates';
import { caseStatusText } from './caseStatus';
import { choicePrompt, YES, yesNoPrompt } from './choices';
import { parseDate } from './dateInput';
import { casesOfRequester, requesterOf, type DialogServices } from './dialogServices';
import type { FollowUp } from './followUp';
import { turnLanguage } from './turnState';

export const VALUE_STREAM_DIALOG = 'valueStream';
const FIELDS = 'valueStream.fields';
const TEXT = 'valueStream.text';
const DATE = 'valueStream.date';
const CHOICE = 'valueStream.choice';
const CONFIRM = 'valueStream.confirm';
const DUPLICATE = 'valueStream.duplicate';

export interface ValueStreamOptions {
  streamId: string;
}

interface FieldLoop {
  streamId: string;
  index: number;
  values: Record<string, string>;
}

/**
 * Starts a multi-department request (onboarding, offboarding, desk move): collects the stream's
 * fields step by step, confirms them, checks for the same open request of the employee, and opens
 * one case with a task for each department.
 */
export class ValueStreamDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(VALUE_STREAM_DIALOG);
    this.addDialog(new TextPrompt(TEXT, async (p: PromptValidatorContext<string>) => (p.recognized.value ?? '').trim().length >= 2));
    this.addDialog(new TextPrompt(DATE, async (p: PromptValidatorContext<string>) => parseDate(p.recognized.value ?? '', this.services.now()) !== null));
    this.addDialog(new ChoicePrompt(CHOICE));
    this.addDialog(new ChoicePrompt(CONFIRM));
    this.addDialog(new ChoicePrompt(DUPLICATE));
    this.addDialog(new WaterfallDialog(FIELDS, [this.askField.bind(this), this.storeField.bind(this)]));
    this.addDialog(
      new WaterfallDialog('valueStream.steps', [this.intro.bind(this), this.confirm.bind(this), this.checkDuplicate.bind(this), this.open.bind(this)])
    );
    this.initialDialogId = 'valueStream.steps';
  }

  private stream(step: WaterfallStepContext): ValueStream {
    const { streamId } = step.options as ValueStreamOptions | FieldLoop;
    const stream = this.services.cases.stream(streamId);
    if (!stream) throw new Error(`Unknown value stream "${streamId}"`);
    return stream;
  }

  private async intro(step: WaterfallStepContext) {
    const stream = this.stream(step);
    const language = turnLanguage(step.context);
    const steps = [...new Set(stream.tasks.map((task) => this.services.knowledge.departmentName(task.department, language)))].join(', ');
    await step.context.sendActivity(messagesFor(language).caseStart({ name: stream.name[language], steps }));
    return step.beginDialog(FIELDS, { streamId: stream.id, index: 0, values: {} } satisfies FieldLoop);
  }

  private async askField(step: WaterfallStepContext) {
    const loop = step.options as FieldLoop;
    const field = this.stream(step).fields[loop.index];
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    if (field.type === 'choice') {
      const options = field.options![language].map((title, i) => ({ value: field.options!.de[i], title }));
      return step.prompt(CHOICE, choicePrompt(field.prompt[language], t.caseFieldRetry({ label: field.label[language] }), options));
    }
    const retry = field.type === 'date' ? t.caseDateRetry() : t.caseFieldRetry({ label: field.label[language] });
    return step.prompt(field.type === 'date' ? DATE : TEXT, { prompt: field.prompt[language], retryPrompt: retry });
  }

  private async storeField(step: WaterfallStepContext) {
    const loop = step.options as FieldLoop;
    const stream = this.stream(step);
    const field = stream.fields[loop.index];
    const raw = field.type === 'choice' ? (step.result as FoundChoice).value : (step.result as string).trim();
    const values = { ...loop.values, [field.key]: field.type === 'date' ? parseDate(raw, this.services.now())! : raw };
    if (loop.index + 1 < stream.fields.length) return step.replaceDialog(FIELDS, { ...loop, index: loop.index + 1, values } satisfies FieldLoop);
    return step.endDialog(values);
  }

  private async confirm(step: WaterfallStepContext) {
    const stream = this.stream(step);
    const details = step.result as Record<string, string>;
    values(step).details = details;
    const language = turnLanguage(step.context);
    const lines = stream.fields.map((f) => `• ${f.label[language]}: ${displayValue(stream, f.key, details[f.key], language)}`).join('\n');
    return step.prompt(CONFIRM, yesNoPrompt(language, messagesFor(language).caseConfirm({ name: stream.name[language], lines })));
  }

  private async checkDuplicate(step: WaterfallStepContext) {
    const language = turnLanguage(step.context);
    if ((step.result as FoundChoice).value !== YES) {
      await step.context.sendActivity(messagesFor(language).caseDiscarded());
      return step.endDialog({ action: 'none' } satisfies FollowUp);
    }
    const stream = this.stream(step);
    const mine = await casesOfRequester(step.context, this.services);
    const same = mine.find((p) => !p.finished && sameCase({ streamId: p.case.streamId, details: p.case.details }, { streamId: stream.id, details: values(step).details }));
    if (!same) return step.next();
    values(step).duplicateId = same.case.id;
    const subject = `${stream.name[language]} (${same.case.details.name})`;
    return step.prompt(DUPLICATE, yesNoPrompt(language, messagesFor(language).duplicateQuestion({ number: same.case.number, subject })));
  }

  private async open(step: WaterfallStepContext) {
    const language = turnLanguage(step.context);
    const t = messagesFor(language);
    const { duplicateId } = values(step);
    if (duplicateId && (step.result as FoundChoice).value === YES) {
      const progress = (await this.services.cases.progress(duplicateId))!;
      await step.context.sendActivity(`${t.duplicateCase({ number: progress.case.number })}\n${caseStatusText(progress, this.services, language)}`);
      return step.endDialog({ action: 'none' } satisfies FollowUp);
    }
    const stream = this.stream(step);
    const progress = await this.services.cases.open(stream.id, values(step).details, requesterOf(step.context), language);
    await step.context.sendActivity(t.caseOpened({ number: progress.case.number, steps: caseStatusText(progress, this.services, language).split('\n').slice(1).join('\n') }));
    return step.endDialog({ action: 'none' } satisfies FollowUp);
  }
}

/** What the main steps keep between turns. */
function values(step: WaterfallStepContext): { details: Record<string, string>; duplicateId?: string } {
  return step.values as { details: Record<string, string>; duplicateId?: string };
}

function displayValue(stream: ValueStream, key: string, value: string, language: Language): string {
  const field = stream.fields.find((f) => f.key === key)!;
  if (field.type === 'choice') return field.options![language][field.options!.de.indexOf(value)] ?? value;
  if (field.type === 'date') return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
  return value;
}
