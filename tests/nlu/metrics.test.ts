import { expectedCalibrationError, fitTemperature, negativeLogLikelihood, withTemperature } from '../../scripts/eval/calibration';
import { computeMetrics, percentile } from '../../scripts/eval/metrics';

describe('computeMetrics', () => {
  // 6 in-scope (a: 3, b: 2, c: 1) and 3 out-of-scope texts.
  const predictions = [
    { gold: 'a', predicted: 'a' },
    { gold: 'a', predicted: 'a' },
    { gold: 'a', predicted: 'b' },
    { gold: 'b', predicted: 'b' },
    { gold: 'b', predicted: 'oos' },
    { gold: 'c', predicted: 'a' },
    { gold: 'oos', predicted: 'oos' },
    { gold: 'oos', predicted: 'a' },
    { gold: 'oos', predicted: 'oos' }
  ];

  it('matches hand-computed figures', () => {
    const m = computeMetrics(predictions);
    expect(m.inScopeCount).toBe(6);
    expect(m.oosCount).toBe(3);
    expect(m.inScopeAccuracy).toBeCloseTo(3 / 6); // a, a, b right
    expect(m.oosRecall).toBeCloseTo(2 / 3);
    expect(m.oosPrecision).toBeCloseTo(2 / 3); // predicted oos: b-text, oos, oos
    // a: tp 2, fp 2 (c->a, oos->a), fn 1 -> F1 = 4/7; b: tp 1, fp 1, fn 1 -> 1/2; c: tp 0 -> 0.
    expect(m.macroF1).toBeCloseTo((4 / 7 + 1 / 2 + 0) / 3);
    expect(m.confusions).toEqual([
      { gold: 'a', predicted: 'b', count: 1 },
      { gold: 'b', predicted: 'oos', count: 1 },
      { gold: 'c', predicted: 'a', count: 1 },
      { gold: 'oos', predicted: 'a', count: 1 }
    ]);
  });

  it('orders confusions by count and limits them', () => {
    const m = computeMetrics(
      [
        { gold: 'x', predicted: 'y' },
        { gold: 'z', predicted: 'y' },
        { gold: 'z', predicted: 'y' }
      ],
      1
    );
    expect(m.confusions).toEqual([{ gold: 'z', predicted: 'y', count: 2 }]);
  });

  it('reports n/a (null) for out-of-scope figures without out-of-scope texts', () => {
    const m = computeMetrics([
      { gold: 'a', predicted: 'a' },
      { gold: 'b', predicted: 'a' }
    ]);
    expect(m.inScopeAccuracy).toBe(0.5);
    expect(m.oosRecall).toBeNull();
    expect(m.oosPrecision).toBeNull();
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0) / 2);
  });

  it('gives null precision when nothing was predicted out of scope', () => {
    const m = computeMetrics([{ gold: 'oos', predicted: 'a' }]);
    expect(m.oosRecall).toBe(0);
    expect(m.oosPrecision).toBeNull();
    expect(m.inScopeAccuracy).toBeNull();
    expect(m.macroF1).toBeNull();
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('calibration', () => {

  it('computes the expected calibration error by hand', () => {
    // Bin 0.9-1.0: confidences 0.9 and 0.95, one right -> |1 - 1.85| = 0.85; bin 0.6-0.7: 0.6, right -> 0.4.
    const records = [
      { probabilities: [0.9, 0.1], gold: 0 },
      { probabilities: [0.05, 0.95], gold: 0 },
      { probabilities: [0.6, 0.4], gold: 0 }
    ];
    expect(expectedCalibrationError(records)).toBeCloseTo((0.85 + 0.4) / 3);
  });

  it('temperature scaling keeps the ranking and fits overconfident scores with T > 1', () => {
    const scaled = withTemperature([0.7, 0.2, 0.1], 2);
    expect(scaled[0]).toBeGreaterThan(scaled[1]);
    expect(scaled[0]).toBeLessThan(0.7);
    expect(scaled.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    // Always 99 % sure, right 3 times out of 4: the fitted temperature flattens the scores.
    const records = [0, 0, 0, 1].map((gold) => ({ probabilities: [0.99, 0.01], gold }));
    const t = fitTemperature(records);
    expect(t).toBeGreaterThan(1);
    expect(negativeLogLikelihood(records, t)).toBeLessThan(negativeLogLikelihood(records, 1));
    // The best two-class fit is p = 0.75 for the majority label.
    expect(withTemperature([0.99, 0.01], t)[0]).toBeCloseTo(0.75, 2);
  });
});
