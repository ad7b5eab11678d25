import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Logger } from 'pino';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { FaqDraftStore } from '../content/faqDrafts';
import { faqDraftInputSchema } from '../content/faqDrafts';
import type { KnowledgeBase } from '../content/knowledgeBase';
import type { LiveKnowledge } from '../content/liveKnowledge';
import { ContentError } from '../content/loadContent';
import type { EventBus } from '../events/eventBus';
import { HandoffConflictError, type HandoffService } from '../handoff/handoffService';
import type { RequestChange } from '../handoff/requestChange';
import { isActive, type RequestStore, type ServiceRequest } from '../requests/serviceRequest';
import { approveFaqDraft, FaqApprovalError } from './faqApproval';
import { targetStatus } from '../metrics/targets';
import type { LoginThrottle } from './loginThrottle';
import { verifyPassword } from './passwords';
import { DEMO_PASSWORD, toStaffUser, type StaffAccount, type StaffUser } from './staffAccounts';
import type { StaffSessions } from './staffSessions';
import type { Clock } from '../clock';

export const SESSION_COOKIE = 'anl_staff';
const RECENTLY_RESOLVED_MS = 24 * 60 * 60_000;
const PING_MS = 25_000;
/** Verifying against this keeps the time of a failed sign-in the same whether or not the account exists. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface StaffApiDependencies {
  accounts: readonly StaffAccount[];
  sessions: StaffSessions;
  throttle: LoginThrottle;
  handoff: HandoffService;
  requests: RequestStore;
  drafts: FaqDraftStore;
  liveKnowledge: LiveKnowledge;
  knowledge: KnowledgeBase;
  bus: EventBus<RequestChange>;
  logger: Logger;
  /** Mark the session cookie Secure (production, behind HTTPS). */
  secureCookies: boolean;
  /** Refuse sign-ins with the shipped demo password (production). */
  refuseDemoPassword: boolean;
  /** The client's address (X-Forwarded-For only from trusted proxies), for the login throttle. */
  clientAddress: (req: Request) => string;
  sessionLifetimeMs: number;
  /** The app's clock (target states, which resolved requests are still shown). */
  now: Clock;
}

type Handler = (req: Request, res: Response, user: StaffUser) => Promise<void>;

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();
const textSchema = z.object({ text: z.string().trim().min(1).max(4000) }).strict();
const noteSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();
const transferSchema = z.object({ department: z.string().min(1), note: z.string().trim().max(2000).default('') }).strict();

/** Answers with the status and `{ error }`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

/**
 * The staff console's JSON API (docs/staff-api.md): sign-in with lockout, the department's queue,
 * request actions, live events (server-sent events) and FAQ drafts.
 */
