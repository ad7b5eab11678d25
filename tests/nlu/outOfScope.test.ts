import { isOutOfScope, tuneOutOfScopeThreshold } from '../../bot/nlu/outOfScope';

describe('isOutOfScope', () => {
  it('is out of scope for the oos label, a low score or no scores', () => {
    expect(isOutOfScope([{ label: 'oos', score: 0.9 }], 0.1)).toBe(true);
    expect(isOutOfScope([{ label: 'a', score: 0.05 }], 0.1)).toBe(true);
    expect(isOutOfScope([], 0.1)).toBe(true);
    expect(isOutOfScope([{ label: 'a', score: 0.1 }], 0.1)).toBe(false);
    expect(isOutOfScope([{ label: 'a', score: 0.05 }], 0)).toBe(false);
  });
});

describe('tuneOutOfScopeThreshold', () => {
  const ex = (gold: string, label: string, score: number) => ({ gold, scores: [{ label, score }] });
  // 4 in-scope (3 right at threshold 0) and 3 out-of-scope (1 rejected by its label at threshold 0).
  const fixture = [
    ex('a', 'a', 0.9),
    ex('a', 'a', 0.6),
    ex('b', 'b', 0.35),
    ex('b', 'a', 0.25), // wrong anyway: rejecting it costs nothing
    ex('oos', 'a', 0.3),
    ex('oos', 'b', 0.2),
    ex('oos', 'oos', 0.7)
  ];

  it('accuracy: picks the threshold with the most correct decisions', () => {
    // At 0: 3 + 1 = 4 correct. Above 0.3 (midpoint 0.325): 3 + 3 = 6. Above 0.35: 2 + 3 = 5.
    const choice = tuneOutOfScopeThreshold(fixture, { criterion: 'accuracy' });
    expect(choice.threshold).toBeCloseTo(0.325);
    expect(choice.correct).toBe(6);
    expect(choice.inScopeAccuracy).toBeCloseTo(3 / 4);
    expect(choice.oosRecall).toBeCloseTo(1);
    expect(fixture.filter((e) => isOutOfScope(e.scores, choice.threshold))).toHaveLength(4);
  });

  it('budget: most out-of-scope recall without losing more in-scope accuracy than allowed', () => {
    // No loss allowed: 0.325 still keeps all 3 right in-scope answers and rejects all oos.
    expect(tuneOutOfScopeThreshold(fixture, { maxInScopeLoss: 0 }).threshold).toBeCloseTo(0.325);
    // With one more oos text scored above the right answers, the budget decides.
    const harder = [...fixture, ex('oos', 'a', 0.8)];
    const strict = tuneOutOfScopeThreshold(harder, { maxInScopeLoss: 0 });
    expect(strict.threshold).toBeCloseTo(0.325);
    expect(strict.oosRecall).toBeCloseTo(3 / 4);
    const loose = tuneOutOfScopeThreshold(harder, { maxInScopeLoss: 0.75 }); // may lose 3 of 4
    expect(loose.threshold).toBeCloseTo(0.85);
    expect(loose.oosRecall).toBe(1);
    expect(loose.inScopeAccuracy).toBeCloseTo(1 / 4);
  });

  it('gives 0 when there is nothing out of scope to reject', () => {
    for (const criterion of ['budget', 'accuracy'] as const) {
      const choice = tuneOutOfScopeThreshold([ex('a', 'a', 0.2), ex('b', 'a', 0.1)], { criterion });
      expect(choice.threshold).toBe(0);
      expect(choice.oosRecall).toBeNull();
    }
  });

  it('respects maxThreshold', () => {
    const choice = tuneOutOfScopeThreshold([ex('a', 'a', 0.9), ex('oos', 'a', 0.5)], { criterion: 'accuracy', maxThreshold: 0.3 });
    expect(choice.threshold).toBe(0);
  });
});
