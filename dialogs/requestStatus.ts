import type { TurnContext } from 'botbuilder';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import { caseStatusText } from './caseStatus';
import { casesOfRequester, requestsOfRequester, type DialogServices } from './dialogServices';

/** Lists the employee's requests that are not finished yet, newest first. */
export async function sendRequestStatus(context: TurnContext, services: DialogServices, language: Language): Promise<void> {
  const t = messagesFor(language);
  const cases = (await casesOfRequester(context, services)).filter((c) => !c.finished);
  const requests = (await requestsOfRequester(context, services)).filter((r) => !r.caseId && (r.status === 'open' || r.status === 'in_progress'));
  if (requests.length === 0 && cases.length === 0) {
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
      status: r.status === 'in_progress' && r.assignee ? `${names[r.status]} (${r.assignee.name})` : names[r.status],
      date: date.format(new Date(r.createdAt))
    })
  );
  const blocks = [...cases.map((c) => caseStatusText(c, services, language)), ...(lines.length > 0 ? [lines.join('\n')] : [])];
  await context.sendActivity(t.statusList({ lines: blocks.join('\n\n') }));
}
