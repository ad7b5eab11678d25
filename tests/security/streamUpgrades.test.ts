import net from 'node:net';
import WebSocket from 'ws';
import { channelServer, type ChannelServer } from '../channels/helpers/channelServer';

/** Sends a raw WebSocket upgrade request; resolves with the status line and whether the server closed the socket. */
function rawUpgrade(url: string, path: string): Promise<{ statusLine: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
      );
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => resolve({ statusLine: received.split('\r\n')[0], closed: true }));
    socket.on('error', reject);
    setTimeout(() => {
      resolve({ statusLine: received.split('\r\n')[0], closed: false });
      socket.destroy();
    }, 3000);
  });
}

/** Opens a stream URL: 101 when it opens (the socket is kept open until the test closes it), else the HTTP status. */
function openStream(url: string, headers: Record<string, string> = {}): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => resolve({ status: 101, socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('WebSocket upgrades: nothing a client sends takes the server down or holds it open', () => {
  let server: ChannelServer;
  const json = { 'content-type': 'application/json' };
  const conversation = async () => {
    const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    return { token, conversationId };
  };
  const streamUrl = async (token: string, conversationId: string) =>
    ((await (await fetch(`${server.url}/v3/directline/conversations/${conversationId}`, { headers: { ...json, authorization: `Bearer ${token}` } })).json()) as { streamUrl: string }).streamUrl;

  beforeAll(async () => {
    server = await channelServer({ DIRECT_LINE_STREAMS_PER_CONVERSATION: '3' });
  });
  afterAll(() => server.close());

  it('answers an upgrade with a malformed percent-encoding with 400 and keeps serving (it used to crash the process)', async () => {
    const { statusLine, closed } = await rawUpgrade(server.url, '/v3/directline/conversations/%E0%A4%A/stream?t=x');
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(closed).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers upgrades to any other path with 404 and closes them, also hundreds of them', async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => rawUpgrade(server.url, i % 2 ? '/api/messages' : `/anything/${i}`)));
    expect(new Set(answers.map((a) => a.statusLine))).toEqual(new Set(['HTTP/1.1 404 Not Found']));
    expect(answers.every((a) => a.closed)).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('opens one stream per stream URL: the token of a used URL is refused', async () => {
    const { token, conversationId } = await conversation();
    const url = await streamUrl(token, conversationId);
    const first = await openStream(url);
    expect(first.status).toBe(101);
    const reused = await Promise.all(Array.from({ length: 40 }, () => openStream(url)));
    expect(new Set(reused.map((r) => r.status))).toEqual(new Set([403]));
    first.socket!.close();
  });

  it('allows only a few open streams per conversation, and a closed one frees its place', async () => {
    const { token, conversationId } = await conversation();
    const opened: Array<{ status: number; socket?: WebSocket }> = [];
    for (let i = 0; i < 3; i++) opened.push(await openStream(await streamUrl(token, conversationId)));
    expect(opened.map((o) => o.status)).toEqual([101, 101, 101]);
    expect((await openStream(await streamUrl(token, conversationId))).status).toBe(429);
    // Another conversation is not affected.
    const other = await conversation();
    const theirs = await openStream(await streamUrl(other.token, other.conversationId));
    expect(theirs.status).toBe(101);
    await new Promise<void>((resolve) => {
      opened[0].socket!.once('close', () => resolve());
      opened[0].socket!.close();
    });
    // The server sees the close a moment after the client.
    let again = { status: 0 } as { status: number; socket?: WebSocket };
    for (let attempt = 0; attempt < 20 && again.status !== 101; attempt++) {
      again = await openStream(await streamUrl(token, conversationId));
      if (again.status !== 101) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(again.status).toBe(101);
    for (const socket of [...opened.slice(1), theirs, again].map((o) => o.socket)) socket?.close();
  });

  it('refuses larger messages from a client on the stream (it needs to send nothing)', async () => {
    const { token, conversationId } = await conversation();
    const { socket } = await openStream(await streamUrl(token, conversationId));
    const closed = new Promise<number>((resolve) => socket!.on('close', (code) => resolve(code)));
    socket!.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
  });
});

describe('WebSocket streams per client address', () => {
  it('caps the open streams of one client address over all its conversations; a colleague behind the trusted proxy is not affected', async () => {
    const server = await channelServer({ DIRECT_LINE_STREAMS_PER_ADDRESS: '3', TRUSTED_PROXIES: '127.0.0.1, ::1' });
    const from = (client: string) => ({ 'x-forwarded-for': client });
    const streamFor = async (client: string) => {
      const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST', headers: from(client) })).json()) as { token: string; conversationId: string };
      const { streamUrl } = (await (await fetch(`${server.url}/v3/directline/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}`, ...from(client) } })).json()) as {
        streamUrl: string;
      };
      return openStream(streamUrl, from(client));
    };
    const attacker = [];
    for (let i = 0; i < 4; i++) attacker.push(await streamFor('198.51.100.7'));
    expect(attacker.map((a) => a.status)).toEqual([101, 101, 101, 429]);
    const colleague = await streamFor('192.0.2.20');
    expect(colleague.status).toBe(101);
    for (const { socket } of [...attacker, colleague]) socket?.close();
    await server.close();
  });
});
