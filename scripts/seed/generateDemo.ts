import type { InteractionEvent, QuestionEvent } from '../../bot/analytics/interactionLog';
import { KnowledgeBase } from '../../bot/content/knowledgeBase';
import type { Content } from '../../bot/content/loadContent';
import type { Department, FaqEntry, Language } from '../../bot/content/schema';
import { InProcessEventBus } from '../../bot/events/eventBus';
import { addDays, BusinessHours, instantOf, localDateOf } from '../../bot/handoff/businessHours';
import { HandoffService } from '../../bot/handoff/handoffService';
import type { RequestChange } from '../../bot/handoff/requestChange';
import type { Assignee, RequestSource, ServiceRequest, TranscriptLine } from '../../bot/requests/serviceRequest';
import { seededRandom } from '../../bot/nlu/random';
import { GAP_SINGLES, GAP_TOPICS } from './gapQuestions';
import { MemoryRequestStore } from './memoryRequestStore';

/** What the demo data set is generated from. */
export interface DemoOptions {
  content: Content;
  /** Staff who claim, answer and resolve, per department. */
  staff: Record<string, Assignee[]>;
  days: number;
  seed: number;
  /** The end of the data set: nothing happens after it. */
  now: Date;
  /** The number of the first request (continues the queue's sequence). */
  firstNumber: number;
}

export interface DemoData {
  requests: ServiceRequest[];
  events: InteractionEvent[];
}

const MINUTE = 60_000;
/** Share of conversations per department. */
const DEPARTMENT_WEIGHTS: Record<string, number> = { it: 0.4, hr: 0.25, facility: 0.2, finance: 0.15 };
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jan', 'Katrin', 'Lukas', 'Mara', 'Nils', 'Olga', 'Paul', 'Rosa', 'Sven', 'Tara', 'Uwe'];
const LAST_NAMES = ['Albrecht', 'Bauer', 'Demir', 'Engel', 'Fischer', 'Graf', 'Huber', 'Jung', 'Koch', 'Lorenz', 'Meyer', 'Novak', 'Otto', 'Peters', 'Richter', 'Schmid', 'Vogel', 'Weber', 'Yildiz', 'Zimmer'];

const STAFF_REPLIES: Record<Language, string[]> = {
  de: [
    'Danke für Ihre Nachricht, ich kümmere mich darum.',
    'Ich habe mir das angesehen und melde mich gleich mit einer Lösung.',
    'Können Sie mir kurz sagen, seit wann das so ist?',
    'Das erledige ich für Sie, einen Moment bitte.'
  ],
  en: ['Thanks for your message, I am looking into it.', 'I have checked this and will get back to you shortly.', 'Could you tell me since when this happens?', 'I will take care of it, one moment please.']
};
const EMPLOYEE_REPLIES: Record<Language, string[]> = {
  de: ['Danke!', 'Seit heute Morgen.', 'Super, vielen Dank.', 'Alles klar, ich warte.'],
  en: ['Thank you!', 'Since this morning.', 'Great, thanks a lot.', 'Okay, I will wait.']
};

/**
 * Generates a realistic, deterministic demo data set: conversations with the bot over `days` days
 * (questions answered from the FAQ, asked back, not answered, rated unhelpful, "I want a person"),
 * and the requests they led to, worked on by staff through the real HandoffService: claimed,
 * answered within or after the target (in business minutes), transferred, resolved or handed back,
 * rated, cancelled; the newest still open. The same options give the same data.
 */
