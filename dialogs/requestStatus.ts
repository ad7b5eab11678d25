import type { TurnContext } from 'botbuilder';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import { requesterOf, type DialogServices } from './dialogServices';

/** Lists the employee's requests that are not finished yet, newest first. */
export async function sendRequestStatus(context: TurnContext, services: DialogServices, language: Language): Promise<void> {
  const t = messagesFor(language);
  const requests = (await services.requests.listByRequester(requesterOf(context).userId)).filter(
    (r) => r.status === 'open' || r.status === 'in_progress'
  );
  if (requests.length === 0) {
    await context.sendActivity(t.statusNone());
    return;
  }
  const names = t.statusNames();
  const date = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
  const lines = requests.map((r) =>
    t.statusLine({
      number: r.number,
      department: services.knowledge.departmentName(r.department, language),
      subject: r.subject,
      status: names[r.status],
      date: date.format(new Date(r.createdAt))
    })
  );
  await context.sendActivity(t.statusList({ lines: lines.join('\n') }));
}
