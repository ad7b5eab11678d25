import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../scripts/eval/csv';
import { loadDataset, parseCsvDataset, parseJsonDataset, stratifiedSplit } from '../../scripts/eval/datasets';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, commas and line breaks in fields, CRLF and a BOM', () => {
    const csv = '\ufefftext,category\r\n"Hello, world",greet\r\n"She said ""hi""",quote\n"two\nlines",multi\nplain,last';
    expect(parseCsv(csv)).toEqual([
      ['text', 'category'],
      ['Hello, world', 'greet'],
      ['She said "hi"', 'quote'],
      ['two\nlines', 'multi'],
      ['plain', 'last']
    ]);
  });

  it('keeps empty fields and ignores a final newline', () => {
    expect(parseCsv('a,,c\n,b,\n')).toEqual([
      ['a', '', 'c'],
      ['', 'b', '']
    ]);
  });

  it('reports an unterminated quote with its line', () => {
    expect(() => parseCsv('text,category\nok,a\n"broken,b\n')).toThrow(/unterminated quoted field starting on line 3/);
  });

  it('reports characters after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/after a closing quote on line 1/);
  });
});

describe('dataset loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anlaufstelle-datasets-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('loads JSON {text,intent} arrays', () => {
    const path = file('ok.json', JSON.stringify([{ text: 'hi', intent: 'greeting' }, { text: 'weather?', intent: 'oos' }]));
    expect(loadDataset(path)).toEqual([
      { text: 'hi', label: 'greeting' },
      { text: 'weather?', label: 'oos' }
    ]);
  });

  it('loads CSV with a text,category header', () => {
    const path = file('ok.csv', 'text,category\n"Where is my card, please?",card_arrival\nTop up failed,top_up_failed\n');
    expect(loadDataset(path)).toEqual([
      { text: 'Where is my card, please?', label: 'card_arrival' },
      { text: 'Top up failed', label: 'top_up_failed' }
    ]);
  });

  it('gives clear errors for malformed files', () => {
    expect(() => loadDataset(file('bad.json', '[{"text": "hi", "intent": "a"},'))).toThrow(/bad\.json: invalid JSON/);
    expect(() => parseJsonDataset('{"text":"hi"}', 'x.json')).toThrow(/x\.json: expected a JSON array/);
    expect(() => parseJsonDataset('[{"text":"hi","intent":"a"},{"text":3,"intent":"b"}]', 'x.json')).toThrow(
      /x\.json: item 1 is not an object with string fields "text" and "intent"/
    );
    expect(() => parseCsvDataset('sentence,label\nhi,a\n', 'x.csv')).toThrow(/x\.csv: the header must name the columns "text" and "category"/);
    expect(() => parseCsvDataset('text,category\nhi,a,extra\n', 'x.csv')).toThrow(/x\.csv: record 1 has 3 fields, the header has 2/);
    expect(() => loadDataset(file('bad.csv', 'text,category\n"open,a\n'))).toThrow(/bad\.csv: malformed CSV: unterminated quoted field/);
    expect(() => loadDataset(join(dir, 'missing.json'))).toThrow(/cannot read dataset .*missing\.json/);
    expect(() => loadDataset(file('data.txt', 'hi'))).toThrow(/unknown file type ".txt"/);
  });

  it('splits stratified and reproducibly', () => {
    const examples = [
      ...Array.from({ length: 10 }, (_, i) => ({ text: `a${i}`, label: 'a' })),
      ...Array.from({ length: 20 }, (_, i) => ({ text: `b${i}`, label: 'b' })),
      { text: 'c0', label: 'c' }
    ];
    const split = stratifiedSplit(examples, 0.2, 42);
    expect(split.holdout.filter((e) => e.label === 'a')).toHaveLength(2);
    expect(split.holdout.filter((e) => e.label === 'b')).toHaveLength(4);
    expect(split.rest.filter((e) => e.label === 'c')).toHaveLength(1);
    expect(split.rest.length + split.holdout.length).toBe(examples.length);
    expect(stratifiedSplit(examples, 0.2, 42)).toEqual(split);
    expect(stratifiedSplit(examples, 0.2, 43).holdout).not.toEqual(split.holdout);
  });
});
