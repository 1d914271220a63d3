import * as path from 'node:path';
import { benchAccountShape, BenchAccountShape, startFakeMetaProcess } from './meta-fake-account';
import {
  benchDataDir,
  Closers,
  connectBenchAccount,
  CopyCounts,
  countCopy,
  ImportMeasurement,
  log,
  runImport,
  saveImportedAccount,
  startBenchApp,
} from './import-harness';
import { runBench } from './bench-run';
import { loadLine, machineLine, writeSection } from './results-section';
import { machineCpuLine, machineCpuTicks, ownCpuMicros, postgresCpuMicros } from './cpu-usage';

const HEADING = '## Meta import (npm run bench:import)';
const OBJECT_PAGE = 500;
const INSIGHTS_PAGE = 500;
const BREAKDOWN_REPORTS = 6;
const TARGET_OBJECTS_PER_S = 20_000;
const TARGET_RSS_MB = 300;
const TARGET_CALLS_OVER_MIN = 0.1;

/**
 * The fewest Graph calls the page sizes allow: one per page of each object edge, and per insights report one POST,
 * one status poll (the fake completes a report at its first poll) and one per page of its rows. Pure.
 */
export function minimumCalls(counts: CopyCounts): number {
  const pages = (rows: number, size: number) => Math.max(1, Math.ceil(rows / size));
  const objects = Object.values(counts.objects).reduce((sum, rows) => sum + pages(rows, OBJECT_PAGE), 0);
  const reports = Object.values(counts.insightsByBreakdown).reduce((sum, rows) => sum + 2 + pages(rows, INSIGHTS_PAGE), 0);
  return objects + reports;
}

function objectsOf(counts: CopyCounts): { objects: number; insights: number } {
  const objects = Object.values(counts.objects).reduce((a, b) => a + b, 0);
  const insights = Object.values(counts.insightsByBreakdown).reduce((a, b) => a + b, 0);
  return { objects, insights };
}

function verdict(ok: boolean): string {
  return ok ? 'MET' : 'NOT MET';
}

/** CPU seconds of each process during the import. */
interface ImportCpu {
  app: number;
  postgres: number;
  fake: number;
  /** How the whole machine's CPU went during the import. */
  machine: string;
}

