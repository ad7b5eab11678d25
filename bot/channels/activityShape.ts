import { z } from 'zod';

/**
 * The shape of an incoming activity, as far as the bot and the Bot Framework SDK rely on it: the
 * fields they read have the types they expect (a reply copies conversation, accounts and locale,
 * and the SDK's serializer refuses wrong types). Checked before the turn, so that a malformed
 * activity gets 400 and never reaches the dialogs or the conversation's state. Unknown fields pass.
 */

/** null is accepted wherever a field may be left out: some Bot Framework clients send it for "none". */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();
const shortText = (max: number) => optional(z.string().max(max));

const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: shortText(512),
  aadObjectId: shortText(128),
  role: shortText(32)
});

const entity = z.looseObject({ type: z.string().max(128) }).superRefine((value, ctx) => {
  // TurnContext.removeRecipientMention reads mentioned.id of every mention.
  if (value.type.toLowerCase() === 'mention' && (typeof value.mentioned !== 'object' || value.mentioned === null || typeof (value.mentioned as { id?: unknown }).id !== 'string')) {
    ctx.addIssue({ code: 'custom', path: ['mentioned', 'id'], message: 'a mention needs mentioned.id' });
  }
});

/** What a client may set on an activity (Direct Line clients set nothing else). */
export const clientActivityFields = {
  type: z.string().min(1).max(64),
  text: optional(z.string()),
  textFormat: shortText(32),
  locale: shortText(64),
  localTimestamp: shortText(64),
  localTimezone: shortText(128),
  value: z.unknown().optional(),
  name: shortText(256),
  channelData: optional(z.looseObject({ tenant: optional(z.looseObject({ id: shortText(128) })) })),
  entities: optional(z.array(entity).max(64)),
  attachments: optional(z.array(z.looseObject({ contentType: z.string().max(256) })).max(64)),
  replyToId: shortText(512)
};

const withTextForMentions = <T extends z.ZodType<{ text?: string | null; entities?: Array<{ type: string }> | null }>>(schema: T) =>
  schema.superRefine((activity, ctx) => {
    if (activity.entities?.some((e) => e.type.toLowerCase() === 'mention') && typeof activity.text !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'an activity with a mention needs a text' });
    }
  });

/** A client's activity on the Direct Line endpoint. */
export const clientActivitySchema = withTextForMentions(z.looseObject(clientActivityFields));

/** botbuilder's ActivityHandler reads value.action.type of an Adaptive Card action without a check. */
const withCardActionValue = <T extends z.ZodType<{ type: string; name?: string | null; value?: unknown }>>(schema: T) =>
  schema.superRefine((activity, ctx) => {
    if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return;
    const action = (activity.value as { action?: { type?: unknown } } | null | undefined)?.action;
    if (typeof action !== 'object' || action === null || typeof action.type !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['value', 'action', 'type'], message: 'an Adaptive Card action needs value.action.type' });
    }
  });

const channelActivityFields = z.looseObject({
  ...clientActivityFields,
  id: shortText(512),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).refine((url) => /^https?:\/\//i.test(url) && URL.canParse(url), 'must be an http(s) URL'),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    name: shortText(512),
    tenantId: shortText(128),
    conversationType: shortText(64),
    isGroup: optional(z.boolean()),
    aadObjectId: shortText(128),
    role: shortText(32)
  }),
  from: account,
  // TurnContext.removeRecipientMention and every reply read the recipient.
  recipient: account,
  membersAdded: optional(z.array(account).max(1000)),
  membersRemoved: optional(z.array(account).max(1000)),
  deliveryMode: shortText(32),
  timestamp: shortText(64),
  action: shortText(64),
  code: shortText(64),
  reactionsAdded: optional(z.array(z.looseObject({ type: z.string().max(64) })).max(64)),
  reactionsRemoved: optional(z.array(z.looseObject({ type: z.string().max(64) })).max(64))
});

/** An activity a channel posts to `/api/messages`. */
export const channelActivitySchema = withCardActionValue(withTextForMentions(channelActivityFields));

/** Why `body` is not an acceptable activity for `schema` (one line), or undefined when it is. */
export function activityProblem(schema: z.ZodType, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be an activity: a JSON object with a "type".';
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const issues = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`);
  return `The activity is malformed: ${issues.join('; ')}.`;
}
