import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder of the project's package.json, found upwards from `start`: the same from bot/ (tsx, jest) and dist/bot/. */
export function projectRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}
