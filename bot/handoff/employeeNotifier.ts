import { CardFactory, type CloudAdapter, type ConversationReference, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { MainDialog } from '../../dialogs/mainDialog';
import { RELAY_DIALOG } from '../../dialogs/relayDialog';
import { SATISFACTION_SURVEY_DIALOG } from '../../dialogs/satisfactionSurveyDialog';
import { setTurnRecognition } from '../../dialogs/turnState';
import type { KnowledgeBase } from '../content/knowledgeBase';
import type { ConversationLanguage } from '../conversationLanguage';
import type { EventBus } from '../events/eventBus';
import { messagesFor } from '../i18n/messages';
import { noTextRecognition } from '../nlu/recognizer';
import type { ServiceRequest } from '../requests/serviceRequest';
import type { CaseService } from '../valueStreams/caseService';
import type { RequestChange } from './requestChange';

export interface EmployeeNotifierDependencies {
  adapter: CloudAdapter;
  /** The bot's app id ('' without credentials): proactive messages are sent in its name. */
  botAppId: string;
  conversationState: ConversationState;
  dialogState: StatePropertyAccessor<DialogState>;
  dialog: MainDialog;
  /** Stamps the request's language on the messages (the web chat page follows it) and remembers their buttons. */
  language: ConversationLanguage;
  knowledge: KnowledgeBase;
  cases: CaseService;
  bus: EventBus<RequestChange>;
  logger: Logger;
  /** Link to the staff console in Teams channel notifications. */
  consoleUrl: string;
}

/**
 * Reaches the employee when staff act on a request: staff messages, claims, transfers, and the end
 * of the handoff (after which the bot asks its two feedback questions). Messages are proactive
 * (`continueConversationAsync` with the stored ConversationReference), so they also arrive after a
 * restart of the bot. New requests are posted to the department's Teams channel when one is set.
 *
 * With several instances on a shared bus, exactly one instance must consume each change.
 */
export class EmployeeNotifier {
  private pending = Promise.resolve();

  constructor(private readonly deps: EmployeeNotifierDependencies) {}

  /** Starts listening to request changes; returns the function that stops it. */
  start(): () => void {
    return this.deps.bus.subscribe((change) => {
      // One at a time, in order: a claim notice must not overtake the staff message after it.
      this.pending = this.pending.then(() => this.handle(change)).catch((error) => this.deps.logger.error({ err: error, request: change.request.number }, 'notifying failed'));
    });
  }

  /** Resolves once every change published so far has been handled (for orderly shutdown and tests). */
  idle(): Promise<void> {
    return this.pending;
  }

  private async handle(change: RequestChange): Promise<void> {
    const { request, cause, message } = change;
    if (change.type === 'removed' || !cause) return;
    const t = messagesFor(request.language);
    const department = this.deps.knowledge.departmentName(request.department, request.language);
    switch (cause.type) {
      case 'created':
        return this.postToTeamsChannel(request);
      case 'claimed':
        return this.toEmployee(request, t.staffClaimed({ name: cause.by ?? '', department, number: request.number }));
      case 'message':
        if (message?.from !== 'staff') return;
        // The employee's next messages go to staff, even for a ticket that was not a live handoff.
        return this.toEmployee(request, t.staffMessage({ name: message.by ?? '', department, text: message.text }), {
          action: 'begin',
          dialogId: RELAY_DIALOG,
          options: { requestId: request.id, number: request.number }
        });
      case 'transferred':
        return this.toEmployee(request, t.requestTransferred({ number: request.number, department }));
      case 'resolved':
        if (request.caseId) return this.caseProgress(request);
      // falls through: a plain request ends with the survey
      case 'handed_back': {
        const text = cause.type === 'resolved' ? t.requestResolved({ number: request.number, department, note: cause.note }) : t.requestHandedBack({ number: request.number });
        return this.toEmployee(request, text, { action: 'begin', dialogId: SATISFACTION_SURVEY_DIALOG, options: { requestId: request.id } });
      }
    }
  }

  /** A task of a multi-department request is done: the employee hears the progress, not a survey. */
  private async caseProgress(request: ServiceRequest): Promise<void> {
    const progress = await this.deps.cases.progress(request.caseId!);
    if (!progress) return;
    const t = messagesFor(progress.case.language);
    const task = progress.stream.tasks.find((k) => k.key === request.taskKey);
    const language = progress.case.language;
    const text = progress.finished
      ? t.caseFinished({ number: progress.case.number, name: `${progress.stream.name[language]}${progress.case.details.name ? ` (${progress.case.details.name})` : ''}` })
      : t.caseTaskDone({
          number: progress.case.number,
          title: task?.title[language] ?? request.subject,
          department: this.deps.knowledge.departmentName(request.department, language),
          done: progress.done,
          total: progress.total
        });
    return this.toEmployee(request, text);
  }

  private async toEmployee(request: ServiceRequest, text: string, next?: Parameters<MainDialog['restartWith']>[2]): Promise<void> {
    const reference = request.requester.reference;
    if (!reference?.serviceUrl) {
      this.deps.logger.warn({ request: request.number }, 'no conversation reference: employee not notified');
      return;
    }
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context: TurnContext) => {
      setTurnRecognition(context, noTextRecognition(request.language));
      this.deps.language.speak(context, request.language);
      await context.sendActivity(text);
      if (next) await this.deps.dialog.restartWith(context, this.deps.dialogState, next);
      await this.deps.conversationState.saveChanges(context, false);
    });
  }

  private async postToTeamsChannel(request: ServiceRequest): Promise<void> {
    const channel = this.deps.knowledge.department(request.department)?.teamsChannel as Partial<ConversationReference> | undefined;
    if (!channel?.serviceUrl) return;
    // What the employee wrote (subject, name) goes into TextRuns, which Teams shows as plain text:
    // in a TextBlock or a FactSet its markdown (links, images) would be rendered.
    const plain = (title: string, value: string) => ({
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: `${title}: `, weight: 'Bolder' },
        { type: 'TextRun', text: value }
      ]
    });
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', size: 'Medium', weight: 'Bolder', text: `Neue Anfrage ${request.number}` },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: request.subject }] },
        plain('Von', request.requester.name ?? request.requester.userId),
        plain('Sprache', request.language),
        plain('Anlass', request.source)
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'In der Konsole öffnen', url: `${this.deps.consoleUrl}#${request.id}` }]
    });
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, channel, async (context) => {
      await context.sendActivity({ attachments: [card], summary: `Neue Anfrage ${request.number}` });
    });
  }
}
