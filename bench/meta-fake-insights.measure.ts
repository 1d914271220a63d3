import { fork } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../test/fakes/meta-platform.fake';
import { META_DAILY_INSIGHT_FIELDS } from '../src/platforms/meta/meta-campaign-insights.mapper';

/**
 * CPU of the Meta fake per insights row, the import benchmark's way (a child process, pages of 500, 2,000 campaigns,
 * 90 days, one report per breakdown), and a dump of its answers to check that a change to the fake keeps them
 * byte for byte.
 *
 *   node dist-bench/bench/meta-fake-insights.measure.js time [pagesPerBreakdown]
 *   node dist-bench/bench/meta-fake-insights.measure.js dump <dir> [pagesPerBreakdown]
 *
 * `dump` writes, per breakdown, the sha256 of every page body (and the first pages in full), plus the full answers
 * of sync insights, other models (ad sets, ads, revisions, another currency) and error cases.
 */

const ACCOUNT = '7700001';
const DETAILED = '7700002';
const BREAKDOWNS = ['none', 'gender', 'age', 'country', 'publisher_platform', 'impression_device'];
const RANGE = JSON.stringify({ since: '2026-01-01', until: '2026-03-31' });
const FULL_PAGES = 20;

interface Ready {
  url: string;
  token: string;
}

function setDetailedModel(fake: FakeMetaPlatform): void {
  fake.reportRuns.setModel(DETAILED, {
    campaigns: [
      { id: '501', name: 'First "quoted" campaign' },
      { id: '502', name: 'Second ü campaign' },
      { id: '503', name: 'Third' },
    ],
    adsets: [
      { id: '601', name: 'Set A', campaignIndex: 0 },
      { id: '602', name: 'Set B', campaignIndex: 0 },
      { id: '603', name: 'Set C', campaignIndex: 1 },
    ],
    ads: [
      { id: '701', name: 'Ad 1', adsetIndex: 0 },
      { id: '702', name: 'Ad 2', adsetIndex: 0 },
      { id: '703', name: 'Ad 3', adsetIndex: 2 },
    ],
    deliversOn: (campaignIndex, day) => day % (campaignIndex + 2) !== 0,
    seed: 7,
    gaps: false,
  });
  fake.reportRuns.revise(DETAILED, '501', '2026-01-03', 1.37);
}

