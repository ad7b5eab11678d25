import path from 'node:path';
import AdmZip from 'adm-zip';
import { projectRoot } from '../../../bot/channels/projectRoot';
import { validateTeamsPackage, type PackageFiles } from '../../../bot/channels/teams/manifest';
import { pngSize } from '../../../bot/channels/teams/png';
import { buildTeamsPackage } from '../../../bot/channels/teams/teamsPackage';
import { loadConfig } from '../../../bot/config/config';
import { makeTempDir } from '../../helpers/tempDir';

const BOT_ID = '4a1f6f38-1a9c-4a3d-9d2d-6b1f0b7a9e11';
const APP_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const env = {
  MicrosoftAppId: BOT_ID,
  MicrosoftAppPassword: 'unused',
  TEAMS_APP_ID: APP_ID,
  PUBLIC_URL: 'https://bot.example.com/',
  TEAMS_PRIVACY_URL: 'https://intranet.example.com/datenschutz',
  COMPANY_NAME: 'Beispiel AG',
  BRAND_COLOR: '#aa3300'
};

describe('Teams app package (npm run teams:package)', () => {
  let files: PackageFiles;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir('anlaufstelle-teams-');
    cleanup = temp.cleanup;
    const outFile = path.join(temp.dir, 'anlaufstelle.zip');
    buildTeamsPackage(loadConfig(env), { manifestDir: path.join(projectRoot(), 'manifest'), outFile, version: '1.2.3' });
    files = Object.fromEntries(new AdmZip(outFile).getEntries().map((entry) => [entry.entryName, entry.getData()]));
  });
  afterAll(() => cleanup());

  const manifest = () => JSON.parse(files['manifest.json'].toString('utf8'));

  it('zips manifest, localization and icons at the top level', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
  });

  it('fills in the app id, bot id, names, colour, version and URLs from the configuration', () => {
    expect(manifest()).toMatchObject({
      manifestVersion: '1.17',
      version: '1.2.3',
      id: APP_ID,
      accentColor: '#aa3300',
      developer: { name: 'Beispiel AG', websiteUrl: 'https://bot.example.com', privacyUrl: 'https://intranet.example.com/datenschutz', termsOfUseUrl: 'https://bot.example.com' },
      name: { short: 'Anlaufstelle' },
      validDomains: ['bot.example.com']
    });
    expect(manifest().bots[0].botId).toBe(BOT_ID);
    expect(Object.values(files).some((content) => content.toString('utf8').includes('{{'))).toBe(false);
  });

  it('installs the bot in personal and team scope', () => {
    expect(manifest().bots[0].scopes).toEqual(expect.arrayContaining(['personal', 'team']));
  });

  it('describes the app in German (default) and English (localization file)', () => {
    expect(manifest().localizationInfo).toEqual({ defaultLanguageTag: 'de-de', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] });
    expect(manifest().description.short).toMatch(/Ihr erster Kontakt/);
    const english = JSON.parse(files['en-us.json'].toString('utf8'));
    expect(english['description.short']).toMatch(/Your first point of contact/);
    expect(english['description.full']).toContain('Beispiel AG');
  });

  it('has a 192x192 colour icon and a 32x32 outline icon', () => {
    expect(pngSize(files[manifest().icons.color])).toEqual({ width: 192, height: 192 });
    expect(pngSize(files[manifest().icons.outline])).toEqual({ width: 32, height: 32 });
  });

  it('passes the validation, which catches what Teams would refuse', () => {
    expect(validateTeamsPackage(files)).toEqual([]);
    const broken = { ...files, 'manifest.json': Buffer.from(JSON.stringify({ ...manifest(), id: 'nope', bots: [{ botId: BOT_ID, scopes: ['groupChat'] }] })), 'outline.png': files['color.png'] };
    expect(validateTeamsPackage(broken)).toEqual(['id must be a GUID', 'bots[0].scopes must contain personal and team (and groupChat at most besides)', 'icons.outline (outline.png) is 192x192, must be 32x32']);
  });

  it('names what is missing when the bot id or an https URL is not configured', () => {
    const build = () => buildTeamsPackage(loadConfig({ PUBLIC_URL: 'http://localhost:3978' }), { manifestDir: path.join(projectRoot(), 'manifest'), outFile: '/nonexistent/x.zip', version: '1.0.0' });
    expect(build).toThrow(/MicrosoftAppId must be the Azure Bot's app id[\s\S]*TEAMS_DEVELOPER_URL/);
  });
});
