import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { AppConfig } from '../../config/config';
import { fillTemplate, manifestValues, TeamsPackageError, validateTeamsPackage, type PackageFiles } from './manifest';

/**
 * Builds the Teams app package from the templates in `manifestDir` (manifest.json, localization
 * files, icons) and the configuration, validates it and writes the zip to `outFile`.
 * Throws TeamsPackageError naming what is missing or invalid.
 */
export function buildTeamsPackage(config: AppConfig, options: { manifestDir: string; outFile: string; version: string }): PackageFiles {
  const values = manifestValues(config, options.version);
  const files: PackageFiles = {};
  for (const name of readdirSync(options.manifestDir).sort()) {
    const content = readFileSync(path.join(options.manifestDir, name));
    if (name.endsWith('.json')) {
      const filled = fillTemplate(content.toString('utf8'), values) as Record<string, unknown>;
      if (name === 'manifest.json' && values.PUBLIC_HOST) filled.validDomains = [values.PUBLIC_HOST];
      files[name] = Buffer.from(`${JSON.stringify(filled, null, 2)}\n`);
    } else if (name.endsWith('.png')) files[name] = content;
  }
  const problems = validateTeamsPackage(files);
  if (problems.length > 0) throw new TeamsPackageError(`The Teams package is invalid:\n  ${problems.join('\n  ')}`);
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) zip.addFile(name, content);
  mkdirSync(path.dirname(options.outFile), { recursive: true });
  zip.writeZip(options.outFile);
  return files;
}
