import type { InteractionEvent, QuestionEvent } from '../../bot/analytics/interactionLog';
import { computeDashboard, type DashboardFigures } from '../../bot/metrics/dashboard';
import { periodOf } from '../../bot/metrics/period';
import { berlin, HR, IT, request } from './fixtures';

/**
 * The dashboard's figures for a fixture of requests and interaction events whose expected values are
 * worked out by hand below (comments give the arithmetic). Period: Monday 16 to Tuesday 24 November
 * 2026; now: Tuesday 24 November, 15:00 in Berlin.
 */

const NOW = new Date(berlin('2026-11-24 15:00'));
const PERIOD = periodOf('2026-11-16', '2026-11-24', 'Europe/Berlin');

const question = (conversationId: string, wall: string, fields: Partial<QuestionEvent> & Pick<QuestionEvent, 'decision'>): QuestionEvent => ({
  kind: 'question',
  at: berlin(wall),
  conversationId,
  userId: `user-${conversationId}`,
  language: 'de',
  text: 'Fixture',
  department: 'it',
  ...fields
});

// IT requests R1–R10 (business minutes in IT hours, Mon–Fri 07:00–18:00; targets 30 / 240).
//        created              first response (TTFR)        resolved (TTR)              feedback
// R1  Mon 16 09:00         09:10  (10)                  10:00  (60)                 solved, 5
// R2  Mon 16 10:00         10:20  (20)                  12:00  (120)                solved, 4
// R3  Tue 17 09:00         09:25  (25)                  13:00  (240, met exactly)   not solved, 2
// R4  Tue 17 14:00 (HR → IT at 14:10)  14:30 (30, met exactly)  17:00 (180)         solved, 4 (transferred)
// R5  Wed 18 08:00         08:45  (45, late)            16:00  (480, late)          solved, 3
// R6  Fri 20 17:50         Mon 23 08:10 (10 + 70 = 80, late)  Mon 23 09:00 (10 + 120 = 130)  solved, 5
// R7  Thu 19 10:00         10:15  (15)                  open: Thu 10:00–18:00 = 480 by now, breached
// R8  Mon 23 16:00         none: Mon 120 + Tue 07:00–15:00 480 = 600 by now, both breached
// R9  Tue 24 14:50         none: 10 so far (ok)
// R10 Tue 24 14:35         none: 25 so far (near, not breached)
const requests = [
  request({ department: 'it', conversationId: 'c1', source: 'human', createdAt: berlin('2026-11-16 09:00'), firstResponseAt: berlin('2026-11-16 09:10'), resolvedAt: berlin('2026-11-16 10:00'), feedback: { solved: true, rating: 5 } }),
  request({ department: 'it', conversationId: 'c2', source: 'out_of_scope', createdAt: berlin('2026-11-16 10:00'), firstResponseAt: berlin('2026-11-16 10:20'), resolvedAt: berlin('2026-11-16 12:00'), feedback: { solved: true, rating: 4 } }),
  request({ department: 'it', conversationId: 'c3', source: 'not_helpful', createdAt: berlin('2026-11-17 09:00'), firstResponseAt: berlin('2026-11-17 09:25'), resolvedAt: berlin('2026-11-17 13:00'), feedback: { solved: false, rating: 2 } }),
  request({ department: 'it', conversationId: 'c10', source: 'human', createdAt: berlin('2026-11-17 14:00'), transferredAt: berlin('2026-11-17 14:10'), firstResponseAt: berlin('2026-11-17 14:30'), resolvedAt: berlin('2026-11-17 17:00'), feedback: { solved: true, rating: 4 } }),
  request({ department: 'it', conversationId: 'c5', source: 'it_problem_report', createdAt: berlin('2026-11-18 08:00'), firstResponseAt: berlin('2026-11-18 08:45'), resolvedAt: berlin('2026-11-18 16:00'), feedback: { solved: true, rating: 3 } }),
  request({ department: 'it', conversationId: 'c7', source: 'human', createdAt: berlin('2026-11-20 17:50'), firstResponseAt: berlin('2026-11-23 08:10'), resolvedAt: berlin('2026-11-23 09:00'), feedback: { solved: true, rating: 5 } }),
  request({ department: 'it', conversationId: 'c11', source: 'it_problem_report', createdAt: berlin('2026-11-19 10:00'), firstResponseAt: berlin('2026-11-19 10:15') }),
  request({ department: 'it', conversationId: 'c9', source: 'out_of_scope', createdAt: berlin('2026-11-23 16:00') }),
  request({ department: 'it', conversationId: 'c12', source: 'it_problem_report', createdAt: berlin('2026-11-24 14:50') }),
  request({ department: 'it', conversationId: 'c4', source: 'always_human', createdAt: berlin('2026-11-24 14:35') }),
  // Outside the period: never counted.
  request({ department: 'it', conversationId: 'c0', source: 'human', createdAt: berlin('2026-11-10 09:00'), firstResponseAt: berlin('2026-11-10 15:00'), resolvedAt: berlin('2026-11-13 09:00'), feedback: { solved: false, rating: 1 } }),
  // HR: H1 Fri 20 13:00 → first response Mon 23 09:00 (HR Fri closes 14:00: 60 + 60 = 120), resolved Mon 12:00 (60 + 240 = 300).
  request({ department: 'hr', conversationId: 'c20', source: 'out_of_scope', createdAt: berlin('2026-11-20 13:00'), firstResponseAt: berlin('2026-11-23 09:00'), resolvedAt: berlin('2026-11-23 12:00'), feedback: { solved: true, rating: 5 } }),
  // H2 cancelled after 30 minutes without a response.
  request({ department: 'hr', conversationId: 'c21', source: 'human', createdAt: berlin('2026-11-19 09:00'), cancelledAt: berlin('2026-11-19 09:30') })
];

