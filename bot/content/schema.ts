import { z } from 'zod';

/** Languages the bot speaks. German is first and the fallback. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const nonEmpty = z.string().trim().min(1);
const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'ids are lowercase letters, digits, "-" and "_"');

/** A text in both languages. Every user-facing text of the bot exists in German and English. */
export const localizedText = z.object({ de: nonEmpty, en: nonEmpty }).strict();
export type LocalizedText = z.infer<typeof localizedText>;

const localizedList = z.object({ de: z.array(nonEmpty), en: z.array(nonEmpty) }).strict();

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are HH:MM');
const day = z.array(z.tuple([time, time]).refine(([from, to]) => from < to, 'an interval must end after it starts'));

/** When a department is staffed: weekly intervals in its time zone, and holidays (YYYY-MM-DD). */
export const businessHoursSchema = z
  .object({
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
    weekly: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }).strict(),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'holidays are YYYY-MM-DD')).default([])
  })
  .strict();
export type BusinessHoursDefinition = z.infer<typeof businessHoursSchema>;

/** One service department (IT, HR, Facility, Finance, ...). */
export const departmentSchema = z
  .object({
    id,
    name: localizedText,
    description: localizedText,
    /** Other names employees use for the department ("EDV", "Personalabteilung"). */
    aliases: localizedList,
    /** Words that point to this department when no FAQ entry matches ("Drucker", "Gehalt"). */
    keywords: localizedList,
    businessHours: businessHoursSchema,
    /** Service targets, in business minutes. */
    targets: z.object({ firstResponseMinutes: z.number().int().positive(), resolutionMinutes: z.number().int().positive() }).strict(),
    /** A Teams channel (a stored ConversationReference) that is told about every new request. */
    teamsChannel: z.record(z.string(), z.unknown()).optional()
  })
  .strict();
export type Department = z.infer<typeof departmentSchema>;

export const departmentsFileSchema = z.object({ departments: z.array(departmentSchema).min(1) }).strict();

export const linkSchema = z.object({ title: nonEmpty, url: z.string().url() }).strict();

/** One FAQ entry of `knowledge/<lang>/<department>.json`. */
export const faqEntrySchema = z
  .object({
    id,
    department: id,
    question: nonEmpty,
    alternatives: z.array(nonEmpty).min(1),
    keywords: z.array(nonEmpty).default([]),
    answer: nonEmpty,
    links: z.array(linkSchema).default([]),
    /** Always handed to a person, never answered by the bot (e.g. confidential HR matters). */
    alwaysHuman: z.boolean().default(false)
  })
  .strict();
export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const faqFileSchema = z.object({ entries: z.array(z.unknown()) }).strict();

/** One intent of `intents/<lang>/*.json`: something the employee wants the bot to *do*. */
export const intentSchema = z
  .object({
    id,
    /** The department this intent belongs to, if any (e.g. reporting an IT problem → it). */
    department: id.optional(),
    /** Always handed to a person of `department` (e.g. confidential HR matters). */
    alwaysHuman: z.boolean().default(false),
    /** Starts this value stream's dialog (knowledge/valueStreams.json). */
    valueStream: id.optional(),
    utterances: z.array(nonEmpty).min(3)
  })
  .strict();
export type IntentDefinition = z.infer<typeof intentSchema>;

export const intentFileSchema = z.object({ intents: z.array(z.unknown()) }).strict();

const fieldSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    type: z.enum(['text', 'date', 'choice']),
    label: localizedText,
    prompt: localizedText,
    options: localizedList.optional()
  })
  .strict()
  .refine((field) => field.type !== 'choice' || (field.options && field.options.de.length > 0 && field.options.de.length === field.options.en.length), {
    message: 'a choice field needs the same number of options in both languages'
  });

const taskSchema = z.object({ key: id, department: id, title: localizedText, dependsOn: z.array(id).default([]) }).strict();

/**
 * A request type that fans out into tasks for several departments (onboarding needs HR, then IT and
 * Facility in parallel). The employee starts one request; each department sees its own task.
 */
export const valueStreamSchema = z
  .object({
    id,
    /** Prefix of the request number, e.g. "ONB" for ONB-1004. */
    code: z.string().regex(/^[A-Z]{2,4}$/),
    name: localizedText,
    targets: z.object({ firstResponseMinutes: z.number().int().positive(), resolutionMinutes: z.number().int().positive() }).strict(),
    fields: z.array(fieldSchema).min(1),
    tasks: z.array(taskSchema).min(2)
  })
  .strict()
  .superRefine((stream, ctx) => {
    const keys = new Set(stream.tasks.map((t) => t.key));
    for (const task of stream.tasks) {
      for (const dependency of task.dependsOn) {
        if (!keys.has(dependency)) ctx.addIssue({ code: 'custom', path: ['tasks', task.key], message: `depends on unknown task "${dependency}"` });
      }
    }
    if (!stream.tasks.some((t) => t.dependsOn.length === 0)) ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'at least one task must not depend on others' });
  });
export type ValueStream = z.infer<typeof valueStreamSchema>;

export const valueStreamsFileSchema = z.object({ valueStreams: z.array(z.unknown()) }).strict();
