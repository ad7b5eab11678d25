import http from 'node:http';
import type { ConversationScript } from './workload';

/** How one load phase is driven and bounded. */
export interface LoadOptions {
  /** Concurrent connections; each runs its conversations one after another, turn by turn. */
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Hard bound on turns sent, warm-up included. */
  maxTurns: number;
  /** Prefix of conversation and user ids, so phases and runs never share a conversation. */
  idPrefix: string;
  /** Give up on one request after this long (counted as an error). */
  requestTimeoutMs?: number;
  /** Check replies against the turns' expectations (off for the echo bot). */
  checkReplies?: boolean;
  /** The server's CPU time so far in ms, sampled when measuring starts and ends (see cpuMsPerTurn). */
  serverCpuMs?: () => number;
}

/** What a load phase measured; latencies are of turns started after the warm-up. */
export interface LoadResult {
  turns: number;
  measuredMs: number;
  turnsPerSecond: number;
  latenciesMs: Float64Array;
  /** Measured latencies per conversation step ("it-report#6" = the report's sixth turn). */
  latenciesByStep: Map<string, number[]>;
  conversations: number;
  /** HTTP errors, timeouts and non-JSON answers (all turns). */
  errors: number;
  /** Replies that did not match a turn's expectation (e.g. no ticket number at the end of a report). */
  unexpected: number;
  /** Server CPU time per measured turn in ms (NaN without `serverCpuMs`): less sensitive to a busy machine than turns/s. */
  cpuMsPerTurn: number;
  samples: string[];
}

interface Reply {
  status: number;
  texts: string[];
}

/** One HTTP POST of an activity over the keep-alive agent; resolves with the status and reply texts. */
function post(agent: http.Agent, url: URL, body: string, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const json = text ? JSON.parse(text) : {};
            const texts = (json.activities ?? []).map((a: { text?: string }) => a.text ?? '');
            resolve({ status: response.statusCode ?? 0, texts });
          } catch {
            resolve({ status: response.statusCode ?? 0, texts: [] });
          }
        });
        response.on('error', reject);
      }
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** The JSON body of an employee's message that asks for the replies in the response (expectReplies). */
export function activity(text: string, conversation: string, user: string, locale: string, sequence: number): string {
  return JSON.stringify({
    type: 'message',
    id: `${conversation}-${sequence}`,
    text,
    locale,
    channelId: 'directline',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    from: { id: user, name: 'Bench Employee' },
    recipient: { id: 'anlaufstelle-bot', name: 'Anlaufstelle' },
    conversation: { id: conversation },
    timestamp: new Date().toISOString()
  });
}

/**
 * Drives a bot at `baseUrl` (POST /api/messages, deliveryMode expectReplies) with scripted
 * conversations over `connections` keep-alive connections. Bounded by warm-up + duration and by
 * `maxTurns`; a conversation cut off by the end is simply left unfinished.
 */
export async function runLoad(baseUrl: string, nextConversation: () => ConversationScript, options: LoadOptions): Promise<LoadResult> {
  const url = new URL('/api/messages', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const started = performance.now();
  const measureFrom = started + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  const latencies: number[] = [];
  const byStep = new Map<string, number[]>();
  let sent = 0;
  let measured = 0;
  let conversations = 0;
  let errors = 0;
  let unexpected = 0;
  const samples: string[] = [];
  const note = (message: string) => samples.length < 5 && samples.push(message);

  const worker = async (index: number) => {
    for (let n = 0; ; n++) {
      if (performance.now() >= stopAt || sent >= options.maxTurns) return;
      const script = nextConversation();
      const conversation = `${options.idPrefix}-c${index}-${n}`;
      // Each connection has its own users, so one user's state is never written by two turns at once.
      const user = `${options.idPrefix}-u${index}-${n % 25}`;
      conversations++;
      for (let t = 0; t < script.turns.length; t++) {
        if (performance.now() >= stopAt || sent >= options.maxTurns) return;
        const turn = script.turns[t];
        sent++;
        const begin = performance.now();
        try {
          const reply = await post(agent, url, activity(turn.text, conversation, user, script.locale, t), timeoutMs);
          const end = performance.now();
          if (begin >= measureFrom && end <= stopAt) {
            latencies.push(end - begin);
            const step = `${script.kind}#${t + 1}`;
            if (!byStep.has(step)) byStep.set(step, []);
            byStep.get(step)!.push(end - begin);
            measured++;
          }
          if (reply.status !== 200 || reply.texts.length === 0) {
            errors++;
            note(`${script.kind} "${turn.text}": HTTP ${reply.status}, ${reply.texts.length} replies`);
          } else if (options.checkReplies !== false && turn.expect && !reply.texts.some((text) => turn.expect!.test(text))) {
            unexpected++;
            note(`${script.kind} "${turn.text}": got "${reply.texts.join(' | ').slice(0, 160)}"`);
          }
        } catch (error) {
          errors++;
          note(`${script.kind} "${turn.text}": ${(error as Error).message}`);
        }
      }
    }
  };

  let cpuAtStart = Number.NaN;
  const cpuTimer = setTimeout(() => (cpuAtStart = options.serverCpuMs?.() ?? Number.NaN), options.warmupMs);
  await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)));
  clearTimeout(cpuTimer);
  const cpuAtEnd = options.serverCpuMs?.() ?? Number.NaN;
  agent.destroy();
  const measuredMs = Math.min(performance.now(), stopAt) - Math.min(measureFrom, performance.now());
  return {
    turns: measured,
    measuredMs,
    turnsPerSecond: measuredMs > 0 ? (measured / measuredMs) * 1000 : 0,
    latenciesMs: Float64Array.from(latencies),
    latenciesByStep: byStep,
    conversations,
    errors,
    unexpected,
    cpuMsPerTurn: measured > 0 ? (cpuAtEnd - cpuAtStart) / measured : Number.NaN,
    samples
  };
}
