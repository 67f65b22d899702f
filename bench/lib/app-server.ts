/**
 * Runs the production server (server.ts: the build behind the direct routes) as a child process for the bench, after building it into NEXT_DIST_DIR
 * when it is missing or stale, and reads the server's peak resident memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { buildIfNeeded, migrateDatabase, ROOT } from '../../scripts/lib/app-setup';

export type AppServer = { url: string; port: number; process: ChildProcess; stop: () => Promise<void> };

export function appEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'tillit-bench-secret-not-for-production',
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
}

/** Migrates the bench database and builds the app when its build is missing or stale (unless `build` is false). */
export async function prepareDatabaseAndBuild(databaseUrl: string, port: number, build = true): Promise<void> {
  const env = appEnv(databaseUrl, port);
  await migrateDatabase(env);
  if (build) await buildIfNeeded(env);
  else if (!existsSync(`${ROOT}/${process.env.NEXT_DIST_DIR ?? '.next'}/BUILD_ID`)) throw new Error('--no-build: there is no build in NEXT_DIST_DIR');
}

export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

/** Starts server.ts on `port`; `extraEnv` adds settings (e.g. TILLIT_LIVE_NOTIFY) and `nodeArgs` Node flags. */
export async function startAppServer(databaseUrl: string, port: number, options: { extraEnv?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<AppServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server.ts', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: { ...appEnv(databaseUrl, port), ...options.extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url,
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process and its descendants (the server may serve from a child process). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(rootPid);
  return out;
}

/** Peak RSS (VmHWM) per process of the server's tree, in MiB. */
export function readPeakRss(rootPid: number): { pid: number; command: string; peakMiB: number; currentMiB: number }[] {
  return processTree(rootPid)
    .filter((pid) => existsSync(`/proc/${pid}/status`))
    .map((pid) => ({
      pid,
      command: (() => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3).join(' ');
        } catch {
          return '?';
        }
      })(),
      peakMiB: readStatusKb(pid, 'VmHWM') / 1024,
      currentMiB: readStatusKb(pid, 'VmRSS') / 1024,
    }));
}

/** CPU time (user + system, ms) used so far by a process and its descendants. */
export function readCpuMs(rootPid: number): number {
  const ticksPerSecond = 100;
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14–17 of stat (utime, stime, cutime, cstime), here 0-based after the command: 11..14.
      total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited meanwhile
    }
  }
  return (total * 1000) / ticksPerSecond;
}

/** The postmaster of the cluster listening on `port` (its pid is the first line of postmaster.pid). */
export function findPostmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}
