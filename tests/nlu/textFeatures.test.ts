import { extractTerms, DEFAULT_FEATURE_OPTIONS, type SparseVector, TextFeaturizer } from '../../bot/nlu/textFeatures';
import { normalizeText, stem, tokenize } from '../../bot/nlu/textNormalize';

function cosine(a: SparseVector, b: SparseVector): number {
  const map = new Map<number, number>();
  a.indices.forEach((id, k) => map.set(id, a.values[k]));
  let dot = 0;
  b.indices.forEach((id, k) => (dot += (map.get(id) ?? 0) * b.values[k]));
  return dot;
}

const norm = (v: SparseVector) => Math.sqrt(v.values.reduce((s, x) => s + x * x, 0));

describe('normalisation and stemming', () => {
  it('lower-cases (capital umlauts too), folds umlauts and ß and strips punctuation', () => {
    expect(normalizeText('Übergröße: MÜSSEN wir?!')).toBe('uebergroesse muessen wir');
    expect(normalizeText("What's the café's Wi-Fi?")).toBe('whats the cafes wi fi');
    expect(tokenize('  Ärger   über Öl ')).toEqual(['aerger', 'ueber', 'oel']);
  });

  it('stems German umlaut spellings alike', () => {
    expect(stem(tokenize('müssen')[0], 'de')).toBe(stem(tokenize('muessen')[0], 'de'));
    expect(stem(tokenize('Passwörter')[0], 'de')).toBe(stem(tokenize('Passwort')[0], 'de'));
    expect(stem(tokenize('Urlaubsanträge')[0], 'de')).toBe(stem(tokenize('Urlaubsantrag')[0], 'de'));
  });

  it('stems English with Porter', () => {
    expect(stem('transferred', 'en')).toBe('transfer');
    expect(stem('cards', 'en')).toBe('card');
  });
});

describe('extractTerms', () => {
  it('gives stem unigrams, bigrams with sentence boundaries and padded character n-grams', () => {
    const terms = extractTerms('Cards blocked', 'en', { ...DEFAULT_FEATURE_OPTIONS, charNgramMin: 3, charNgramMax: 3 });
    expect(terms.words).toEqual(expect.arrayContaining(['w:card', 'w:block', 'b:card block', 'b:^ card', 'b:block $']));
    expect(terms.chars).toEqual(expect.arrayContaining(['<ca', 'car', 'ard', 'rds', 'ds>', '<bl']));
  });
});

describe('TextFeaturizer', () => {
  const texts = [
    'Ich muss meinen Urlaubsantrag stellen',
    'Wo finde ich meine Gehaltsabrechnung',
    'Der Drucker im zweiten Stock druckt nicht',
    'Mein Passwort ist abgelaufen'
  ];

  it('gives L2-normalised sparse vectors with ascending ids', () => {
    const featurizer = new TextFeaturizer('de');
    const vectors = featurizer.fitTransform(texts);
    for (const v of vectors) {
      expect(norm(v)).toBeCloseTo(1, 5);
      for (let k = 1; k < v.indices.length; k++) expect(v.indices[k]).toBeGreaterThan(v.indices[k - 1]);
      expect(v.indices).toBeInstanceOf(Int32Array);
      expect(v.values).toBeInstanceOf(Float32Array);
    }
    expect(featurizer.transform('völlig unbekannte Wörter xyz').indices.length).toBeGreaterThanOrEqual(0);
    expect(featurizer.transform('').indices.length).toBe(0);
  });

  it('treats umlaut spellings as the same text', () => {
    const featurizer = new TextFeaturizer('de');
    featurizer.fitTransform(['Müssen wir das Passwort ändern?', ...texts]);
    const a = featurizer.transform('Müssen wir das Passwort ändern?');
    const b = featurizer.transform('muessen wir das passwort aendern');
    expect(cosine(a, b)).toBeCloseTo(1, 5);
  });

  it('links compounds to their parts through character n-grams', () => {
    const featurizer = new TextFeaturizer('de');
    featurizer.fitTransform(texts);
    const compound = featurizer.transform('Urlaubsantrag');
    const parts = featurizer.transform('Antrag für Urlaub');
    const unrelated = featurizer.transform('Drucker');
    expect(cosine(compound, parts)).toBeGreaterThan(0.3);
    expect(cosine(compound, parts)).toBeGreaterThan(cosine(compound, unrelated) + 0.2);
  });

  it('keeps a misspelt word close to the correct one', () => {
    const featurizer = new TextFeaturizer('de');
    featurizer.fitTransform(texts);
    const right = featurizer.transform('Gehaltsabrechnung');
    const typo = featurizer.transform('Gehaltsabrechnnug');
    const other = featurizer.transform('Passwort');
    expect(cosine(right, typo)).toBeGreaterThan(0.3); // the word term is lost, most character n-grams are kept
    expect(cosine(right, other)).toBeLessThan(0.1);
  });
});