function report(shape: BenchAccountShape, m: ImportMeasurement, counts: CopyCounts, fakeCalls: number, fakeRssMb: number, loadBefore: string, loadAfter: string, cpu: ImportCpu): string[] {
  const { objects, insights } = objectsOf(counts);
  const written = objects + insights;
  const perSecond = written / m.wallSeconds;
  const minimum = minimumCalls(counts);
  const over = m.platformCalls / minimum - 1;
  return [
    `- Date: ${new Date().toISOString()}; Node ${process.version}; ${machineLine()}`,
    `- Load average (uptime 1/5/15 min): before ${loadBefore}, after ${loadAfter} (anything else running shares the 2 cores).`,
    `- The machine's CPU during the import: ${cpu.machine}.`,
    `- Account: ${shape.campaigns} campaigns, ${shape.adsets} ad sets, ${shape.ads} ads, ${shape.creatives} creatives; ` +
      `${insights} daily campaign insight rows over 90 days (no breakdown + gender, age, country, publisher_platform, impression_device), generated lazily by the fake's model.`,
    '- The app (API + import worker, WORKERS=1) runs in this process on embedded PostgreSQL; the Meta fake runs in a child process ' +
      `(its ${fakeRssMb.toFixed(0)} MB and CPU are not the app's). Fake page size ${OBJECT_PAGE}, reports complete at the first poll.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| wall time (request → succeeded) | ${m.wallSeconds.toFixed(1)} s |`,
    `| objects written (4 object tables + insights) | ${written} (${objects} + ${insights}) |`,
    `| objects written per second | ${perSecond.toFixed(0)} |`,
    `| running-total rows also written (meta_campaign_insight_series: one per campaign and breakdown value, a list per day in it) | ${counts.seriesRows} |`,
    `| platform calls (import's count / seen by the fake) | ${m.platformCalls} / ${fakeCalls} |`,
    `| minimum calls the page size allows | ${minimum} (${(over * 100).toFixed(1)} % over) |`,
    `| peak RSS of the app process (peak V8 heap used) | ${m.peakRssMb.toFixed(0)} MB (${m.peakHeapUsedMb.toFixed(0)} MB) |`,
    `| CPU during the import: app / PostgreSQL / Meta fake (s) | ${cpu.app.toFixed(0)} / ${cpu.postgres.toFixed(0)} / ${cpu.fake.toFixed(0)} |`,
    `| CPU per object written: app / PostgreSQL / Meta fake (µs) | ${[cpu.app, cpu.postgres, cpu.fake].map((s) => ((s * 1e6) / written).toFixed(1)).join(' / ')} |`,
    '',
    `Steps (seconds after the request when progress was first / last seen moving): ${m.steps.map((s) => `${s.step} ${s.firstSeenS.toFixed(0)}–${s.lastChangeS.toFixed(0)} (RSS up to ${s.peakRssMb.toFixed(0)} MB)`).join(', ')}`,
    '',
    `Targets: ≥ ${TARGET_OBJECTS_PER_S} objects/s — ${verdict(perSecond >= TARGET_OBJECTS_PER_S)}; ` +
      `peak RSS < ${TARGET_RSS_MB} MB — ${verdict(m.peakRssMb < TARGET_RSS_MB)}; ` +
      `calls within ${TARGET_CALLS_OVER_MIN * 100} % of the minimum — ${verdict(over <= TARGET_CALLS_OVER_MIN)}`,
  ];
}

async function main(closers: Closers): Promise<void> {
  const shape = benchAccountShape(process.env);
  const dataDir = benchDataDir();
  log(`Starting the Meta fake (child process) with ${shape.campaigns} campaigns, ${shape.adsets} ad sets, ${shape.ads} ads`);
  const fake = await startFakeMetaProcess(shape);
  closers.add('Meta fake', () => fake.close());
  const bench = await startBenchApp(dataDir, fake, closers, true);
  log(`App on ${bench.url}; connecting the account`);
  const { apiKey, teamId } = await connectBenchAccount(bench.url);
  const loadBefore = loadLine();
  log(`Importing (load average ${loadBefore})`);
  const clusterDir = path.join(dataDir, 'postgres');
  const [appCpu, postgresCpu, machineBefore] = [ownCpuMicros(), postgresCpuMicros(clusterDir), machineCpuTicks()];
  const measurement = await runImport(bench.url, apiKey, teamId, fake);
  const stats = await fake.stats();
  const cpu: ImportCpu = { app: (ownCpuMicros() - appCpu) / 1e6, postgres: (postgresCpuMicros(clusterDir) - postgresCpu) / 1e6, fake: stats.cpuSeconds, machine: machineCpuLine(machineBefore, machineCpuTicks()) };
  const loadAfter = loadLine();
  if (measurement.status !== 'succeeded') throw new Error(`the import ended ${measurement.status}: ${JSON.stringify(measurement.error)}`);
  const counts = await countCopy(bench.databaseUrl, teamId);
  const lines = report(shape, measurement, counts, stats.calls, stats.peakRssMb, loadBefore, loadAfter, cpu);
  console.log(['', ...lines, '', `Calls by kind: ${JSON.stringify(stats.byKind)}`, ''].join('\n'));
  saveImportedAccount(dataDir, { apiKey, teamId, adAccountUuid: counts.adAccountUuid, accountId: `act_7700001`, shape, until: new Date().toISOString().slice(0, 10) });
  if (process.env.BENCH_NO_WRITE) return;
  writeSection(HEADING, lines);
  log('Wrote the section to bench/RESULTS.md');
}

runBench(main);
