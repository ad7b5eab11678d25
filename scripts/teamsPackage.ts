/**
 * Builds the Teams app package to upload (Teams admin center or "Upload a custom app"):
 *
 *   npm run teams:package          # writes dist/teams/anlaufstelle.zip
 *
 * Reads the configuration from the environment and .env: MicrosoftAppId (the bot id), BOT_NAME,
 * COMPANY_NAME, BRAND_COLOR, TEAMS_APP_ID, TEAMS_DEVELOPER_URL (or an https PUBLIC_URL),
 * TEAMS_PRIVACY_URL, TEAMS_TERMS_URL; see .env.example.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../bot/config/config';
import { projectRoot } from '../bot/channels/projectRoot';
import { TeamsPackageError } from '../bot/channels/teams/manifest';
import { buildTeamsPackage } from '../bot/channels/teams/teamsPackage';

function main(): void {
  dotenv.config({ quiet: true });
  const root = projectRoot();
  const outFile = path.join(root, 'dist', 'teams', 'anlaufstelle.zip');
  try {
    const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
    const files = buildTeamsPackage(loadConfig(process.env), { manifestDir: path.join(root, 'manifest'), outFile, version });
    console.log(`Wrote ${outFile} (${Object.keys(files).join(', ')}). Upload it in Teams: Apps → Manage your apps → Upload an app.`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TeamsPackageError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

main();
