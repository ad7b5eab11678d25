import type { Department } from '../content/schema';
import { BusinessHours } from '../handoff/businessHours';
import type { ServiceRequest } from '../requests/serviceRequest';

/**
 * Where a request stands against one service target:
 * - `ok`: the clock runs and more than 20 % of the target is left;
 * - `near`: the clock runs and less than 20 % of the target is left (but it has not passed);
 * - `breached`: the target passed before the clock stopped (or passes while it still runs);
 * - `met`: the clock stopped within the target.
 */
export type TargetState = 'ok' | 'near' | 'breached' | 'met';

/** Share of the target below which a running clock is `near`. */
export const NEAR_SHARE = 0.2;

/** One target's clock, all durations in business minutes of the department. */
export interface TargetClock {
  state: TargetState;
  targetMinutes: number;
  /** Business minutes from the start of the clock until it stopped, or until `now` while it runs. */
  elapsedMinutes: number;
  /** `targetMinutes - elapsedMinutes`; negative once breached. */
  remainingMinutes: number;
  /** When the target is (or was) due: start + target business minutes; null when the clock has not started. */
  dueAt: string | null;
  /** When the clock stopped (first response, resolution or cancellation); null while it runs. */
  stoppedAt: string | null;
}

/** A request against its first-response and resolution targets (see {@link targetStatus}). */
export interface TargetStatus {
  firstResponse: TargetState;
  resolution: TargetState;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  clocks: { firstResponse: TargetClock; resolution: TargetClock };
}

/** What {@link targetStatus} needs of a department: its business hours and default targets. */
export type TargetDepartment = Pick<Department, 'businessHours' | 'targets'>;

const hoursCache = new WeakMap<object, BusinessHours>();

/** The (cached) business hours of a department definition. */
export function businessHoursOf(department: TargetDepartment): BusinessHours {
  let hours = hoursCache.get(department.businessHours);
  if (!hours) {
    hours = new BusinessHours(department.businessHours);
    hoursCache.set(department.businessHours, hours);
  }
  return hours;
}

/** The targets that apply: the request type's own (`request.targets`), else the department's. */
export function targetsOf(request: Pick<ServiceRequest, 'targets'>, department: TargetDepartment): { firstResponseMinutes: number; resolutionMinutes: number } {
  return request.targets ?? department.targets;
}

/**
 * The moment staff first reacted: the first staff message (`firstResponseAt`), or, for a request
 * closed without one, its resolution or hand-back (`resolvedAt`: the employee is told then).
 */
export function respondedAt(request: ServiceRequest): string | undefined {
  return request.firstResponseAt ?? request.resolvedAt;
}

/**
 * When the clocks start: when a task of a multi-department request was released into its queue
 * (its `released` event; until then it waited for the tasks before it), else `createdAt`.
 */
export function clockStartOf(request: ServiceRequest): string {
  return request.history.find((e) => e.type === 'released')?.at ?? request.createdAt;
}

/** When the employee cancelled the request, if they did. */
export function cancelledAt(request: ServiceRequest): string | undefined {
  if (request.status !== 'cancelled') return undefined;
  return [...request.history].reverse().find((e) => e.type === 'cancelled')?.at ?? request.updatedAt;
}

/**
 * A request against its service targets, as a pure function of the request, its department and now.
 *
 * - Targets: `request.targets` (request types) or else `department.targets`, in business minutes.
 * - Both clocks start at `createdAt` — for a task of a multi-department request, when it was released
 *   into its queue ({@link clockStartOf}) — and count only the department's business minutes (its
 *   current department: a transferred request is measured in the hours and, without own targets,
 *   against the targets of the department that holds it). A `waiting` task has not started: `ok`, no
 *   due time.
 * - The first-response clock stops at {@link respondedAt}; the resolution clock at `resolvedAt`;
 *   both stop when the employee cancels (a cancelled request that waited too long stays breached).
 * - Stopped: `met` when elapsed ≤ target, else `breached`. Running: `breached` when elapsed > target,
 *   `near` when less than 20 % of the target is left, else `ok`.
 */
export function targetStatus(request: ServiceRequest, department: TargetDepartment, now: Date): TargetStatus {
  const targets = targetsOf(request, department);
  const hours = businessHoursOf(department);
  const cancelled = cancelledAt(request);
  const clock = (targetMinutes: number, stop: string | undefined): TargetClock => {
    if (request.status === 'waiting') {
      return { state: 'ok', targetMinutes, elapsedMinutes: 0, remainingMinutes: targetMinutes, dueAt: null, stoppedAt: null };
    }
    const start = new Date(clockStartOf(request));
    const stoppedAt = stop ?? cancelled ?? null;
    const end = stoppedAt ? new Date(stoppedAt) : now;
    const elapsedMinutes = hours.businessMinutesBetween(start, end);
    const remainingMinutes = targetMinutes - elapsedMinutes;
    const due = hours.addBusinessMinutes(start, targetMinutes);
    let state: TargetState;
    if (stoppedAt) state = elapsedMinutes <= targetMinutes ? 'met' : 'breached';
    else if (remainingMinutes < 0) state = 'breached';
    else if (remainingMinutes < NEAR_SHARE * targetMinutes) state = 'near';
    else state = 'ok';
    return { state, targetMinutes, elapsedMinutes, remainingMinutes, dueAt: due ? due.toISOString() : null, stoppedAt };
  };
  const firstResponse = clock(targets.firstResponseMinutes, respondedAt(request));
  const resolution = clock(targets.resolutionMinutes, request.resolvedAt);
  return {
    firstResponse: firstResponse.state,
    resolution: resolution.state,
    firstResponseDueAt: firstResponse.dueAt,
    resolutionDueAt: resolution.dueAt,
    clocks: { firstResponse, resolution }
  };
}
