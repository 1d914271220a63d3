import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { Closers, log, startSeededApp } from './bench-app';
import { ownCpuMicros, postgresCpuMicros } from './cpu-usage';
import { MEASURED_SECONDS, runAutocannon, WARM_UP_SECONDS } from './load-run';

/**
 * Profiles the server side of bench (a): the same seeded app and load, with V8's CPU profiler on during the measured
 * run. Prints the frames with the most self time and the same time summed per package / source folder, and writes the
 * profile (open it in Chrome DevTools) to dist-bench/team-read.cpuprofile. Also prints the server's and PostgreSQL's
 * CPU time per request, which a busy machine disturbs far less than requests/s.
 * Usage: npm run bench:profile [-- [logLevel] [--cpu-only]] (--cpu-only: no profiler, so its overhead is not counted)
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Build output, ignored by git.
const PROFILE_PATH = path.join(__dirname, '..', 'team-read.cpuprofile');
const TOP = 40;

/** node_modules/<pkg> (scoped too), src/<folder>, node internals, or V8's pseudo frames such as (garbage collector). */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(src|bench|migrations)\/(?:([^/]+)\/)?/.exec(url);
  if (own) return own[2] && !own[2].includes('.') ? `${own[1]}/${own[2]}` : own[1];
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => times.set(nodeId, (times.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  return times;
}

function printTable(title: string, totals: Map<string, number>, all: number): void {
  console.log(`\n${title}`);
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  for (const [name, micros] of rows) console.log(`${((100 * micros) / all).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

function summarize(profile: CpuProfile): void {
  const times = selfTimes(profile);
  const byFrame = new Map<string, number>();
  const byArea = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const micros = times.get(node.id) ?? 0;
    if (micros === 0) continue;
    all += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, '').replace(/^.*dist-bench\//, '');
    const frame = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + micros);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  printTable('Self time by package / folder', byArea, all);
  printTable('Top frames by self time', byFrame, all);
}

async function main(closers: Closers): Promise<void> {
  const args = process.argv.slice(2);
  const profiling = !args.includes('--cpu-only');
  const { teamDetailTarget, clusterDir } = await startSeededApp(closers, args.find((arg) => !arg.startsWith('--')) ?? 'warn');
  log(`Warm-up, then the measured run${profiling ? ' with the profiler on' : ''}`);
  await runAutocannon(teamDetailTarget, WARM_UP_SECONDS);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  const ownBefore = ownCpuMicros();
  const postgresBefore = postgresCpuMicros(clusterDir);
  if (profiling) await session.post('Profiler.start');
  const result = await runAutocannon(teamDetailTarget, MEASURED_SECONDS);
  const profile = profiling ? ((await session.post('Profiler.stop')) as unknown as { profile: CpuProfile }).profile : undefined;
  const ownPerRequest = (ownCpuMicros() - ownBefore) / result.requests.total;
  const postgresPerRequest = (postgresCpuMicros(clusterDir) - postgresBefore) / result.requests.total;
  session.disconnect();
  log(`(a) ${result.requests.average.toFixed(0)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  // CPU per request does not depend on what else loads the machine the way requests/s does.
  log(`CPU per request: server ${ownPerRequest.toFixed(0)} µs${profiling ? ' (with the profiler on)' : ''}, PostgreSQL ${postgresPerRequest.toFixed(0)} µs`);
  if (!profile) return;
  fs.writeFileSync(PROFILE_PATH, JSON.stringify(profile));
  summarize(profile);
  log(`Wrote ${path.relative(process.cwd(), PROFILE_PATH)}`);
}

const closers = new Closers();
main(closers)
  .then(() => closers.closeAll())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error('[bench] FAILED:', error);
    await closers.closeAll();
    process.exit(1);
  });
