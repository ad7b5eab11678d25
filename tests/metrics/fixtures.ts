import type { Department } from '../../bot/content/schema';
import type { RequestEvent, ServiceRequest } from '../../bot/requests/serviceRequest';

/**
 * Fixture departments and requests for the metric tests. Every expected value in the tests is
 * computed by hand from the times written here; nothing is derived with the code under test.
 * All dates are in November 2026 (Central European Time, UTC+1) unless a test says otherwise;
 * 2026-11-20 is a Friday, 2026-11-23 a Monday, 2026-11-24 a Tuesday.
 */

/** An instant given as Berlin wall time "YYYY-MM-DD HH:MM" with an explicit offset (default +01:00, CET). */
export function berlin(wall: string, offset = '+01:00'): string {
  return new Date(`${wall.replace(' ', 'T')}:00${offset}`).toISOString();
}

const holidays = ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'];

/** IT: Mon–Fri 07:00–18:00; targets 30 / 240 business minutes. */
export const IT: Department = {
  id: 'it',
  name: { de: 'IT-Service', en: 'IT Service' },
  description: { de: 'IT', en: 'IT' },
  aliases: { de: [], en: [] },
  keywords: { de: [], en: [] },
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: [['07:00', '18:00']],
      tue: [['07:00', '18:00']],
      wed: [['07:00', '18:00']],
      thu: [['07:00', '18:00']],
      fri: [['07:00', '18:00']],
      sat: [],
      sun: []
    },
    holidays
  },
  targets: { firstResponseMinutes: 30, resolutionMinutes: 240 }
};

/** HR: Mon–Thu 08:00–17:00, Fri 08:00–14:00, with a lunch break on Wednesdays; targets 240 / 1440. */
export const HR: Department = {
  ...IT,
  id: 'hr',
  name: { de: 'Personalabteilung (HR)', en: 'Human Resources' },
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: [['08:00', '17:00']],
      tue: [['08:00', '17:00']],
      wed: [
        ['08:00', '12:00'],
        ['13:00', '17:00']
      ],
      thu: [['08:00', '17:00']],
      fri: [['08:00', '14:00']],
      sat: [],
      sun: []
    },
    holidays
  },
  targets: { firstResponseMinutes: 240, resolutionMinutes: 1440 }
};

let sequence = 0;

/** A request with the given times; `history` is filled in from them. */
export function request(fields: {
  department: string;
  createdAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  status?: ServiceRequest['status'];
  source?: ServiceRequest['source'];
  conversationId?: string;
  feedback?: ServiceRequest['feedback'];
  targets?: ServiceRequest['targets'];
  transferredAt?: string;
  cancelledAt?: string;
  releasedAt?: string;
}): ServiceRequest {
  sequence += 1;
  const history: RequestEvent[] = [{ at: fields.createdAt, type: 'created' }];
  if (fields.releasedAt) history.push({ at: fields.releasedAt, type: 'released' });
  if (fields.transferredAt) history.push({ at: fields.transferredAt, type: 'transferred', from: 'hr', to: fields.department, by: 'Thomas Keller' });
  if (fields.firstResponseAt) history.push({ at: fields.firstResponseAt, type: 'message', by: 'Jonas Becker' });
  if (fields.resolvedAt) history.push({ at: fields.resolvedAt, type: 'resolved', by: 'Jonas Becker' });
  if (fields.cancelledAt) history.push({ at: fields.cancelledAt, type: 'cancelled', by: 'employee' });
  const status = fields.status ?? (fields.cancelledAt ? 'cancelled' : fields.resolvedAt ? 'resolved' : fields.firstResponseAt ? 'in_progress' : 'open');
  return {
    id: `r-${sequence}`,
    number: `${fields.department.toUpperCase()}-${1000 + sequence}`,
    department: fields.department,
    status,
    source: fields.source ?? 'human',
    language: 'de',
    requester: { userId: `u-${sequence}`, channelId: 'test', conversationId: fields.conversationId ?? `conv-r-${sequence}` },
    subject: 'Fixture',
    details: {},
    transcript: [],
    history,
    targets: fields.targets,
    feedback: fields.feedback,
    createdAt: fields.createdAt,
    updatedAt: fields.cancelledAt ?? fields.resolvedAt ?? fields.firstResponseAt ?? fields.createdAt,
    firstResponseAt: fields.firstResponseAt,
    resolvedAt: fields.resolvedAt
  };
}
