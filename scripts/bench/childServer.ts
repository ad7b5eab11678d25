import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server running as a child process on 127.0.0.1 with an ephemeral port. */
export interface ChildServer {
  pid: number;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** performance.now() just before the process was spawned. */
  spawnedAt: number;
  /** Resident memory in MB, read from /proc/<pid>/status (VmRSS); NaN where /proc is missing. */
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms; NaN where /proc is missing. */
  cpuMs(): number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

const LISTENING = /listens on (http:\/\/127\.0\.0\.1:\d+)/;
const running = new Set<ChildProcess>();

// A crashed or interrupted bench must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** VmRSS of a process in MB. */
export function rssMbOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat (Linux clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * The node options of `npm start` (everything between `node` and the script in package.json's start
 * script), so that the bench runs the bot exactly as production does.
 */
export function startScriptNodeArgs(root: string): string[] {
  const start: string = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json's start script does not start with node: ${start}`);
  return words.slice(1).filter((word) => word.startsWith('-'));
}

/**
 * Spawns `node <nodeArgs> <script>` with PORT=0 and HOST=127.0.0.1 added to `env` and waits until it prints
 * "listens on http://127.0.0.1:<port>". `cwd` is the working directory of the child (the bot reads ./knowledge).
 * @throws Error when the process exits or does not listen within `timeoutMs`.
 */
export function startChild(
  script: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
  cwd = process.cwd(),
  nodeArgs: string[] = []
): Promise<ChildServer> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not listen within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ pid: child.pid!, url: match[1], spawnedAt, rssMb: () => rssMbOf(child.pid!), cpuMs: () => cpuMsOf(child.pid!), stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString('utf8');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before listening. Output:\n${output}`));
    });
  });
}
