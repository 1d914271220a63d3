import * as fs from 'node:fs';
import * as os from 'node:os';
import { LOAD_SHAPE, LoadMeasurement } from './load-run';

export interface ThroughputComparison {
  /** The best (most requests/s) of appRuns and of bareRuns: what the table, the ratio and the target use. */
  app: LoadMeasurement;
  bare: LoadMeasurement;
  appRuns: LoadMeasurement[];
  bareRuns: LoadMeasurement[];
}

export function bestOf(runs: LoadMeasurement[]): LoadMeasurement {
  return runs.reduce((best, run) => (run.requestsPerSecond > best.requestsPerSecond ? run : best));
}

export const SECTION_HEADING = '## API throughput (npm run bench)';
const RESULTS_HEADER = '# Benchmark results\n\nMeasured numbers from the scripts in `bench/`; each section is rewritten by the script named in its heading.\n';
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 50;

export function ratioOf(comparison: ThroughputComparison): number {
  return comparison.app.requestsPerSecond / comparison.bare.requestsPerSecond;
}

export function targetMet(comparison: ThroughputComparison): boolean {
  return ratioOf(comparison) >= TARGET_RATIO && comparison.app.latencyP99Ms < TARGET_P99_MS;
}

function row(label: string, measurement: LoadMeasurement): string {
  const cells = [
    label,
    measurement.requestsPerSecond.toFixed(0),
    measurement.latencyP50Ms.toFixed(1),
    measurement.latencyP99Ms.toFixed(1),
    measurement.peakRssMb.toFixed(0),
    measurement.serverCpuMicrosPerRequest.toFixed(0),
  ];
  return `| ${cells.join(' | ')} |`;
}

export function resultTable(comparison: ThroughputComparison): string[] {
  return [
    '| Run | requests/s | p50 (ms) | p99 (ms) | peak RSS (MB) | server CPU per request (µs) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('(a) GET /api/v1/teams/{id} (app, MEMBER token)', comparison.app),
    row('(b) GET / (bare Fastify)', comparison.bare),
  ];
}

export function targetLine(comparison: ThroughputComparison): string {
  const verdict = targetMet(comparison) ? 'MET' : 'NOT MET';
  return (
    `Target: ratio ≥ ${TARGET_RATIO} with p99 under ${TARGET_P99_MS} ms — ${verdict} ` +
    `(ratio a/b = ${ratioOf(comparison).toFixed(3)}, p99 of (a) = ${comparison.app.latencyP99Ms.toFixed(1)} ms)`
  );
}

export const RUN_NOTES = [
  `Load: autocannon in a child process, ${LOAD_SHAPE}; each of (a) and (b) twice, in the order (a) (b) (b) (a), the same way, so that a change in what else loads the machine touches both.`,
  'Request logging at info level is off for this run (LOG_LEVEL=warn); production at LOG_LEVEL=info writes one JSON line per request.',
  'Peak RSS is of the server process during each measured run: the app and the bare Fastify server both live in it ' +
    '(autocannon and PostgreSQL run in their own processes and are not counted).',
  'Server CPU per request: user + system time of the server process during the measured run, divided by the answered requests.',
  'What limits each run on 2 cores: (b) the load generator and the bare server, each using about one core; (a) the ' +
    "app's one event loop (its CPU per request), with the load generator using part of the other core and PostgreSQL " +
    'idle while the team snapshot is cached. Other work on the machine takes more from (b) than from (a) and so raises ' +
    'the ratio: the CPU per request columns are the steadier comparison.',
];

function runsOf(label: string, runs: LoadMeasurement[]): string {
  const each = runs.map(
    (run) => `${run.requestsPerSecond.toFixed(0)} requests/s, p99 ${run.latencyP99Ms.toFixed(0)} ms, ${run.serverCpuMicrosPerRequest.toFixed(0)} µs CPU/request, load ${run.loadAverage.toFixed(2)}`,
  );
  return `${label} ${each.join('; ')}`;
}

/** Every run in the order measured, with the 1-minute load average when it started: the spread behind the table. */
export function loadLine(comparison: ThroughputComparison): string {
  return `All runs (the table shows the best of each): ${runsOf('(a)', comparison.appRuns)}. ${runsOf('(b)', comparison.bareRuns)}.`;
}

function machineLine(): string {
  const totalGb = os.totalmem() / 1024 ** 3;
  return `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${totalGb.toFixed(1)} GB total memory`;
}

function section(comparison: ThroughputComparison, date: Date): string {
  return [
    SECTION_HEADING,
    '',
    `- Date: ${date.toISOString()}`,
    `- Node: ${process.version}`,
    `- Machine: ${machineLine()}`,
    ...RUN_NOTES.map((note) => `- ${note}`),
    `- ${loadLine(comparison)}`,
    '',
    ...resultTable(comparison),
    '',
    `Ratio a/b of requests/s: ${ratioOf(comparison).toFixed(3)}`,
    '',
    targetLine(comparison),
    '',
  ].join('\n');
}

/** Puts the new section in place of the old one (up to the next `## ` heading), or appends it; other sections stay. */
function replaceSection(document: string, newSection: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((line) => line.trim() === SECTION_HEADING);
  if (start === -1) return `${document.replace(/\n*$/, '')}\n\n${newSection}`;
  const nextOffset = lines.slice(start + 1).findIndex((line) => line.startsWith('## '));
  const end = nextOffset === -1 ? lines.length : start + 1 + nextOffset;
  const after = lines.slice(end).join('\n');
  return [...lines.slice(0, start), newSection, ...(after ? [after] : [])].join('\n');
}

export function writeResultsSection(resultsPath: string, comparison: ThroughputComparison, date = new Date()): void {
  const existing = fs.existsSync(resultsPath) ? fs.readFileSync(resultsPath, 'utf8') : RESULTS_HEADER;
  fs.writeFileSync(resultsPath, replaceSection(existing, section(comparison, date)));
}
