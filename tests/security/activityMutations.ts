/**
 * Deterministic mutations of Bot Framework activities for the fuzzer: a seeded generator, valid seed
 * activities of every kind the channels send, and mutations (fields removed, replaced by values of
 * the wrong type, oversized or hostile text, other content types, broken JSON).
 */

/** The seeded PRNG of the recognizer's training (mulberry32): the same seed gives the same run, so counts compare across commits. */
export { seededRandom } from '../../bot/nlu/random';

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A request body as it goes on the wire: the content type and the raw text (or none). */
export interface FuzzBody {
  contentType?: string;
  body?: string;
}

const TEXTS = [
  'Ich habe mein Passwort vergessen',
  'I forgot my password',
  'Ich möchte mit einem Menschen sprechen',
  'Ich möchte ein IT-Problem melden',
  'Wie ist der Stand meiner Anfrage?',
  'abbrechen',
  'hilfe',
  'Ja',
  'Nein',
  'Monitor',
  'mittel',
  'Ich möchte einen neuen Mitarbeiter anmelden',
  '2027-01-15',
  '3'
];

const HOSTILE_TEXTS = [
  '',
  ' ',
  '\u0000\u0001\u0002',
  '%E0%A4%A',
  '\uD800',
  '🙂'.repeat(500),
  'x'.repeat(3000),
  'Drucker '.repeat(3000),
  '[klick](https://phish.example.com) ![bild](https://evil.example.com/x.png)',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '\u202Eevil',
  '../../../../etc/passwd',
  'a\r\nb\r\n\r\nc'
];

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  'a',
  'x'.repeat(5000),
  [],
  [null],
  [1, 'a', {}],
  {},
  { id: 123 },
  { id: null },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  nested(40)
];

const TYPES = ['message', 'event', 'invoke', 'conversationUpdate', 'typing', 'messageReaction', 'installationUpdate', 'endOfConversation', 'trace', 'handoff', 'delete', '', 'MESSAGE', 'x'.repeat(300)];

/** Paths the mutations touch, besides any path found in the activity itself. */
const FIELDS = [
  'type', 'id', 'text', 'locale', 'from', 'from.id', 'from.name', 'from.aadObjectId', 'from.role', 'recipient', 'recipient.id',
  'conversation', 'conversation.id', 'conversation.tenantId', 'conversation.conversationType', 'channelId', 'serviceUrl', 'value',
  'value.feedback', 'value.state', 'value.faqId', 'name', 'channelData', 'channelData.tenant', 'channelData.tenant.id', 'entities',
  'entities.0', 'attachments', 'attachments.0', 'attachments.0.contentType', 'membersAdded', 'membersAdded.0', 'membersAdded.0.id',
  'membersRemoved', 'replyToId', 'timestamp', 'localTimestamp', 'localTimezone', 'deliveryMode', 'textFormat', 'suggestedActions',
  'reactionsAdded', 'action', 'relatesTo', 'code', 'label', 'valueType'
];

function nested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

function weirdValue(random: Random): unknown {
  const roll = random();
  if (roll < 0.6) return structuredCloneSafe(pick(random, WEIRD_VALUES));
  if (roll < 0.85) return pick(random, HOSTILE_TEXTS);
  return pick(random, TEXTS);
}

function structuredCloneSafe(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function setPath(target: Record<string, any>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: any = target;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = /^\d+$/.test(part) ? [] : {};
    node = node[part];
  }
  node[parts.at(-1)!] = value;
}

function deletePath(target: Record<string, any>, path: string): void {
  const parts = path.split('.');
  let node: any = target;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[part];
  }
  if (node !== null && typeof node === 'object') delete node[parts.at(-1)!];
}

function pathsOf(value: unknown, prefix = '', depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 3) return [];
  return Object.keys(value).flatMap((key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...pathsOf((value as Record<string, unknown>)[key], path, depth + 1)];
  });
}

/** One to three mutations of a copy of `seed`. */
export function mutate(random: Random, seed: Record<string, unknown>): Record<string, unknown> {
  const activity = JSON.parse(JSON.stringify(seed)) as Record<string, any>;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const paths = [...new Set([...pathsOf(activity), ...FIELDS])];
    const path = pick(random, paths);
    const roll = random();
    if (roll < 0.25) deletePath(activity, path);
    else if (roll < 0.35) activity.type = pick(random, TYPES);
    else if (roll < 0.5) activity.text = pick(random, [...HOSTILE_TEXTS, ...TEXTS]);
    else if (roll < 0.6) activity.locale = pick(random, [42, '', 'xx', 'en-US'.repeat(50), { lang: 'de' }, ['de'], null, 'de-DE', 'en']);
    else if (roll < 0.7) activity.value = weirdValue(random);
    else setPath(activity, path, weirdValue(random));
  }
  return activity;
}

