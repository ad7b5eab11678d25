import { BusinessHours } from '../../bot/handoff/businessHours';
import { berlin, HR, IT } from './fixtures';

/** businessMinutesBetween is exact (interval overlap), and addBusinessMinutes is its inverse. Expected values by hand. */
describe('business hours: exact business minutes', () => {
  const it_ = new BusinessHours(IT.businessHours);
  const hr = new BusinessHours(HR.businessHours);
  const minutes = (hours: BusinessHours, from: string, to: string) => hours.businessMinutesBetween(new Date(from), new Date(to));

  it('counts minutes inside one opening interval exactly', () => {
    expect(minutes(it_, berlin('2026-11-24 09:00'), berlin('2026-11-24 09:25'))).toBe(25);
    expect(minutes(it_, berlin('2026-11-24 09:00'), berlin('2026-11-24 09:07'))).toBe(7);
  });

  it('Friday 17:50 to Monday 08:10 is 80 business minutes (10 on Friday, 70 on Monday)', () => {
    expect(minutes(it_, berlin('2026-11-20 17:50'), berlin('2026-11-23 08:10'))).toBe(80);
  });

  it('counts nothing outside opening hours, at weekends and on holidays', () => {
    expect(minutes(it_, berlin('2026-11-24 18:00'), berlin('2026-11-25 07:00'))).toBe(0);
    expect(minutes(it_, berlin('2026-11-21 00:00'), berlin('2026-11-23 00:00'))).toBe(0);
    // Thursday 24 December 2026 is a holiday: Wednesday 17:30 to Monday 28 December 08:00 = 30 + 60.
    expect(minutes(it_, berlin('2026-12-23 17:30'), berlin('2026-12-28 08:00'))).toBe(90);
  });

  it('is exact to the second, not rounded to 15-minute slices', () => {
    expect(minutes(it_, '2026-11-24T08:00:30.000Z', '2026-11-24T08:01:00.000Z')).toBe(0.5);
    expect(minutes(it_, berlin('2026-11-24 06:59'), berlin('2026-11-24 07:01'))).toBe(1);
    expect(minutes(it_, berlin('2026-11-24 17:59'), berlin('2026-11-24 18:14'))).toBe(1);
  });

  it('is 0 when the end is not after the start', () => {
    expect(minutes(it_, berlin('2026-11-24 10:00'), berlin('2026-11-24 09:00'))).toBe(0);
    expect(minutes(it_, berlin('2026-11-24 10:00'), berlin('2026-11-24 10:00'))).toBe(0);
  });

  it('handles several intervals a day and short Fridays', () => {
    // HR Wednesday 08:00–12:00 and 13:00–17:00: 11:30 to 13:30 = 30 + 30.
    expect(minutes(hr, berlin('2026-11-18 11:30'), berlin('2026-11-18 13:30'))).toBe(60);
    // HR Friday closes at 14:00: Friday 13:00 to Monday 09:00 = 60 + 60.
    expect(minutes(hr, berlin('2026-11-20 13:00'), berlin('2026-11-23 09:00'))).toBe(120);
    // A whole HR week: 4 × 540 - 60 (Wednesday lunch) + 360 = 2460.
    expect(minutes(hr, berlin('2026-11-16 00:00'), berlin('2026-11-23 00:00'))).toBe(2460);
  });

  it('keeps a working day at its length across the change to and from summer time', () => {
    // 27 March 2026 (Friday, CET) 07:00 to 31 March (Tuesday, CEST) 08:00: 660 + 660 + 60.
    expect(minutes(it_, berlin('2026-03-27 07:00'), berlin('2026-03-31 08:00', '+02:00'))).toBe(1380);
    // 23 October 2026 (Friday, CEST) 17:00 to 26 October (Monday, CET) 08:00: 60 + 60.
    expect(minutes(it_, berlin('2026-10-23 17:00', '+02:00'), berlin('2026-10-26 08:00'))).toBe(120);
  });

  it('addBusinessMinutes is the inverse: the due time of a target', () => {
    const add = (hours: BusinessHours, from: string, n: number) => hours.addBusinessMinutes(new Date(from), n)?.toISOString();
    expect(add(it_, berlin('2026-11-24 09:00'), 30)).toBe(berlin('2026-11-24 09:30'));
    expect(add(it_, berlin('2026-11-20 17:50'), 30)).toBe(berlin('2026-11-23 07:20'));
    expect(add(it_, berlin('2026-11-21 12:00'), 0)).toBe(berlin('2026-11-23 07:00'));
    expect(add(it_, berlin('2026-12-23 17:30'), 240)).toBe(berlin('2026-12-28 10:30'));
    expect(add(hr, berlin('2026-11-18 11:30'), 60)).toBe(berlin('2026-11-18 13:30'));
    // Hours that never open: no due time.
    const never = new BusinessHours({ ...IT.businessHours, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(never.addBusinessMinutes(new Date(berlin('2026-11-24 09:00')), 30)).toBeNull();
  });
});
