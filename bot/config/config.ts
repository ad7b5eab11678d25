import { z } from 'zod';
import { LANGUAGES } from '../content/schema';
import { isAddressOrRange } from '../http/clientAddress';

const port = z.coerce.number().int().min(0).max(65535);
const fraction = z.coerce.number().min(0).max(1);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));
// --- Channels (web chat, Direct Line, Teams) ---
const httpUrl = (protocols: string[]) =>
  optionalText.pipe(
    z
      .string()
      .refine((value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`)
      .transform((value) => value.replace(/\/+$/, ''))
      .optional()
  );
/** An empty value (a copied .env.example line) means the default. */
const emptyAsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);
const commaList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));
// --- end channels ---
const perMinute = (fallback: number) => emptyAsUnset(z.coerce.number().int().min(0).max(1_000_000).default(fallback));
const flag = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['true', 'false']).default('false')).transform((v) => v === 'true');

/** Every environment variable the bot reads; `.env.example` documents each one. */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3978),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    STATE_WRITE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
    STATE_CACHE_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(2000),
    KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
    INTENTS_DIR: z.string().trim().min(1).default('./intents'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('de'),
    MAX_MESSAGE_LENGTH: z.coerce.number().int().min(20).max(100_000).default(2000),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    THRESHOLD_ANSWER: fraction.default(0.5),
    THRESHOLD_DISAMBIGUATE: fraction.default(0.2),
    THRESHOLD_OUT_OF_SCOPE: fraction.default(0.12),
    STAFF_ACCOUNTS_FILE: z.string().trim().min(1).default('./staff/accounts.json'),
    STAFF_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 30).default(12),
    HANDOFF_EVENTS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    PUBLIC_URL: optionalText.refine((value) => !value || URL.canParse(value), 'must be a URL such as https://bot.example.com'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    // --- Service dashboard and metrics (bot/metrics, docs/dashboard.md) ---
    /** Bearer token for GET /metrics; unset: /metrics is open. */
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** Days (today included) the /metrics gauges are computed over. */
    METRICS_WINDOW_DAYS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(1).max(366).default(30)),
    // --- end dashboard ---
    // --- Channels (web chat, Direct Line, Teams); see bot/channels and README "Channels" ---
    // PUBLIC_URL (above) is shared: the web chat page, Direct Line stream and connector URLs derive from it.
    BOT_NAME: emptyAsUnset(z.string().trim().max(30).default('Anlaufstelle')),
    COMPANY_NAME: emptyAsUnset(z.string().trim().max(80).default('Musterfirma GmbH')),
    BRAND_COLOR: emptyAsUnset(
      z
        .string()
        .trim()
        .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #0b5cab (quoted in .env: "#0b5cab")')
        .default('#0b5cab')
    ),
    DIRECT_LINE_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    DIRECT_LINE_TOKEN_TTL_SECONDS: emptyAsUnset(z.coerce.number().int().min(60).max(86_400).default(1800)),
    DIRECT_LINE_RETENTION_DAYS: emptyAsUnset(z.coerce.number().int().min(0).max(3650).default(30)),
    DIRECT_LINE_CONNECTOR_URL: httpUrl(['http:', 'https:']),
    WEBCHAT_ALLOWED_ORIGINS: commaList,
    TEAMS_ALLOWED_TENANTS: commaList,
    TEAMS_APP_ID: optionalText.pipe(z.uuid('must be a GUID').optional()),
    TEAMS_DEVELOPER_URL: httpUrl(['https:']),
    TEAMS_PRIVACY_URL: httpUrl(['https:']),
    TEAMS_TERMS_URL: httpUrl(['https:']),
    // --- end channels ---
    // --- Exposure to anonymous users (README "Deployment") ---
    DIRECT_LINE_STREAMS_PER_CONVERSATION: emptyAsUnset(z.coerce.number().int().min(1).max(100).default(4)),
    DIRECT_LINE_STREAMS_PER_ADDRESS: emptyAsUnset(z.coerce.number().int().min(0).max(1_000_000).default(2000)),
    DIRECT_LINE_POSTS_PER_MINUTE_PER_CONVERSATION: perMinute(120),
    DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS: perMinute(3000),
    DIRECT_LINE_STARTS_PER_MINUTE_PER_ADDRESS: perMinute(600),
    TRUSTED_PROXIES: commaList.refine((list) => list.every(isAddressOrRange), 'must be IP addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5, 10.1.0.0/16)'),
    ALLOW_UNAUTHENTICATED_MESSAGES: flag,
    ALLOWED_SERVICE_URLS: commaList.refine(
      (list) => list.every((url) => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol)),
      'must be http(s) URLs, comma-separated'
    ),
    AGENT_HUB_CHANNELS: commaList
  })
  .superRefine((env, ctx) => {
    if (!(env.THRESHOLD_OUT_OF_SCOPE <= env.THRESHOLD_DISAMBIGUATE && env.THRESHOLD_DISAMBIGUATE <= env.THRESHOLD_ANSWER)) {
      ctx.addIssue({
        code: 'custom',
        path: ['THRESHOLD_ANSWER'],
        message: 'thresholds must satisfy THRESHOLD_OUT_OF_SCOPE <= THRESHOLD_DISAMBIGUATE <= THRESHOLD_ANSWER'
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for MicrosoftAppType=SingleTenant' });
    }
    // Channels: a generated Direct Line secret would change on every restart and differ between instances.
    if (env.NODE_ENV === 'production' && !env.DIRECT_LINE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['DIRECT_LINE_SECRET'], message: 'is required in production (web chat tokens are signed with it)' });
    }
    // Without Bot Framework authentication anyone who reaches /api/messages can claim any user id.
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && !env.ALLOW_UNAUTHENTICATED_MESSAGES) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'is required in production: without it POST /api/messages accepts any activity from anyone. Behind a gateway that authenticates every caller, set ALLOW_UNAUTHENTICATED_MESSAGES=true instead'
      });
    }
  });

export type AppConfig = z.infer<typeof envSchema>;

/** The names of every variable the bot reads (each documented in `.env.example`). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Thrown when the environment holds an invalid configuration; the message names every bad variable. */
export class ConfigError extends Error {}

/** Parses and validates the configuration from an environment (usually `process.env` after dotenv). */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}\nSee .env.example for every variable.`);
  }
  return parsed.data;
}
