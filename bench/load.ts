import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOAD_CORE } from './pin.ts';
import type { LoadOptions, LoadResult } from './scenario.ts';

const run = promisify(execFile);

/** wrk from Debian's packages, installed on first use where it is missing (the bench runs as root on CI too). */
export function ensureWrk(): void {
  const has = () => {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      return true;
    } catch (error) {
      // wrk --version exits 1 after printing its version.
      return (error as { code?: unknown }).code !== 'ENOENT';
    }
  };
  if (has()) return;
  console.error('installing wrk (apt-get install wrk)…');
  try {
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'ignore' });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'ignore' });
  }
}

/** The pids of a process and all its descendants (a `serve` primary and its workers). */
function family(pid: number): number[] {
  const all = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(' ').map(Number) : []) all.push(...family(child));
  } catch {
    // Gone meanwhile.
  }
  return all;
}

/** CPU time (user and system) used so far by a process and its descendants, in µs (clock ticks of 10 ms). */
export function cpuMicros(pid: number): number {
  let ticks = 0;
  for (const p of family(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks * 10_000;
}

/** A Lua string literal holding exactly these UTF-8 bytes (decimal escapes of three digits). */
function lua(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    out +=
      byte >= 32 && byte < 127 && byte !== 34 && byte !== 92
        ? String.fromCharCode(byte)
        : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/**
 * Every request shape as the raw HTTP/1.1 text wrk sends, length-prefixed: a script holding tens of thousands of
 * distinct bookings as Lua literals is more than LuaJIT loads, so the script reads them from this file.
 */
function requestFile(base: string, options: LoadOptions): Buffer {
  const host = new URL(base).host;
  const requests = options.requests ?? [
    { method: options.method, path: options.path, headers: options.headers, body: options.body },
  ];
  return Buffer.concat(
    requests.map((r) => {
      const body = Buffer.from(r.body ?? '', 'utf8');
      const headers = Object.entries(r.headers ?? {})
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      const length = r.body === undefined ? '' : `Content-Length: ${body.length}\r\n`;
      const head = Buffer.from(
        `${r.method ?? 'GET'} ${r.path} HTTP/1.1\r\nHost: ${host}\r\n${headers}${length}\r\n`,
        'utf8',
      );
      const text = Buffer.concat([head, body]);
      return Buffer.concat([Buffer.from(`${text.length}\n`), text]);
    }),
  );
}

/**
 * The wrk script: the requests of `file`, cycled through in order (so that a list of distinct bookings books each
 * once), and a `done` that prints the figures as one line of JSON.
 */
function script(file: string): string {
  return `local requests = {}
local next = 0
function init(args)
  local f = assert(io.open(${lua(file)}, "rb"))
  local data = f:read("*a")
  f:close()
  local at = 1
  while at <= #data do
    local eol = string.find(data, "\\n", at, true)
    local size = tonumber(string.sub(data, at, eol - 1))
    requests[#requests + 1] = string.sub(data, eol + 1, eol + size)
    at = eol + size + 1
  end
end
function request()
  next = next + 1
  if next > #requests then next = 1 end
  return requests[next]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"errors":%d,"status":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
`;
}

interface WrkLine {
  requests: number;
  duration_us: number;
  errors: number;
  status: number;
  p50_us: number;
  p99_us: number;
}

async function wrk(base: string, file: string, connections: number, seconds: number): Promise<WrkLine> {
  const args = [
    '-c',
    String(LOAD_CORE),
    'wrk',
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
  ];
  const { stdout, stderr } = await run('taskset', [...args, '-s', file, base], { maxBuffer: 1 << 24 });
  // A script error leaves wrk sending its default request: never take such a run for a measurement.
  if (stderr.trim()) throw new Error(`wrk: ${stderr.trim()}`);
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no figures:\n${stdout}`);
  return JSON.parse(line) as WrkLine;
}

/**
 * Loads `base` with wrk on its own core (see pin.ts); BENCH_DURATION (seconds) overrides every scenario's duration.
 * With the pid of the server under load, also its CPU time per request (the server and its worker processes): on
 * a machine whose speed swings from run to run, that figure stays put while requests/s move.
 */
export async function load(base: string, options: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-wrk-'));
  try {
    const file = join(dir, 'requests.lua');
    const data = join(dir, 'requests.http');
    writeFileSync(data, requestFile(base, options));
    writeFileSync(file, script(data));
    // Unmeasured first: V8 optimises a hot path only after it has run for a while.
    if (options.warmup) await wrk(base, file, options.connections, options.warmup);
    const cpuBefore = serverPid === undefined ? undefined : cpuMicros(serverPid);
    const r = await wrk(
      base,
      file,
      options.connections,
      Number(process.env.BENCH_DURATION ?? options.duration ?? 10),
    );
    const cpuAfter = serverPid === undefined ? undefined : cpuMicros(serverPid);
    return {
      rps: r.requests / (r.duration_us / 1e6),
      cpuUs:
        cpuBefore !== undefined && cpuAfter !== undefined && r.requests > 0
          ? (cpuAfter - cpuBefore) / r.requests
          : undefined,
      p50: r.p50_us / 1000,
      p99: r.p99_us / 1000,
      requests: r.requests,
      non2xx: r.status,
      errors: r.errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
