import { fork, ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The Meta ad account the import benchmarks copy (its objects and insights live in the fake's process). */
export interface BenchAccountShape {
  campaigns: number;
  adsets: number;
  ads: number;
  creatives: number;
}

export const FAKE_ACCOUNT_ID = '7700001';

/**
 * The account (2,000 campaigns, 20,000 ad sets, 100,000 ads), or a same-shape account scaled by
 * BENCH_CAMPAIGNS (10 ad sets and 50 ads per campaign, one creative per 10 ads) for a quicker run. Pure.
 */
export function benchAccountShape(env: NodeJS.ProcessEnv): BenchAccountShape {
  const campaigns = env.BENCH_CAMPAIGNS ? Math.max(1, Math.floor(Number(env.BENCH_CAMPAIGNS))) : 2000;
  if (!Number.isFinite(campaigns)) throw new Error(`BENCH_CAMPAIGNS must be a number, got ${env.BENCH_CAMPAIGNS}`);
  return { campaigns, adsets: campaigns * 10, ads: campaigns * 50, creatives: campaigns * 5 };
}

export interface FakeProcessReady {
  type: 'ready';
  url: string;
  appId: string;
  appSecret: string;
}

export interface FakeProcessStats {
  type: 'stats';
  /** Graph calls since the last mark. */
  calls: number;
  byKind: Record<string, number>;
  peakRssMb: number;
  /** CPU time (user + system) of the fake since the last mark. */
  cpuSeconds: number;
}

export interface FakeMetaProcess {
  url: string;
  appId: string;
  appSecret: string;
  /** Counts calls from now on. */
  mark(): void;
  stats(): Promise<FakeProcessStats>;
  close(): Promise<void>;
}

/** Forks bench/meta-fake-process.js (compiled next to this file) and waits until it serves. */
export function startFakeMetaProcess(shape: BenchAccountShape): Promise<FakeMetaProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'meta-fake-process.js'), [], {
    // The app's heap cap (package.json) is not the fake's: it holds the whole account's objects.
    env: { ...process.env, BENCH_CAMPAIGNS: String(shape.campaigns), NODE_OPTIONS: '' },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Meta fake process exited with ${code} before it was ready`)));
    child.once('message', (message: FakeProcessReady) => {
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        appId: message.appId,
        appSecret: message.appSecret,
        mark: () => child.send({ type: 'mark' }),
        stats: () =>
          new Promise((done) => {
            child.once('message', (stats: FakeProcessStats) => done(stats));
            child.send({ type: 'stats' });
          }),
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}
