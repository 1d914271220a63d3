import * as path from 'node:path';
import { startBareFastify } from './bare-fastify';
import { Closers, log, startSeededApp } from './bench-app';
import { runBench } from './bench-run';
import { LoadMeasurement, measureLoad } from './load-run';
import { bestOf, loadLine, ratioOf, resultTable, RUN_NOTES, targetLine, ThroughputComparison, writeResultsSection } from './throughput-report';

// This file runs compiled from dist-bench/bench/; RESULTS.md lives beside the source.
const RESULTS_PATH = path.join(__dirname, '..', '..', 'bench', 'RESULTS.md');

function transportProblems(label: string, measurement: LoadMeasurement): string[] {
  const problems: string[] = [];
  if (measurement.non2xx > 0) problems.push(`${label}: ${measurement.non2xx} non-2xx responses`);
  if (measurement.errors > 0) problems.push(`${label}: ${measurement.errors} connection errors`);
  if (measurement.timeouts > 0) problems.push(`${label}: ${measurement.timeouts} timeouts`);
  return problems;
}

function printReport(comparison: ThroughputComparison): void {
  console.log('');
  for (const line of resultTable(comparison)) console.log(line);
  console.log('');
  console.log(`Ratio a/b of requests/s: ${ratioOf(comparison).toFixed(3)}`);
  console.log(targetLine(comparison));
  for (const note of RUN_NOTES) console.log(`Note: ${note}`);
  console.log(`Note: ${loadLine(comparison)}`);
  console.log('');
}

async function runBenchmark(closers: Closers): Promise<void> {
  const { seeded, teamDetailTarget } = await startSeededApp(closers);

  const bare = await startBareFastify();
  closers.add('bare Fastify', () => bare.close());

  const measureApp = () => {
    log(`(a) Measuring GET /api/v1/teams/${seeded.teamId} on the app`);
    return measureLoad(teamDetailTarget);
  };
  const measureBare = () => {
    log('(b) Measuring GET / on bare Fastify');
    return measureLoad({ url: bare.url });
  };
  const appRuns = [await measureApp()];
  const bareRuns = [await measureBare(), await measureBare()];
  appRuns.push(await measureApp());

  const comparison = { app: bestOf(appRuns), bare: bestOf(bareRuns), appRuns, bareRuns };
  printReport(comparison);

  const non2xx = appRuns.reduce((sum, run) => sum + run.non2xx, 0);
  if (non2xx > 0) throw new Error(`(a) answered ${non2xx} non-2xx responses; the numbers are not valid and RESULTS.md was left alone`);
  const problems = [...appRuns.flatMap((run) => transportProblems('(a)', run)), ...bareRuns.flatMap((run) => transportProblems('(b)', run))];
  for (const problem of problems) console.warn(`Warning: ${problem}`);

  writeResultsSection(RESULTS_PATH, comparison);
  log(`Wrote the section to ${path.relative(process.cwd(), RESULTS_PATH)}`);
}

runBench(runBenchmark);