const events: InteractionEvent[] = [
  // Before the period: not counted.
  question('c0', '2026-11-15 23:30', { decision: 'answer', topId: 'it-vpn', topKind: 'faq' }),
  // c1: answered, rated unhelpful two minutes later, R1 at 09:00 → escalated.
  question('c1', '2026-11-16 08:55', { decision: 'answer', topId: 'it-password-reset', topKind: 'faq' }),
  { kind: 'feedback', at: berlin('2026-11-16 08:57'), conversationId: 'c1', userId: 'user-c1', language: 'de', faqId: 'it-password-reset', helpful: false, question: 'Fixture', department: 'it' },
  // c2: out of scope → escalated (and R2 two minutes later).
  question('c2', '2026-11-16 09:58', { decision: 'out_of_scope' }),
  { kind: 'unanswered', at: berlin('2026-11-16 09:58'), conversationId: 'c2', userId: 'user-c2', language: 'de', text: 'Fixture', department: 'it' },
  // c3: q3 deflected; q4 at 08:30 gets R3 at 09:00, exactly 30 minutes later → escalated.
  question('c3', '2026-11-17 08:00', { decision: 'answer', topId: 'it-vpn', topKind: 'faq' }),
  question('c3', '2026-11-17 08:30', { decision: 'answer', topId: 'it-printer', topKind: 'faq' }),
  // c4: deflected (R10 in c4 comes a week later).
  question('c4', '2026-11-17 12:00', { decision: 'answer', topId: 'it-vpn', topKind: 'faq' }),
  // c5: deflected: R5 comes 60 minutes later, outside the 30-minute window.
  question('c5', '2026-11-18 07:00', { decision: 'answer', topId: 'it-printer', topKind: 'faq' }),
  // c6: the bot asked back and nothing followed: not escalated.
  question('c6', '2026-11-19 09:00', { decision: 'clarify', topId: 'it-mfa', topKind: 'faq' }),
  // c7: "I want a person" (never deflected), R6 five minutes later.
  question('c7', '2026-11-20 17:45', { decision: 'answer', topId: 'human', topKind: 'intent' }),
  // c8: small talk is not a question; the VPN question at 00:30 on Saturday (Friday 23:30 UTC) counts for Saturday.
  question('c8', '2026-11-21 00:29', { decision: 'answer', topId: 'greeting', topKind: 'intent', department: undefined }),
  question('c8', '2026-11-21 00:30', { decision: 'answer', topId: 'it-wifi', topKind: 'faq' }),
  // c9: out of scope → escalated, R8 a minute later.
  question('c9', '2026-11-23 15:59', { decision: 'out_of_scope' }),
  { kind: 'unanswered', at: berlin('2026-11-23 15:59'), conversationId: 'c9', userId: 'user-c9', language: 'de', text: 'Fixture', department: 'it' },
  // c10: an HR question, handed to HR (R4, later transferred to IT).
  question('c10', '2026-11-17 13:58', { decision: 'answer', topId: 'hr-vacation-request', topKind: 'faq', department: 'hr' }),
  // c20: HR out of scope, H1. c21: "I want a person" without a department, H2.
  question('c20', '2026-11-20 12:58', { decision: 'out_of_scope', department: 'hr' }),
  { kind: 'unanswered', at: berlin('2026-11-20 12:58'), conversationId: 'c20', userId: 'user-c20', language: 'de', text: 'Fixture', department: 'hr' },
  question('c21', '2026-11-19 08:59', { decision: 'answer', topId: 'human', topKind: 'intent', department: undefined })
];