export async function generateDemoData(options: DemoOptions): Promise<DemoData> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

  const knowledge = new KnowledgeBase(options.content);
  let clock = new Date(options.now);
  const store = new MemoryRequestStore(() => clock, () => `demo-${hex(8)}-${hex(4)}-${hex(4)}-${hex(12)}`, options.firstNumber);
  const handoff = new HandoffService({ store, bus: new InProcessEventBus<RequestChange>(), knowledge, now: () => clock });
  const at = async <T>(when: Date, action: () => Promise<T>): Promise<T> => {
    clock = when;
    return action();
  };

  const departments = options.content.departments.filter((d) => DEPARTMENT_WEIGHTS[d.id] !== undefined);
  const hours = new Map(departments.map((d) => [d.id, new BusinessHours(d.businessHours)]));
  const timeZone = departments[0].businessHours.timeZone;
  // FAQ entries per department and language, in a fixed popularity order (a few topics are asked a lot).
  const popular = new Map<string, FaqEntry[]>();
  for (const d of departments) {
    for (const language of ['de', 'en'] as const) {
      const entries = options.content.faq[language].filter((e) => e.department === d.id && !e.alwaysHuman);
      const order = entries.map((e) => ({ e, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.e);
      popular.set(`${d.id}:${language}`, order);
    }
  }
  const popularEntry = (department: string, language: Language): FaqEntry | undefined => {
    const entries = popular.get(`${department}:${language}`) ?? [];
    if (entries.length === 0) return undefined;
    const weights = entries.map((_, i) => 1 / (i + 1) ** 0.9);
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < entries.length; i++) {
      r -= weights[i];
      if (r <= 0) return entries[i];
    }
    return entries[entries.length - 1];
  };
  const weightedDepartment = (): Department => {
    let r = random();
    for (const d of departments) {
      r -= DEPARTMENT_WEIGHTS[d.id];
      if (r <= 0) return d;
    }
    return departments[departments.length - 1];
  };
  /** A gap question of the department: mostly one of its recurring topics (earlier topics more often). */
  const gapQuestion = (department: string, language: Language): { text: string; language: Language } => {
    const topics = GAP_TOPICS.filter((t) => t.department === department);
    if (topics.length > 0 && chance(0.85)) {
      const topic = chance(0.6) ? topics[0] : pick(topics);
      const inLanguage = topic.questions.filter((q) => q.language === language);
      return pick(inLanguage.length > 0 ? inLanguage : topic.questions);
    }
    const singles = GAP_SINGLES.filter((s) => s.department === department);
    return singles.length > 0 ? pick(singles) : { text: 'Wo finde ich das?', language: 'de' };
  };
  const staffOf = (department: string): Assignee => pick(options.staff[department] ?? [{ username: `${department}.agent`, name: 'Demo Agent' }]);

  const events: InteractionEvent[] = [];
  const end = options.now.getTime();
  const firstDay = addDays(localDateOf(options.now, timeZone), -(options.days - 1));
  let conversationNumber = 0;

  for (let day = firstDay; day <= localDateOf(options.now, timeZone); day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const conversations = weekend ? 3 + Math.floor(random() * 5) : 30 + Math.floor(random() * 22) - (weekday === 5 ? 8 : 0);
    for (let c = 0; c < conversations; c++) {
      const startMinutes = weekend ? 9 * 60 + Math.floor(random() * 11 * 60) : workdayMinute(random);
      const start = instantOf(day, startMinutes, timeZone);
      if (start.getTime() > end - 5 * MINUTE) continue;
      conversationNumber += 1;
      const conversationId = `demo-conv-${day}-${String(c).padStart(3, '0')}`;
      const userId = `demo-user-${Math.floor(random() * 400)}`;
      const language: Language = chance(0.8) ? 'de' : 'en';
      const department = weightedDepartment();
      const channelId = chance(0.6) ? 'msteams' : 'webchat';
      const base = { conversationId, userId, language };
      let t = start.getTime();
      const next = (minMinutes: number, maxMinutes: number) => (t += (minMinutes + random() * (maxMinutes - minMinutes)) * MINUTE);
      const iso = () => new Date(t).toISOString();
      const question = (fields: Omit<QuestionEvent, 'kind' | 'at' | 'conversationId' | 'userId' | 'language'> & { language?: Language }) => {
        events.push({ kind: 'question', at: iso(), ...base, ...fields });
      };
      let requestLanguage = language;

      if (chance(0.15)) {
        question({ text: language === 'de' ? pick(['Hallo', 'Guten Morgen', 'Hi']) : pick(['Hello', 'Hi there']), decision: 'answer', topId: 'greeting', topKind: 'intent', score: 0.93 });
        next(0.2, 1);
      }

      const roll = random();
      let handoffSource: RequestSource | undefined;
      let subject = '';
      if (roll < 0.6) {
        // Answered from the FAQ; some say it helped, a few that it did not.
        const entry = popularEntry(department.id, language);
        if (!entry) continue;
        subject = pick([entry.question, ...entry.alternatives]);
        question({ text: subject, decision: chance(0.9) ? 'answer' : 'disambiguate', topId: entry.id, topKind: 'faq', score: 0.6 + random() * 0.35, department: department.id });
        next(0.3, 2);
        if (chance(0.1)) {
          events.push({ kind: 'feedback', at: iso(), ...base, faqId: entry.id, helpful: false, question: subject, department: department.id });
          if (chance(0.65)) handoffSource = 'not_helpful';
        } else if (chance(0.55)) {
          events.push({ kind: 'feedback', at: iso(), ...base, faqId: entry.id, helpful: true, question: subject, department: department.id });
        }
        if (!handoffSource && chance(0.12)) {
          next(1, 6);
          const another = popularEntry(department.id, language);
          if (another) question({ text: pick([another.question, ...another.alternatives]), decision: 'answer', topId: another.id, topKind: 'faq', score: 0.7, department: department.id });
        }
      } else if (roll < 0.8) {
        // Not answered: a knowledge gap; the bot offers to forward it.
        const gap = gapQuestion(department.id, language);
        subject = gap.text;
        const clarified = chance(0.3);
        requestLanguage = gap.language;
        question({ text: subject, language: gap.language, decision: clarified ? 'clarify' : 'out_of_scope', score: 0.1 + random() * 0.15, department: department.id });
        next(0.2, 1.5);
        events.push({ kind: 'unanswered', at: iso(), ...base, language: gap.language, text: subject, department: department.id });
        if (chance(0.6)) handoffSource = 'out_of_scope';
      } else if (roll < 0.9) {
        subject = language === 'de' ? pick(['Ich möchte mit einem Menschen sprechen', 'Bitte einen Mitarbeiter', 'Kann ich jemanden sprechen?']) : pick(['I want to talk to a person', 'Can I speak to someone?']);
        question({ text: subject, decision: 'answer', topId: 'human', topKind: 'intent', score: 0.9 });
        handoffSource = 'human';
      } else if (roll < 0.95 && department.id === 'it') {
        subject = language === 'de' ? pick(['Mein Laptop startet nicht', 'Der Monitor bleibt schwarz', 'Teams stürzt ständig ab']) : pick(['My laptop does not start', 'Teams keeps crashing']);
        question({ text: subject, decision: 'answer', topId: 'it_problem_report', topKind: 'intent', score: 0.85, department: 'it' });
        handoffSource = 'it_problem_report';
      } else if (roll < 0.95 && department.id === 'hr') {
        subject = language === 'de' ? 'Ich habe ein vertrauliches Anliegen zu meinem Vertrag' : 'I have a confidential question about my contract';
        question({ text: subject, decision: 'answer', topId: 'hr_confidential', topKind: 'intent', score: 0.8, department: 'hr' });
        handoffSource = 'always_human';
      } else {
        const entry = popularEntry(department.id, language);
        if (!entry) continue;
        question({ text: pick(entry.alternatives), decision: 'answer', topId: entry.id, topKind: 'faq', score: 0.8, department: department.id });
      }

      if (!handoffSource) continue;
      next(0.5, 3);
      if (t > end) continue;
      const created = new Date(t);
      const transcript: TranscriptLine[] = [
        { from: 'user', text: subject, at: new Date(start.getTime()).toISOString() },
        { from: 'bot', text: requestLanguage === 'de' ? `Ich leite Ihre Anfrage an ${department.name.de} weiter.` : `I am forwarding your request to ${department.name.en}.`, at: created.toISOString() }
      ];
      const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      const { request } = await at(created, () =>
        handoff.open({
          department: department.id,
          source: handoffSource!,
          language: requestLanguage,
          requester: { userId, name, channelId, conversationId },
          subject,
          details: handoffSource === 'it_problem_report' ? { device: pick(['Laptop', 'Monitor', 'Drucker', 'Headset']), urgency: pick(['normal', 'hoch']) } : {},
          transcript
        })
      );
      await workOn(request, created);
    }
  }

  /** Staff work on a request: maybe a transfer, a first response, a resolution and the employee's rating; never after `now`. */
  async function workOn(request: ServiceRequest, created: Date): Promise<void> {
    let department = request.department;
    let from = created;
    // A few go to the wrong department first and are transferred on.
    if (chance(0.07)) {
      const target = pick(departments.filter((d) => d.id !== department));
      const when = hours.get(department)!.addBusinessMinutes(from, 5 + random() * 40)!;
      if (when.getTime() > end) return;
      await at(when, () => handoff.transfer(request.id, staffOf(department), target.id, 'Gehört zu euch, bitte übernehmen.'));
      department = target.id;
      from = when;
    }
    // Some of the last days' requests are still waiting in the queue (late ones among them).
    if (end - created.getTime() < 4 * 24 * 60 * MINUTE && chance(0.15)) return;
    const targets = departments.find((d) => d.id === department)!.targets;
    const businessHours = hours.get(department)!;
    const createdToFrom = businessHours.businessMinutesBetween(created, from);
    // Most are answered well within the target; a few are overlooked for a long time.
    const overlooked = chance(0.05) ? 4 + random() * 6 : 1;
    const firstDelay = Math.max(2, targets.firstResponseMinutes * 0.42 * Math.exp(0.62 * normal()) * overlooked);
    const responded = businessHours.addBusinessMinutes(created, createdToFrom + firstDelay);
    if (!responded || responded.getTime() > end) {
      // Still waiting; some employees give up after a while.
      if (chance(0.06)) {
        const when = new Date(created.getTime() + (30 + random() * 600) * MINUTE);
        if (when.getTime() <= end) await at(when, () => handoff.cancel(request.id));
      }
      return;
    }
    const staff = staffOf(department);
    await at(new Date(responded.getTime() - MINUTE), () => handoff.claim(request.id, staff));
    await at(responded, () => handoff.staffMessage(request.id, staff, pick(STAFF_REPLIES[request.language])));
    if (chance(0.5)) {
      const reply = new Date(responded.getTime() + (1 + random() * 20) * MINUTE);
      if (reply.getTime() <= end) await at(reply, () => handoff.employeeMessage(request.id, pick(EMPLOYEE_REPLIES[request.language])));
    }
    const resolutionDelay = Math.max(firstDelay + createdToFrom + 5, targets.resolutionMinutes * 0.33 * Math.exp(0.85 * normal()));
    const resolved = businessHours.addBusinessMinutes(created, resolutionDelay);
    if (!resolved || resolved.getTime() > end) return;
    const handedBack = chance(0.05);
    await at(resolved, () =>
      handedBack ? handoff.handBack(request.id, staff, 'Kann der Bot beantworten.') : handoff.resolve(request.id, staff, pick(['Erledigt.', 'Gelöst, siehe Verlauf.', 'Zugang eingerichtet.', 'Beantwortet.']))
    );
    // The satisfaction survey after resolution: solved at first contact? and 1–5 stars.
    const surveyed = new Date(resolved.getTime() + (1 + random() * 30) * MINUTE);
    if (surveyed.getTime() > end || !chance(0.78)) return;
    const late = businessHours.businessMinutesBetween(created, responded) > targets.firstResponseMinutes;
    const solved = chance(handedBack ? 0.5 : 0.86);
    await at(surveyed, () => handoff.rate(request.id, { solved }));
    if (!chance(0.82)) return;
    const rating = ratingFor(random(), solved, late);
    await at(new Date(surveyed.getTime() + MINUTE), () => handoff.rate(request.id, { rating }));
  }

  events.sort((a, b) => a.at.localeCompare(b.at));
  return { requests: await store.listAll(), events };
}

/** Minutes after midnight of a workday question: mornings busiest, a few in the evening. */
function workdayMinute(random: () => number): number {
  const bands: Array<[number, number, number]> = [
    [7 * 60, 9 * 60, 0.18],
    [9 * 60, 12 * 60, 0.36],
    [12 * 60, 14 * 60, 0.15],
    [14 * 60, 17 * 60, 0.22],
    [17 * 60, 20 * 60, 0.07],
    [20 * 60, 23 * 60, 0.02]
  ];
  let r = random();
  for (const [from, to, share] of bands) {
    r -= share;
    if (r <= 0) return from + Math.floor(random() * (to - from));
  }
  return 10 * 60;
}

/** Stars: mostly 4–5; lower when the problem was not solved or the first answer came late. */
function ratingFor(r: number, solved: boolean, late: boolean): number {
  const shift = (solved ? 0 : 1.6) + (late ? 0.7 : 0);
  const score = 4.55 - shift + (r - 0.5) * 2.6;
  return Math.min(5, Math.max(1, Math.round(score)));
}
