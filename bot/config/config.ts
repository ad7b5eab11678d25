import { z } from 'zod';
import { LANGUAGES } from '../content/schema';

const port = z.coerce.number().int().min(0).max(65535);
const fraction = z.coerce.number().min(0).max(1);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** Every environment variable the bot reads; `.env.example` documents each one. */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3978),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
    INTENTS_DIR: z.string().trim().min(1).default('./intents'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('de'),
    MAX_MESSAGE_LENGTH: z.coerce.number().int().min(20).max(100_000).default(2000),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    THRESHOLD_ANSWER: fraction.default(0.5),
    THRESHOLD_DISAMBIGUATE: fraction.default(0.2),
    THRESHOLD_OUT_OF_SCOPE: fraction.default(0.12),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText
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
  });

export type AppConfig = z.infer<typeof envSchema>;

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
