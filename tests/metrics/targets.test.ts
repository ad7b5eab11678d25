import { targetStatus } from '../../bot/metrics/targets';
import { berlin, HR, IT, request } from './fixtures';

/** targetStatus: ok / near / breached / met against first-response and resolution targets, in business minutes. */
describe('targetStatus', () => {
  const now = (wall: string) => new Date(berlin(wall));

  it('a fresh request is ok on both targets, with due times in business hours', () => {
    const r = request({ department: 'it', createdAt: berlin('2026-11-24 14:50') });
    const status = targetStatus(r, IT, now('2026-11-24 15:00'));
    expect(status.firstResponse).toBe('ok');
    expect(status.resolution).toBe('ok');
    expect(status.firstResponseDueAt).toBe(berlin('2026-11-24 15:20'));
    // 240 minutes: 190 until 18:00, then 50 from Wednesday 07:00.
    expect(status.resolutionDueAt).toBe(berlin('2026-11-25 07:50'));
    expect(status.clocks.firstResponse).toMatchObject({ targetMinutes: 30, elapsedMinutes: 10, remainingMinutes: 20, stoppedAt: null });
  });

  it("is 'near' when less than 20 % of the target is left (IT: fewer than 6 of 30 minutes)", () => {
    const r = request({ department: 'it', createdAt: berlin('2026-11-24 14:00') });
    expect(targetStatus(r, IT, now('2026-11-24 14:24')).firstResponse).toBe('ok'); // 6 left: not less than 6
    expect(targetStatus(r, IT, now('2026-11-24 14:25')).firstResponse).toBe('near'); // 5 left
    expect(targetStatus(r, IT, now('2026-11-24 14:30')).firstResponse).toBe('near'); // 0 left, not passed
    expect(targetStatus(r, IT, now('2026-11-24 14:31')).firstResponse).toBe('breached');
  });

  it('counts only business minutes: Friday 17:50 is near on Monday 07:15 and breached at 07:21', () => {
    const r = request({ department: 'it', createdAt: berlin('2026-11-20 17:50') });
    const monday = targetStatus(r, IT, now('2026-11-23 07:15'));
    expect(monday.firstResponse).toBe('near');
    expect(monday.clocks.firstResponse.elapsedMinutes).toBe(25);
    expect(monday.firstResponseDueAt).toBe(berlin('2026-11-23 07:20'));
    expect(targetStatus(r, IT, now('2026-11-23 07:21')).firstResponse).toBe('breached');
    // The weekend does not count: still ok on Sunday evening.
    expect(targetStatus(r, IT, now('2026-11-22 20:00')).firstResponse).toBe('ok');
  });

  it("is 'met' when the response came within the target, 'breached' when after it, whatever now is", () => {
    const onTime = request({ department: 'it', createdAt: berlin('2026-11-24 09:00'), firstResponseAt: berlin('2026-11-24 09:30') });
    const late = request({ department: 'it', createdAt: berlin('2026-11-24 09:00'), firstResponseAt: berlin('2026-11-24 09:31') });
    expect(targetStatus(onTime, IT, now('2026-11-30 12:00')).firstResponse).toBe('met');
    expect(targetStatus(late, IT, now('2026-11-24 09:31')).firstResponse).toBe('breached');
    // Friday 17:50 answered Monday 08:10: 80 business minutes, late.
    const weekend = request({ department: 'it', createdAt: berlin('2026-11-20 17:50'), firstResponseAt: berlin('2026-11-23 08:10') });
    expect(targetStatus(weekend, IT, now('2026-11-23 08:10')).clocks.firstResponse).toMatchObject({ state: 'breached', elapsedMinutes: 80, remainingMinutes: -50 });
  });

  it('stops the resolution clock at resolvedAt; a request closed without a message counts that as its first response', () => {
    const r = request({ department: 'it', createdAt: berlin('2026-11-24 08:00'), resolvedAt: berlin('2026-11-24 08:20') });
    const status = targetStatus(r, IT, now('2026-11-26 12:00'));
    expect(status.firstResponse).toBe('met');
    expect(status.resolution).toBe('met');
    expect(status.clocks.resolution).toMatchObject({ elapsedMinutes: 20, stoppedAt: berlin('2026-11-24 08:20') });
    const slow = request({ department: 'it', createdAt: berlin('2026-11-24 08:00'), firstResponseAt: berlin('2026-11-24 08:10'), resolvedAt: berlin('2026-11-24 12:01') });
    expect(targetStatus(slow, IT, now('2026-11-24 12:01')).resolution).toBe('breached'); // 241 > 240
  });

  it("uses the request type's own targets before the department's", () => {
    const r = request({ department: 'hr', createdAt: berlin('2026-11-24 09:00'), targets: { firstResponseMinutes: 60, resolutionMinutes: 120 } });
    const status = targetStatus(r, HR, now('2026-11-24 10:30'));
    expect(status.firstResponse).toBe('breached'); // 90 > 60 (HR's own 240 would be ok)
    expect(status.resolution).toBe('ok'); // 30 of 120 left: not less than 20 % (24)
    expect(status.clocks.resolution.remainingMinutes).toBe(30);
    expect(targetStatus(r, HR, now('2026-11-24 10:37')).resolution).toBe('near'); // 23 left
  });

  it('a task of a multi-department request is measured from its release into the queue, not from its creation', () => {
    // Created Monday 09:00 waiting for HR's part; released Tuesday 14:00; answered 14:20.
    const task = request({ department: 'it', createdAt: berlin('2026-11-23 09:00'), releasedAt: berlin('2026-11-24 14:00'), firstResponseAt: berlin('2026-11-24 14:20') });
    const status = targetStatus(task, IT, now('2026-11-24 15:00'));
    expect(status.clocks.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 20 });
    expect(status.firstResponseDueAt).toBe(berlin('2026-11-24 14:30'));
    expect(status.resolution).toBe('ok'); // 60 of 240
  });

  it('waiting tasks have not started; cancelled requests stop the clock when they were cancelled', () => {
    const waiting = request({ department: 'it', createdAt: berlin('2026-11-20 09:00'), status: 'waiting' });
    expect(targetStatus(waiting, IT, now('2026-11-24 09:00'))).toMatchObject({ firstResponse: 'ok', resolution: 'ok', firstResponseDueAt: null, resolutionDueAt: null });
    const quick = request({ department: 'it', createdAt: berlin('2026-11-24 09:00'), cancelledAt: berlin('2026-11-24 09:10') });
    expect(targetStatus(quick, IT, now('2026-11-27 09:00'))).toMatchObject({ firstResponse: 'met', resolution: 'met' });
    const gaveUp = request({ department: 'it', createdAt: berlin('2026-11-24 09:00'), cancelledAt: berlin('2026-11-24 09:40') });
    expect(targetStatus(gaveUp, IT, now('2026-11-27 09:00'))).toMatchObject({ firstResponse: 'breached', resolution: 'met' });
  });
});
