import type { NewServiceRequest } from '../../bot/requests/serviceRequest';

/** A plain request as the hand-off files it when an employee asks for a person. */
export function newRequest(department: string, userId: string, subject = 'Drucker druckt nicht'): NewServiceRequest {
  return {
    department,
    source: 'human',
    language: 'de',
    requester: { userId, name: 'Erika Muster', channelId: 'msteams', conversationId: `conversation-${userId}` },
    subject,
    details: { device: 'Drucker' },
    transcript: [{ from: 'user', text: subject, at: '2026-11-24T08:59:00Z' }]
  };
}
