import type { Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import { isPlainYesNo, NO, recognizeYesNo, YES, type YesNo } from './choices';
import { interactionBase, type DialogServices } from './dialogServices';
import type { FollowUp } from './followUp';
import { turnLanguage } from './turnState';

export const ANSWER_FEEDBACK_DIALOG = 'answerFeedback';
/** Feedback is a short reply; anything longer is a new question. */
const MAX_FEEDBACK_WORDS = 4;

export interface AnswerFeedbackOptions {
  faqId: string;
  department: string | null;
  /** The question the answer was for, forwarded when it did not help. */
  question: string;
}

/** The employee's verdict on an answer: a card button's value or a short yes/no reply. */
export function feedbackOf(activity: Partial<Activity>): YesNo | null {
  const value = (activity.value as { feedback?: unknown } | undefined)?.feedback;
  if (value === YES || value === NO) return value;
  const text = (activity.text ?? '').trim();
  // Only a plain yes or no is feedback: "VPN geht nicht" right after an answer is a new question.
  if (!text || text.split(/\s+/).length > MAX_FEEDBACK_WORDS || !isPlainYesNo(text)) return null;
  return recognizeYesNo(text);
}

/**
 * Waits for "Hat das geholfen?" after a FAQ answer. Yes: the bot is glad; no: it offers to forward
 * the question; anything else is a new message and goes back to the main dialog.
 */
export class AnswerFeedbackDialog extends Dialog<AnswerFeedbackOptions> {
  constructor(private readonly services: DialogServices) {
    super(ANSWER_FEEDBACK_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: AnswerFeedbackOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state.options = options;
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const options = dc.activeDialog!.state.options as AnswerFeedbackOptions;
    const verdict = feedbackOf(dc.context.activity);
    if (!verdict) return dc.endDialog({ action: 'reroute' } satisfies FollowUp);
    await this.services.interactions.record({
      kind: 'feedback',
      ...interactionBase(dc.context, this.services),
      language: turnLanguage(dc.context),
      faqId: options.faqId,
      helpful: verdict === YES,
      question: options.question,
      department: options.department ?? undefined
    });
    if (verdict === YES) {
      await dc.context.sendActivity(messagesFor(turnLanguage(dc.context)).feedbackThanks());
      return dc.endDialog({ action: 'none' } satisfies FollowUp);
    }
    return dc.endDialog({ action: 'forward', reason: 'not_helpful', department: options.department, question: options.question } satisfies FollowUp);
  }
}
