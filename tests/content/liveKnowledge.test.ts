import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeBase } from '../../bot/content/knowledgeBase';
import { LiveKnowledge, LiveRecognizer, withApprovedEntries } from '../../bot/content/liveKnowledge';
import { loadContent, type Content } from '../../bot/content/loadContent';
import type { FaqEntry } from '../../bot/content/schema';
import { trainRecognizer } from '../../bot/nlu/recognizer';
import { createIntentClassifier } from '../../bot/nlu/textClassifier';
import { trainContentInWorkers } from '../../bot/nlu/trainInWorkers';
import { makeTempDir } from '../helpers/tempDir';

const THRESHOLDS = { answer: 0.5, disambiguate: 0.2, outOfScope: 0.12 };

function entry(language: 'de' | 'en', question: string, alternatives: string[], answer: string): FaqEntry {
  return { id: 'facility-ebike-charging', department: 'facility', question, alternatives, keywords: ['E-Bike'], answer, links: [], alwaysHuman: false };
}

const EBIKE = {
  de: entry('de', 'Wo kann ich mein E-Bike laden?', ['e-bike laden', 'ladestation pedelec', 'steckdose für e-bike'], 'In der Fahrradgarage, Stellplätze 1 bis 8.'),
  en: entry('en', 'Where can I charge my e-bike?', ['charge e-bike', 'pedelec charger', 'e-bike charging station'], 'In the bicycle garage, spaces 1 to 8.')
};

describe('FAQ entries approved at run time', () => {
  it('retrain in worker threads while the old recognizer keeps answering, then answer at once and after a restart', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-approved-');
    const file = path.join(dir, 'knowledge', 'approved.json');
    const shipped = loadContent({ knowledgeDir: 'knowledge', intentsDir: 'intents' });
    const train = async (content: Content) => trainRecognizer(content, createIntentClassifier, THRESHOLDS, await trainContentInWorkers(content));
    const knowledge = new KnowledgeBase(shipped);
    const recognizer = new LiveRecognizer(await train(shipped));
    const live = new LiveKnowledge(shipped, file, knowledge, recognizer, train);

    const adding = live.add(EBIKE);
    // Training runs in other threads: this thread still answers with the recognizer it had.
    expect(recognizer.recognize('Ich habe mein Passwort vergessen', 'de').top?.id).toBe('it-password-reset');
    await adding;

    expect(recognizer.recognize('Wo kann ich mein E-Bike laden?', 'de')).toMatchObject({ decision: 'answer', top: { id: 'facility-ebike-charging' } });
    expect(knowledge.entry('facility-ebike-charging', 'en')?.answer).toContain('bicycle garage');
    expect(JSON.parse(await readFile(file, 'utf8')).entries).toHaveLength(1);
    // After a restart the start content includes it.
    expect(withApprovedEntries(shipped, file).faq.de.map((e) => e.id)).toContain('facility-ebike-charging');
    await cleanup();
  }, 90_000);
});