const compute = (department?: string): DashboardFigures => computeDashboard({ requests, events, departments: [IT, HR], period: PERIOD, now: NOW, department });

describe('dashboard figures (hand-computed fixture)', () => {
  describe('IT', () => {
    const f = compute('it');

    it('counts the questions of IT without small talk and outside the period', () => {
      // q1 q2 q3 q4 q5 q6 q7 q8 q10 q11 (the greeting, the HR and the unassigned questions do not count).
      expect(f.questions).toBe(10);
      expect(f.conversations).toBe(9); // c1 … c9
    });

    it('deflection: 5 of 10 answered without a human', () => {
      // Deflected: c3 08:00, c4, c5, c6 (asked back, nothing followed), c8 00:30.
      // Escalated: c1 (unhelpful), c2 (out of scope), c3 08:30 (R3 after exactly 30 min), c7 (person), c9 (out of scope).
      expect(f.deflection).toEqual({ rate: 0.5, deflected: 5, questions: 10 });
    });

    it('handoff rate: 7 of 10 conversations handed to a person', () => {
      // Handed to IT with a handoff source: c1 R1, c2 R2, c3 R3, c10 R4, c7 R6, c9 R8, c4 R10 = 7 (R5, R7, R9 are IT problem reports).
      // Conversations: the 9 with IT questions plus c10 (handed into IT) = 10.
      expect(f.handoff).toEqual({ rate: 0.7, handedOff: 7, conversations: 10 });
    });

    it('first-contact resolution: 4 of 6 (R3 not solved, R4 transferred)', () => {
      expect(f.firstContactResolution).toEqual({ rate: 4 / 6, solvedAtFirstContact: 4, answered: 6 });
    });

    it('time to first response: median 25, p90 80 business minutes, 5 of 7 within 30, 3 breaches (1 still open)', () => {
      // Responded: 10, 20, 25, 30, 45, 80, 15 → sorted 10 15 20 25 30 45 80: median 25; p90 = rank ⌈6.3⌉ = 7 → 80.
      expect(f.firstResponse).toEqual({ count: 7, median: 25, p90: 80, targetMinutes: 30, withinTarget: 5 / 7, breaches: 3, openBreaches: 1 });
    });

    it('time to resolution: median 155, p90 480, 5 of 6 within 240, 3 breaches (2 still open)', () => {
      // Resolved: 60 120 240 180 480 130 → sorted 60 120 130 180 240 480: median (130 + 180) / 2 = 155; p90 = rank ⌈5.4⌉ = 6 → 480.
      // Breaches: R5 (480 > 240), R7 (480 by now, open), R8 (600 by now, open).
      expect(f.resolution).toEqual({ count: 6, median: 155, p90: 480, targetMinutes: 240, withinTarget: 5 / 6, breaches: 3, openBreaches: 2 });
    });

    it('satisfaction: mean 23/6, 4 of 6 ratings are 4 or 5', () => {
      expect(f.satisfaction).toEqual({ count: 6, mean: 23 / 6, goodShare: 4 / 6, distribution: [0, 1, 1, 2, 2] });
    });

    it('requests of the period by status and source', () => {
      expect(f.requests.total).toBe(10);
      expect(f.requests.byStatus).toEqual({ resolved: 6, in_progress: 1, open: 3 });
      expect(f.requests.bySource).toEqual({ human: 3, out_of_scope: 2, not_helpful: 1, it_problem_report: 3, always_human: 1 });
    });

    it('volume per local day (Berlin), every day of the period', () => {
      expect(f.volumePerDay).toEqual([
        { date: '2026-11-16', questions: 2, requests: 2 },
        { date: '2026-11-17', questions: 3, requests: 2 },
        { date: '2026-11-18', questions: 1, requests: 1 },
        { date: '2026-11-19', questions: 1, requests: 1 },
        { date: '2026-11-20', questions: 1, requests: 1 },
        { date: '2026-11-21', questions: 1, requests: 0 },
        { date: '2026-11-22', questions: 0, requests: 0 },
        { date: '2026-11-23', questions: 1, requests: 1 },
        { date: '2026-11-24', questions: 0, requests: 2 }
      ]);
    });

    it('volume per intent: what the bot answered with, the rest by decision', () => {
      expect(f.perIntent).toEqual([
        { id: 'decision:out_of_scope', kind: 'decision', count: 2 },
        { id: 'it-printer', kind: 'faq', count: 2 },
        { id: 'it-vpn', kind: 'faq', count: 2 },
        { id: 'decision:clarify', kind: 'decision', count: 1 },
        { id: 'human', kind: 'intent', count: 1 },
        { id: 'it-password-reset', kind: 'faq', count: 1 },
        { id: 'it-wifi', kind: 'faq', count: 1 }
      ]);
    });
  });

  describe('HR', () => {
    const f = compute('hr');

    it('Friday 13:00 answered Monday 09:00 is 120 HR business minutes (Friday closes at 14:00); the cancelled request is not measured', () => {
      expect(f.firstResponse).toEqual({ count: 1, median: 120, p90: 120, targetMinutes: 240, withinTarget: 1, breaches: 0, openBreaches: 0 });
      expect(f.resolution).toMatchObject({ count: 1, median: 300, withinTarget: 1, breaches: 0 });
      expect(f.requests.byStatus).toEqual({ resolved: 1, cancelled: 1 });
    });

    it('questions, deflection and handoff of HR', () => {
      // Questions with department hr: c10 13:58 (R4 two minutes later) and c20 (out of scope): none deflected.
      expect(f.deflection).toEqual({ rate: 0, deflected: 0, questions: 2 });
      // Handed into HR (now): c20 H1, c21 H2; conversations: c10, c20 (questions) + c21 = 3. R4 now belongs to IT.
      expect(f.handoff).toEqual({ rate: 2 / 3, handedOff: 2, conversations: 3 });
    });
  });

  describe('all departments', () => {
    const f = compute();

    it('adds up both departments and the unassigned questions', () => {
      expect(f.department).toBe('all');
      expect(f.questions).toBe(13); // 10 IT + 2 HR + c21 without department
      expect(f.deflection).toEqual({ rate: 5 / 13, deflected: 5, questions: 13 });
      // 12 conversations with questions (c1–c10, c20, c21); handed off: 7 IT + c20 + c21 = 9.
      expect(f.handoff).toEqual({ rate: 0.75, handedOff: 9, conversations: 12 });
      expect(f.requests.total).toBe(12);
      // Targets differ per department: none shown; each request is still measured against its own.
      // TTFR values: IT 10 15 20 25 30 45 80 and HR 120 → median (25 + 30) / 2 = 27.5; p90 rank ⌈7.2⌉ = 8 → 120.
      expect(f.firstResponse).toEqual({ count: 8, median: 27.5, p90: 120, targetMinutes: null, withinTarget: 6 / 8, breaches: 3, openBreaches: 1 });
      expect(f.satisfaction).toMatchObject({ count: 7, mean: 28 / 7, goodShare: 5 / 7 });
    });
  });

  it('measures a value-stream task from its release into the queue', () => {
    // Created Monday 16 09:00 (waiting for HR), released Wednesday 18 10:00, answered 10:12, resolved 11:00.
    const task = request({ department: 'it', source: 'value_stream', createdAt: berlin('2026-11-16 09:00'), releasedAt: berlin('2026-11-18 10:00'), firstResponseAt: berlin('2026-11-18 10:12'), resolvedAt: berlin('2026-11-18 11:00') });
    const f = computeDashboard({ requests: [task], events: [], departments: [IT, HR], period: PERIOD, now: NOW, department: 'it' });
    expect(f.firstResponse).toMatchObject({ count: 1, median: 12, withinTarget: 1, breaches: 0 });
    expect(f.resolution).toMatchObject({ count: 1, median: 60, withinTarget: 1 });
  });

  it('has no rates without data', () => {
    const empty = computeDashboard({ requests: [], events: [], departments: [IT, HR], period: PERIOD, now: NOW, department: 'it' });
    expect(empty.deflection.rate).toBeNull();
    expect(empty.handoff.rate).toBeNull();
    expect(empty.firstContactResolution.rate).toBeNull();
    expect(empty.firstResponse).toEqual({ count: 0, median: null, p90: null, targetMinutes: 30, withinTarget: null, breaches: 0, openBreaches: 0 });
    expect(empty.satisfaction.mean).toBeNull();
    expect(empty.volumePerDay).toHaveLength(9);
  });
});