async function serve(detailed: boolean): Promise<void> {
  const fake = await FakeMetaPlatform.start();
  fake.pageSize = 500;
  fake.reportRuns.pollsToComplete = 1;
  fake.addUser({
    id: '9100',
    name: 'Bench',
    adAccounts: [
      { account_id: ACCOUNT, name: 'Bench account', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
      { account_id: DETAILED, name: 'Detailed account', currency: 'JPY', timezone_name: 'UTC', account_status: 1 },
    ],
  });
  fake.reportRuns.setModel(ACCOUNT, { campaigns: { count: 2000 } });
  // Only the dump sets the other model: a revision anywhere makes every split look its revision up.
  if (detailed) setDetailedModel(fake);
  const tokens = (fake as unknown as { tokens: { issueCode(userId: string, redirectUri: string, scopes: string[]): string } }).tokens;
  const code = tokens.issueCode('9100', 'http://localhost/cb', ['ads_read', 'ads_management']);
  const answer = await fetch(`${fake.url}/v25.0/oauth/access_token?client_id=${FAKE_META_APP_ID}&client_secret=${FAKE_META_APP_SECRET}&redirect_uri=${encodeURIComponent('http://localhost/cb')}&code=${code}`);
  const { access_token: token } = (await answer.json()) as { access_token: string };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'cpu') process.send?.({ type: 'cpu', cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
  process.send?.({ type: 'ready', url: fake.url, token });
}

class Client {
  private readonly proof: string;

  constructor(private readonly ready: Ready) {
    this.proof = createHmac('sha256', FAKE_META_APP_SECRET).update(ready.token).digest('hex');
  }

  /** Status, content type and body of a call, as sent. */
  async call(method: string, pathOrUrl: string, params: Record<string, string> = {}): Promise<{ text: string; next?: string }> {
    const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.ready.url}/v25.0${pathOrUrl}`);
    const all: Record<string, string> = { access_token: this.ready.token, ...params, appsecret_proof: this.proof };
    let body: string | undefined;
    if (method === 'GET') for (const [key, value] of Object.entries(all)) url.searchParams.set(key, value);
    else body = new URLSearchParams(all).toString();
    const res = await fetch(url, { method, body, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} });
    const text = await res.text();
    const next = res.status === 200 ? (JSON.parse(text) as { paging?: { next?: string } }).paging?.next : undefined;
    // The port, the token and the trace ids change from run to run; the rest must not.
    const stable = text.split(this.ready.url).join('{url}').split(this.ready.token).join('{token}').replace(/"fbtrace_id":"[^"]*"/g, '"fbtrace_id":"*"');
    return { text: `${res.status} ${res.headers.get('content-type')} ${res.headers.get('x-app-usage')}\n${stable}`, next };
  }

  async report(breakdown: string, account = ACCOUNT, extra: Record<string, string> = {}): Promise<string> {
    const params: Record<string, string> = { level: 'campaign', fields: META_DAILY_INSIGHT_FIELDS.join(','), time_range: RANGE, time_increment: '1', ...extra };
    if (breakdown !== 'none') params.breakdowns = breakdown;
    const created = await this.call('POST', `/act_${account}/insights`, params);
    const id = (JSON.parse(created.text.split('\n')[1]) as { report_run_id: string }).report_run_id;
    await this.call('GET', `/${id}`, { fields: 'id,async_status' });
    return id;
  }
}

async function cpuOf(child: ReturnType<typeof fork>): Promise<NodeJS.CpuUsage> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpu: NodeJS.CpuUsage }) => resolve(message.cpu));
    child.send({ type: 'cpu' });
  });
}

async function pages(client: Client, first: string, params: Record<string, string>, count: number, each: (text: string, index: number) => void): Promise<void> {
  let next: string | undefined = first;
  for (let index = 0; index < count && next; index++) {
    const answer = await client.call('GET', next, index === 0 ? params : {});
    each(answer.text, index);
    next = answer.next;
  }
}

async function time(child: ReturnType<typeof fork>, client: Client, count: number): Promise<void> {
  let allRows = 0;
  let allMicros = 0;
  for (const breakdown of BREAKDOWNS) {
    const id = await client.report(breakdown);
    const before = await cpuOf(child);
    let rows = 0;
    await pages(client, `/${id}/insights`, { limit: '500' }, count, (text) => (rows += (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { data: unknown[] }).data.length));
    const after = await cpuOf(child);
    const micros = after.user - before.user + after.system - before.system;
    allRows += rows;
    allMicros += micros;
    console.log(`${breakdown.padEnd(18)} ${String(rows).padStart(8)} rows ${(micros / rows).toFixed(2).padStart(7)} µs CPU/row`);
  }
  console.log(`${'all'.padEnd(18)} ${String(allRows).padStart(8)} rows ${(allMicros / allRows).toFixed(2).padStart(7)} µs CPU/row`);
}

/** Requests outside the benchmark's path: sync insights, levels and sums of the detailed model, errors. */
function extraCases(): Array<[string, string, Record<string, string>]> {
  const week = JSON.stringify({ since: '2026-01-01', until: '2026-01-07' });
  const cases: Array<[string, string, Record<string, string>]> = [];
  for (const account of [ACCOUNT, DETAILED]) {
    for (const level of ['account', 'campaign', 'adset', 'ad']) {
      for (const breakdowns of [undefined, 'age', 'dma', 'gender']) {
        const base: Record<string, string> = { level, time_range: week, limit: '100', ...(breakdowns ? { breakdowns } : {}) };
        cases.push(['GET', `/act_${account}/insights`, { ...base, time_increment: '1' }]);
        cases.push(['GET', `/act_${account}/insights`, { ...base, time_increment: '1', fields: 'campaign_name,adset_id,ad_name,spend,cpc,actions,action_values,account_currency,frequency,unique_clicks,inline_link_clicks' }]);
        if (account === DETAILED || level !== 'account') cases.push(['GET', `/act_${account}/insights`, base]);
        cases.push(['GET', `/act_${account}/insights`, { ...base, time_increment: 'all_days', fields: 'impressions,reach,cpm,ctr', after: Buffer.from('fake-insights:3').toString('base64') }]);
      }
    }
  }
  const errors: Array<Record<string, string>> = [
    { level: 'campaign', after: 'bm90LWEtY3Vyc29y' },
    { level: 'campaign', after: Buffer.from('fake-insights:999999999').toString('base64') },
    { level: 'campaign', limit: '0' },
    { level: 'campaign', limit: 'x' },
    { level: 'nope' },
    { fields: 'impressions,bogus' },
    { breakdowns: 'age,gender' },
    { breakdowns: 'zodiac' },
    { time_increment: '7' },
    { time_increment: '0' },
    { time_range: '{"since":"2026-02-01","until":"2026-01-01"}' },
    { time_range: 'not json' },
    { level: 'campaign', time_increment: '1', limit: '3000' },
  ];
  for (const params of errors) cases.push(['GET', `/act_${ACCOUNT}/insights`, params]);
  return cases;
}

async function dump(client: Client, dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const breakdown of BREAKDOWNS) {
    const id = await client.report(breakdown);
    const hashes: string[] = [];
    const full: string[] = [];
    await pages(client, `/${id}/insights`, { limit: '500' }, count, (text, index) => {
      // The report run's id differs from run to run only inside the `next` URL; the rest must match.
      const stable = text.split(id).join('{report}');
      hashes.push(createHash('sha256').update(stable).digest('hex'));
      if (index < FULL_PAGES) full.push(stable);
    });
    writeFileSync(path.join(dir, `report-${breakdown}.sha256`), `${hashes.join('\n')}\n`);
    writeFileSync(path.join(dir, `report-${breakdown}.pages`), `${full.join('\n')}\n`);
  }
  const detailed: string[] = [];
  for (const level of ['account', 'campaign', 'adset', 'ad']) {
    for (const breakdown of ['none', 'gender', 'country']) {
      const id = await client.report(breakdown, DETAILED, { level, fields: '' });
      await pages(client, `/${id}/insights`, { limit: '7' }, 40, (text) => detailed.push(text.split(id).join('{report}')));
    }
  }
  writeFileSync(path.join(dir, 'detailed-reports.txt'), `${detailed.join('\n')}\n`);
  const extra: string[] = [];
  for (const [method, callPath, params] of extraCases()) {
    extra.push(`${method} ${callPath} ${JSON.stringify(params)}`, (await client.call(method, callPath, params)).text);
  }
  writeFileSync(path.join(dir, 'extra.txt'), `${extra.join('\n')}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'serve') return serve(process.argv[3] === 'dump');
  const child = fork(__filename, ['serve', process.argv[2]]);
  const ready = await new Promise<Ready>((resolve) => child.once('message', (message: Ready) => resolve(message)));
  const client = new Client(ready);
  try {
    if (process.argv[2] === 'dump') await dump(client, process.argv[3], Number(process.argv[4] ?? 100_000));
    else await time(child, client, Number(process.argv[3] ?? 60));
  } finally {
    child.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
