import type { RequestEvent, ServiceRequest } from '../requests/serviceRequest';

/**
 * A change of a request, as published on the request event bus: `created` and `updated` for the
 * department that now holds it, `removed` for the department a request was transferred away from.
 */
export interface RequestChange {
  type: 'created' | 'updated' | 'removed';
  department: string;
  request: ServiceRequest;
  /** The history event that caused the change (absent for employee messages). */
  cause?: RequestEvent;
  /** For messages: who wrote. */
  message?: { from: 'user' | 'staff'; text: string; by?: string };
}
