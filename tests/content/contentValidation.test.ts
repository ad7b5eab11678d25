import { cp, readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, loadContent } from '../../bot/content/loadContent';
import { makeTempDir } from '../helpers/tempDir';

const root = path.resolve(__dirname, '../..');

/** A copy of the shipped content in a temp folder, to break on purpose. */
async function copyContent() {
  const { dir, cleanup } = await makeTempDir('anlaufstelle-content-');
  await cp(path.join(root, 'knowledge'), path.join(dir, 'knowledge'), { recursive: true });
  await cp(path.join(root, 'intents'), path.join(dir, 'intents'), { recursive: true });
  const paths = { knowledgeDir: path.join(dir, 'knowledge'), intentsDir: path.join(dir, 'intents') };
  const edit = async (file: string, change: (json: any) => void) => {
    const full = path.join(dir, file);
    const json = JSON.parse(await readFile(full, 'utf8'));
    change(json);
    await writeFile(full, JSON.stringify(json));
  };
  return { dir, paths, edit, cleanup };
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error('expected the content to be rejected');
}

describe('content validation', () => {
  it('accepts the shipped demo content: at least 60 FAQ entries per language over four departments', () => {
    const content = loadContent({ knowledgeDir: path.join(root, 'knowledge'), intentsDir: path.join(root, 'intents') });
    for (const language of ['de', 'en'] as const) {
      expect(content.faq[language].length).toBeGreaterThanOrEqual(60);
      expect(new Set(content.faq[language].map((e) => e.department))).toEqual(new Set(['it', 'hr', 'facility', 'finance']));
    }
    expect(content.departments.map((d) => d.id).sort()).toEqual(['facility', 'finance', 'hr', 'it']);
  });

  it('names the file and the entry id of an entry without answer', async () => {
    const c = await copyContent();
    await c.edit('knowledge/de/it.json', (json) => delete json.entries.find((e: any) => e.id === 'it-vpn').answer);
    const problems = problemsOf(() => loadContent(c.paths));
    expect(problems).toEqual([expect.stringMatching(/knowledge\/de\/it\.json: entry "it-vpn": answer: /)]);
    await c.cleanup();
  });

  it('names the entry by position when it has no id, and reports every problem at once', async () => {
    const c = await copyContent();
    await c.edit('knowledge/en/hr.json', (json) => {
      json.entries[0].alternatives = [];
      json.entries[1] = { question: 'no id' };
    });
    const problems = problemsOf(() => loadContent(c.paths));
    expect(problems.some((p) => /knowledge\/en\/hr\.json: entry "hr-[a-z-]+": alternatives/.test(p))).toBe(true);
    expect(problems.some((p) => /knowledge\/en\/hr\.json: entry #2: /.test(p))).toBe(true);
    await c.cleanup();
  });

  it('reports malformed JSON with the file name', async () => {
    const c = await copyContent();
    await writeFile(path.join(c.paths.knowledgeDir, 'de', 'finance.json'), '{ "entries": [ { "id": ');
    const problems = problemsOf(() => loadContent(c.paths));
    expect(problems).toEqual([
      expect.stringMatching(/knowledge\/de\/finance\.json: not valid JSON/),
      // its entries are then missing in German, which the translation check reports per entry
      ...problems.slice(1).map(() => expect.stringMatching(/exists in en but not in de/))
    ]);
    await c.cleanup();
  });

  it('rejects an unknown department, a duplicate id and an entry missing in one language', async () => {
    const c = await copyContent();
    await c.edit('knowledge/de/facility.json', (json) => {
      json.entries[0].department = 'kantine';
      json.entries.push({ ...json.entries[1] });
      json.entries.push({ ...json.entries[2], id: 'fac-only-german' });
    });
    const problems = problemsOf(() => loadContent(c.paths));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown department "kantine"/),
        expect.stringMatching(/duplicate id "fac-/),
        expect.stringMatching(/"fac-only-german" exists in de but not in en/)
      ])
    );
    await c.cleanup();
  });

  it('rejects an intent with too few utterances and names the intents file', async () => {
    const c = await copyContent();
    await c.edit('intents/de/core.json', (json) => (json.intents.find((i: any) => i.id === 'greeting').utterances = ['hallo']));
    expect(problemsOf(() => loadContent(c.paths))).toEqual([expect.stringMatching(/intents\/de\/core\.json: entry "greeting": utterances/)]);
    await c.cleanup();
  });

  it('reports a missing departments file and a missing language folder', async () => {
    const c = await copyContent();
    await rm(path.join(c.paths.knowledgeDir, 'departments.json'));
    await rm(path.join(c.paths.intentsDir, 'en'), { recursive: true });
    const problems = problemsOf(() => loadContent(c.paths));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/departments\.json: file is missing/), expect.stringMatching(/intents\/en: folder is missing/)]));
    await c.cleanup();
  });
});
