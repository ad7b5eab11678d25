import { loadContent } from '../../bot/content/loadContent';
import { trainingExamples } from '../../bot/nlu/recognizer';
import { TextClassifier } from '../../bot/nlu/textClassifier';
import { trainInWorkers } from '../../bot/nlu/trainInWorkers';

describe('training in worker threads', () => {
  const content = loadContent({ knowledgeDir: 'knowledge', intentsDir: 'intents' });
  const examples = (language: 'de' | 'en') => trainingExamples(content.faq[language], content.intents[language]);

  it('gives both languages the same model as training in this thread', async () => {
    const threaded = await trainInWorkers([
      { language: 'de', examples: examples('de') },
      { language: 'en', examples: examples('en') }
    ]);
    const questions = { de: ['Ich habe mein Passwort vergessen', 'drucker druckt nich', 'Wie beantrage ich Urlaub?'], en: ['I forgot my password', 'How do I request vacation?', 'wifi is down'] };
    for (const language of ['de', 'en'] as const) {
      const local = new TextClassifier(language);
      local.train(examples(language));
      expect(threaded.get(language)!.labels).toEqual(local.labels);
      for (const question of questions[language]) expect(threaded.get(language)!.classify(question, 5)).toEqual(local.classify(question, 5));
    }
  }, 60_000);

  it('reports a training thread that fails instead of hanging', async () => {
    await expect(trainInWorkers([{ language: 'de', examples: [] }])).rejects.toThrow(/without examples/);
  }, 60_000);
});
