import type { AppConfig } from '../../config/config';
import { pngSize } from './png';

/** The files of a Teams app package: manifest.json, its localization files and the icons. */
export type PackageFiles = Record<string, Buffer>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICON_SIZES = { color: 192, outline: 32 } as const;
const LIMITS: Array<[string, number]> = [
  ['name.short', 30],
  ['name.full', 100],
  ['description.short', 80],
  ['description.full', 4000],
  ['developer.name', 32]
];

/** Thrown when the configuration lacks what a Teams package needs; the message names each problem. */
export class TeamsPackageError extends Error {}

/** The values filled into the manifest templates, from the configuration. */
export function manifestValues(config: AppConfig, version: string): Record<string, string> {
  const problems: string[] = [];
  const botId = config.MicrosoftAppId;
  if (!botId || !GUID.test(botId)) problems.push('MicrosoftAppId must be the Azure Bot\'s app id (a GUID)');
  const publicUrl = config.PUBLIC_URL?.replace(/\/+$/, '');
  const developerUrl = config.TEAMS_DEVELOPER_URL ?? (publicUrl?.startsWith('https://') ? publicUrl : undefined);
  if (!developerUrl) problems.push('TEAMS_DEVELOPER_URL (or an https PUBLIC_URL) must be set');
  if (problems.length > 0) throw new TeamsPackageError(`Cannot build the Teams package:\n  ${problems.join('\n  ')}`);
  return {
    VERSION: version,
    TEAMS_APP_ID: config.TEAMS_APP_ID ?? botId!,
    BOT_ID: botId!,
    BOT_NAME: config.BOT_NAME,
    COMPANY_NAME: config.COMPANY_NAME,
    BRAND_COLOR: config.BRAND_COLOR,
    DEVELOPER_URL: developerUrl!,
    PRIVACY_URL: config.TEAMS_PRIVACY_URL ?? developerUrl!,
    TERMS_URL: config.TEAMS_TERMS_URL ?? developerUrl!,
    PUBLIC_HOST: publicUrl ? new URL(publicUrl).host : ''
  };
}

/** A JSON template with every `{{NAME}}` in its strings replaced; an unknown name is an error. */
export function fillTemplate(template: string, values: Record<string, string>): unknown {
  return JSON.parse(template, (_key, value) =>
    typeof value === 'string'
      ? value.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
          if (values[name] === undefined) throw new TeamsPackageError(`Unknown placeholder {{${name}}} in a manifest template`);
          return values[name];
        })
      : value
  );
}

/**
 * Checks a Teams app package against what Teams requires on upload: ids, manifest version, lengths,
 * https URLs, bot scopes, every localization file, and icon files of 192x192 and 32x32 pixels.
 * Returns the problems; an empty list means valid.
 */
export function validateTeamsPackage(files: PackageFiles): string[] {
  const problems: string[] = [];
  const manifest = parse(files['manifest.json'], 'manifest.json', problems) as any;
  if (!manifest) return problems;
  const get = (object: any, dotted: string) => dotted.split('.').reduce((value, key) => value?.[key], object);
  if (Number(manifest.manifestVersion) < 1.16) problems.push(`manifestVersion ${manifest.manifestVersion} is older than 1.16`);
  if (!/^\d+\.\d+\.\d+$/.test(manifest.version ?? '')) problems.push('version must be x.y.z');
  if (!GUID.test(manifest.id ?? '')) problems.push('id must be a GUID');
  if (!/^#[0-9a-fA-F]{6}$/.test(manifest.accentColor ?? '')) problems.push('accentColor must be #rrggbb');
  for (const [field, max] of LIMITS) {
    const value = get(manifest, field);
    if (typeof value !== 'string' || value.length === 0 || value.length > max) problems.push(`${field} must have 1-${max} characters`);
  }
  for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    if (!/^https:\/\/\S+$/.test(manifest.developer?.[field] ?? '')) problems.push(`developer.${field} must be an https URL`);
  }
  const bot = manifest.bots?.[0];
  if (!bot || !GUID.test(bot.botId ?? '')) problems.push('bots[0].botId must be a GUID');
  const scopes: string[] = bot?.scopes ?? [];
  if (!scopes.includes('personal') || !scopes.includes('team') || scopes.some((s) => !['personal', 'team', 'groupChat'].includes(s))) {
    problems.push('bots[0].scopes must contain personal and team (and groupChat at most besides)');
  }
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const name = manifest.icons?.[kind];
    try {
      const { width, height } = pngSize(files[name] ?? Buffer.alloc(0));
      if (width !== size || height !== size) problems.push(`icons.${kind} (${name}) is ${width}x${height}, must be ${size}x${size}`);
    } catch {
      problems.push(`icons.${kind} (${name}) is missing or not a PNG`);
    }
  }
  if (!manifest.localizationInfo?.defaultLanguageTag) problems.push('localizationInfo.defaultLanguageTag is missing');
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const strings = parse(files[language.file], language.file, problems) as Record<string, string> | undefined;
    for (const [field, max] of LIMITS.filter(([field]) => !field.startsWith('developer'))) {
      const value = strings?.[field];
      if (strings && (typeof value !== 'string' || value.length === 0 || value.length > max)) problems.push(`${language.file}: ${field} must have 1-${max} characters`);
    }
  }
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.json') && content.toString('utf8').includes('{{')) problems.push(`${name} still contains a {{placeholder}}`);
  }
  return problems;
}

function parse(content: Buffer | undefined, name: string, problems: string[]): unknown {
  if (!content) {
    problems.push(`${name} is missing`);
    return undefined;
  }
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (error) {
    problems.push(`${name} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}
