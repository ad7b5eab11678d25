import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { messagesFor } from '../bot/i18n/messages';
import { isActive } from '../bot/requests/serviceRequest';
import { recognizeYesNo, YES, yesNoActivity } from './choices';
import type { DialogServices } from './dialogServices';
import type { FollowUp } from './followUp';
import { isInterruption } from './interruptions';
import { markQuietTurn, turnLanguage, turnRecognition } from './turnState';

export const RELAY_DIALOG = 'relay';

export interface RelayOptions {
  requestId: string;
  number: string;
}

interface RelayState extends RelayOptions {
  confirmingCancel?: boolean;
}

/**
 * While a person handles the request, the bot stays quiet and passes every message of the employee
 * on to the request (the staff console shows it live). "abbrechen" asks whether to withdraw it.
 * Staff replies reach the employee as proactive messages; when staff resolve or hand back, the
 * employee notifier ends this dialog.
 */
export class RelayDialog extends Dialog<RelayOptions> {
  constructor(private readonly services: DialogServices) {
    super(RELAY_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: RelayOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { ...options! } satisfies RelayState;
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as RelayState;
    const request = await this.services.handoff.get(state.requestId);
    // Closed elsewhere (e.g. resolved while a notification failed): the bot is in charge again.
    if (!request || !isActive(request)) return dc.endDialog({ action: 'reroute' } satisfies FollowUp);
    const language = turnLanguage(dc.context);
    const t = messagesFor(language);
    const text = (dc.context.activity.text ?? '').trim();
    const askedToWithdraw = state.confirmingCancel === true;
    if (state.confirmingCancel) {
      state.confirmingCancel = false;
      const answer = recognizeYesNo(text);
      if (answer === YES) {
        await this.services.handoff.cancel(state.requestId);
        await dc.context.sendActivity(t.relayCancelled({ number: state.number }));
        return dc.endDialog({ action: 'none' } satisfies FollowUp);
      }
      if (answer) {
        await dc.context.sendActivity(t.relayKept({ number: state.number }));
        return Dialog.EndOfTurn;
      }
    }
    if (isInterruption(turnRecognition(dc.context), 'cancel')) {
      state.confirmingCancel = true;
      await dc.context.sendActivity(yesNoActivity(language, t.relayCancelConfirm({ number: state.number })));
      return Dialog.EndOfTurn;
    }
    await this.services.handoff.employeeMessage(state.requestId, text || '[Karte/Card]');
    // Not an answer to "withdraw the request?": it is passed on, and the employee hears that the request stays.
    if (askedToWithdraw) await dc.context.sendActivity(t.relayKept({ number: state.number }));
    else markQuietTurn(dc.context);
    return Dialog.EndOfTurn;
  }
}
