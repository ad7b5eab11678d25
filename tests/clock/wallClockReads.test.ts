import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every TypeScript file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('the app clock', () => {
  it('is the only place in product code that reads the wall clock', () => {
    const root = path.resolve(__dirname, '../..');
    const offenders = [...sources(path.join(root, 'bot')), ...sources(path.join(root, 'dialogs'))]
      .filter((file) => path.relative(root, file) !== path.join('bot', 'clock.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line: line.trim(), at: `${path.relative(root, file)}:${index + 1}` }))
          .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && /Date\.now\b|new Date\(\s*\)/.test(line))
          .map(({ at, line }) => `${at}: ${line}`)
      );
    expect(offenders).toEqual([]);
  });
});