/** How a mutated activity goes on the wire: mostly JSON, sometimes another content type or broken JSON. */
export function encode(random: Random, activity: Record<string, unknown>): FuzzBody {
  const json = JSON.stringify(activity);
  const roll = random();
  if (roll < 0.86) return { contentType: 'application/json', body: json };
  if (roll < 0.88) return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(flatStrings(activity)).toString() };
  if (roll < 0.9) return { contentType: 'text/plain', body: json };
  if (roll < 0.92) return { contentType: 'application/json', body: json.slice(0, Math.floor(json.length / 2)) };
  if (roll < 0.94) return { contentType: 'application/json', body: pick(random, ['[]', '[{"type":"message"}]', '42', '"message"', 'null', 'true', '{}']) };
  if (roll < 0.96) return { contentType: undefined, body: undefined };
  if (roll < 0.98) return { contentType: 'application/json; charset=latin1', body: json };
  return { contentType: 'multipart/form-data; boundary=x', body: `--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n` };
}

function flatStrings(activity: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(activity)) flat[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return flat;
}

/** Seeds for `/api/messages`: what Web Chat over Azure, the Emulator and Teams send. */
export function messagesSeeds(random: Random, serviceUrls: { expectReplies: string; connector: string }, conversation: string): Record<string, unknown>[] {
  const base = (channelId: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `fuzz-${Math.floor(random() * 1e9)}`,
    channelId,
    serviceUrl: serviceUrls.expectReplies,
    deliveryMode: 'expectReplies',
    from: { id: `fuzz-user-${conversation}`, name: 'Fuzz Employee' },
    recipient: { id: 'anlaufstelle', name: 'Anlaufstelle' },
    conversation: { id: conversation },
    locale: pick(random, ['de-DE', 'en-US']),
    timestamp: '2026-11-24T09:00:00.000Z',
    ...extra
  });
  const teams = {
    channelId: 'msteams',
    serviceUrl: `${serviceUrls.connector}/`,
    deliveryMode: undefined,
    from: { id: `29:fuzz-${conversation}`, name: 'Fuzz Teams', aadObjectId: `0000000${conversation.length}-0000-0000-0000-000000000000` },
    conversation: { id: `a:${conversation}`, conversationType: 'personal', tenantId: '8f3c2b1a-5d4e-4c7b-9a6f-1e2d3c4b5a69' },
    channelData: { tenant: { id: '8f3c2b1a-5d4e-4c7b-9a6f-1e2d3c4b5a69' } }
  };
  return [
    base('test', { text: pick(random, TEXTS) }),
    base('emulator', { text: pick(random, TEXTS) }),
    base('directline', { text: pick(random, TEXTS) }),
    base('msteams', { ...teams, text: pick(random, TEXTS) }),
    base('test', { text: undefined, value: { feedback: pick(random, ['yes', 'no']), faqId: 'it-password-reset' } }),
    base('test', { type: 'event', name: 'handoff.status', value: { state: pick(random, ['accepted', 'completed', 'failed']), message: 'fertig' } }),
    base('test', { type: 'event', name: 'webchat/join', value: { language: 'de-DE' } }),
    base('test', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data: {} } } }),
    base('test', { type: 'invoke', name: 'fuzz/unknown', value: {} }),
    base('test', { type: 'conversationUpdate', membersAdded: [{ id: `fuzz-user-${conversation}` }, { id: 'anlaufstelle' }] }),
    base('msteams', { ...teams, type: 'installationUpdate', action: 'add' }),
    base('test', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'x' }),
    base('test', { type: 'typing' }),
    base('test', { type: 'endOfConversation', code: 'completedSuccessfully' })
  ];
}

/** Seeds for the Direct Line activity endpoint: what Web Chat posts. */
export function directLineSeeds(random: Random): Record<string, unknown>[] {
  const common = {
    from: { id: 'ignored', name: 'Fuzz Web' },
    locale: pick(random, ['de-DE', 'en-US']),
    localTimezone: 'Europe/Berlin',
    localTimestamp: '2026-11-24T10:00:00.000+01:00',
    channelData: { clientActivityID: `c-${Math.floor(random() * 1e9)}`, clientTimestamp: '2026-11-24T09:00:00.000Z' },
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }]
  };
  return [
    { ...common, type: 'message', text: pick(random, TEXTS), textFormat: 'plain' },
    { ...common, type: 'message', text: pick(random, TEXTS), textFormat: 'plain' },
    { ...common, type: 'message', value: { feedback: pick(random, ['yes', 'no']), faqId: 'it-password-reset' } },
    { ...common, type: 'event', name: 'handoff.status', value: { state: pick(random, ['accepted', 'completed', 'failed']) } },
    { ...common, type: 'event', name: 'webchat/join', value: {} },
    { ...common, type: 'typing' }
  ];
}
