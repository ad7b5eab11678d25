import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import type { CaseProgress } from '../bot/valueStreams/caseService';
import type { DialogServices } from './dialogServices';

/** One case with the state of each department's task and who is on it. */
export function caseStatusText(progress: CaseProgress, services: Pick<DialogServices, 'knowledge'>, language: Language): string {
  const t = messagesFor(language);
  const names = t.statusNames();
  const lines = progress.tasks.map(({ key, request }) =>
    t.caseTaskLine({
      title: progress.stream.tasks.find((task) => task.key === key)!.title[language],
      department: services.knowledge.departmentName(request.department, language),
      status: names[request.status],
      who: request.status === 'in_progress' ? request.assignee?.name : undefined
    })
  );
  return t.caseStatus({
    number: progress.case.number,
    name: `${progress.stream.name[language]}${progress.case.details.name ? ` (${progress.case.details.name})` : ''}`,
    done: progress.done,
    total: progress.total,
    lines: lines.join('\n')
  });
}
