import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';

/** Listens on an ephemeral loopback port and returns the base URL and a close function. */
export async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections of fetch would hold the server (and jest) open.
      server.server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, close };
}

let sequence = 0;

/** A message activity as a channel would post it, asking for the replies in the HTTP response. */
export function messageActivity(text: string, user = 'employee-http', conversation = 'http-conversation', extra: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    type: 'message',
    id: `activity-${sequence}`,
    text,
    channelId: 'directline',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    from: { id: user, name: 'Test Employee' },
    recipient: { id: 'anlaufstelle-bot', name: 'Anlaufstelle' },
    conversation: { id: conversation },
    timestamp: new Date().toISOString(),
    ...extra
  };
}

/** Posts an activity to /api/messages and returns the status and the reply texts. */
export async function postActivity(url: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity)
  });
  const body = await response.text();
  const json = body ? JSON.parse(body) : undefined;
  const texts: string[] = (json?.activities ?? []).map((a: { text?: string }) => a.text ?? '');
  return { status: response.status, json, texts };
}