export function registerStaffApi(server: Server, deps: StaffApiDependencies): void {
  const { now } = deps;
  const departmentsOf = () => deps.knowledge.departments.map((d) => ({ id: d.id, name: d.name.de }));

  // What the staff API answers is personal data: no browser or proxy may keep a copy.
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.getPath().startsWith('/api/staff/')) res.header('cache-control', 'no-store');
    return next();
  });

  server.post('/api/staff/login', async (req, res) => {
    try {
      requireJson(req);
      const { username, password } = parse(loginSchema, req.body);
      const address = deps.clientAddress(req);
      const wait = await deps.throttle.waitFor(username, address);
      if (wait > 0) throw waitError(wait);
      const account = deps.accounts.find((a) => a.username === username);
      const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !valid) {
        const next = await deps.throttle.failed(username, address);
        throw new ApiError(401, 'Benutzername oder Passwort ist falsch.', next > 0 ? { retryAfterSeconds: Math.ceil(next / 1000) } : {});
      }
      if (deps.refuseDemoPassword && password === DEMO_PASSWORD) {
        deps.logger.warn({ staff: username }, 'sign-in with the demo password refused in production');
        throw new ApiError(403, 'Dieses Konto hat das Demo-Passwort und kann sich im Produktivbetrieb nicht anmelden. Bitte vergeben Sie ein eigenes Passwort (npm run staff:hash).');
      }
      await deps.throttle.succeeded(username);
      const user = toStaffUser(account);
      const session = await deps.sessions.create(user);
      res.header('Set-Cookie', cookie(session, deps.sessionLifetimeMs / 1000, deps.secureCookies));
      deps.logger.info({ staff: username }, 'staff signed in');
      res.send(200, { user });
    } catch (error) {
      fail(res, error, deps.logger);
    }
  });

  server.post('/api/staff/logout', async (req, res) => {
    await deps.sessions.end(sessionId(req));
    res.header('Set-Cookie', cookie('', 0, deps.secureCookies));
    res.send(204);
  });

  const route = (method: 'get' | 'post', path: string, handler: Handler) => {
    server[method](path, async (req: Request, res: Response) => {
      try {
        const user = await deps.sessions.user(sessionId(req));
        if (!user) throw new ApiError(401, 'Bitte melden Sie sich an.');
        if (method === 'post') requireJson(req);
        await handler(req, res, user);
      } catch (error) {
        fail(res, error, deps.logger);
      }
    });
  };

  route('get', '/api/staff/me', async (_req, res, user) => {
    res.send(200, { user, departments: departmentsOf() });
  });

  route('get', '/api/staff/requests', async (_req, res, user) => {
    const since = now().getTime() - RECENTLY_RESOLVED_MS;
    const departments = user.role === 'admin' ? deps.knowledge.departments.map((d) => d.id) : [user.department];
    const requests: ServiceRequest[] = [];
    for (const department of departments) {
      const queue = await deps.requests.listByDepartment(department);
      // Open, in-progress and waiting tasks stay in the list however old; closed ones for a day.
      requests.push(...queue.filter((r) => isActive(r) || r.status === 'waiting' || Date.parse(r.updatedAt) >= since));
    }
    res.send(200, { requests: await withPositions(requests, deps.handoff, deps.knowledge, now()) });
  });

  const requestRoute = (method: 'get' | 'post', path: string, act: (request: ServiceRequest, req: Request, user: StaffUser) => Promise<ServiceRequest>) =>
    route(method, path, async (req, res, user) => {
      const request = await deps.handoff.get(req.params.id);
      if (!request) throw new ApiError(404, 'Anfrage nicht gefunden.');
      if (request.department !== user.department && user.role !== 'admin') throw new ApiError(403, 'Diese Anfrage gehört zu einer anderen Abteilung.');
      // A claimed request is its assignee's: another agent may read it, but only the assignee or a lead acts on it.
      // (Claiming what another has claimed is a conflict, 409, for everybody: see HandoffService.claim.)
      const claimedByOther = request.status === 'in_progress' && request.assignee && request.assignee.username !== user.username;
      if (method === 'post' && !path.endsWith('/claim') && claimedByOther && user.role === 'agent') throw new ApiError(403, `${request.number} bearbeitet ${request.assignee!.name}.`);
      const result = await act(request, req, user);
      res.send(200, { request: (await withPositions([result], deps.handoff, deps.knowledge, now()))[0] });
    });

  const assignee = (user: StaffUser) => ({ username: user.username, name: user.name });
  requestRoute('get', '/api/staff/requests/:id', async (request) => request);
  requestRoute('post', '/api/staff/requests/:id/claim', (request, _req, user) => deps.handoff.claim(request.id, assignee(user)));
  requestRoute('post', '/api/staff/requests/:id/messages', (request, req, user) =>
    deps.handoff.staffMessage(request.id, assignee(user), parse(textSchema, req.body).text)
  );
  requestRoute('post', '/api/staff/requests/:id/transfer', (request, req, user) => {
    const { department, note } = parse(transferSchema, req.body);
    return deps.handoff.transfer(request.id, assignee(user), department, note);
  });
  requestRoute('post', '/api/staff/requests/:id/resolve', (request, req, user) =>
    deps.handoff.resolve(request.id, assignee(user), parse(noteSchema, req.body ?? {}).note ?? '')
  );
  requestRoute('post', '/api/staff/requests/:id/handback', (request, req, user) =>
    deps.handoff.handBack(request.id, assignee(user), parse(noteSchema, req.body ?? {}).note)
  );

  route('get', '/api/staff/events', async (req, res, user) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const unsubscribe = deps.bus.subscribe((change) => {
      if (user.role !== 'admin' && change.department !== user.department) return;
      res.write(`event: request\ndata: ${JSON.stringify({ type: change.type, request: visibleRequest(change.request) })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });

  route('get', '/api/staff/faq-drafts', async (_req, res, user) => {
    res.send(200, { drafts: await deps.drafts.list(user.role === 'admin' ? undefined : user.department) });
  });

  route('post', '/api/staff/faq-drafts', async (req, res, user) => {
    const draft = await deps.drafts.create(parse(faqDraftInputSchema, req.body), user.department, user.name);
    res.send(201, { draft });
  });

  route('post', '/api/staff/faq-drafts/:id/approve', async (req, res, user) => {
    // Shared with the dashboard's one-step FAQ entry for a knowledge gap (bot/staff/faqApproval.ts).
    const { entry } = await approveFaqDraft(deps, req.params.id, user);
    deps.logger.info({ staff: user.username, entry: entry.id }, 'FAQ entry approved');
    res.send(200, { entry });
  });
}

/**
 * What the console sees of requests: without the stored conversation reference, with the queue
 * position of open requests and the state of both service targets (for highlighting).
 */
async function withPositions(requests: ServiceRequest[], handoff: HandoffService, knowledge: KnowledgeBase, now: Date): Promise<Array<ServiceRequest & { queuePosition?: number }>> {
  return Promise.all(
    requests.map(async (r) => {
      const department = knowledge.department(r.department);
      const target = department ? targetStatus(r, department, now) : undefined;
      const visible = {
        ...visibleRequest(r),
        ...(target && {
          targetStatus: {
            firstResponse: target.firstResponse,
            resolution: target.resolution,
            firstResponseDueAt: target.firstResponseDueAt,
            resolutionDueAt: target.resolutionDueAt
          }
        })
      };
      return r.status === 'open' ? { ...visible, queuePosition: (await handoff.position(r)).position } : visible;
    })
  ) as Promise<Array<ServiceRequest & { queuePosition?: number }>>;
}

/** A request as staff see it, in the REST API and the live events: without the stored conversation reference. */
function visibleRequest(request: ServiceRequest): ServiceRequest {
  const { requester, ...rest } = request;
  return { ...rest, requester: { userId: requester.userId, name: requester.name, channelId: requester.channelId, conversationId: requester.conversationId } };
}

function sessionId(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] : undefined;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: Math.floor(maxAgeSeconds) });
}

function requireJson(req: Request): void {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'Bitte senden Sie JSON (content-type: application/json).');
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ApiError(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

function waitError(ms: number): ApiError {
  const seconds = Math.ceil(ms / 1000);
  return new ApiError(429, `Zu viele Fehlversuche. Bitte versuchen Sie es in ${seconds} Sekunden erneut.`, { retryAfterSeconds: seconds });
}

function fail(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof ApiError) {
    res.send(error.status, { error: error.message, ...error.extra });
  } else if (error instanceof FaqApprovalError) {
    res.send(error.status, { error: error.message });
  } else if (error instanceof HandoffConflictError) {
    res.send(409, { error: error.message });
  } else if (error instanceof ContentError) {
    res.send(400, { error: error.message });
  } else {
    logger.error({ err: error }, 'staff API failed');
    res.send(500, { error: 'Interner Fehler.' });
  }
}
