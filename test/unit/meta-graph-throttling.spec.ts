import axios from 'axios';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../../src/common/error-code';
import { loadConfig } from '../../src/config/load-config';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaConnector } from '../../src/platforms/meta/meta-connector';
import { MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import { MetaOAuthClient } from '../../src/platforms/meta/meta-oauth.client';
import { MetaThrottle } from '../../src/platforms/meta/meta-throttle';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-meta-throttle-'));

/** The client with a throttle on a virtual clock: sleeps are recorded and move the clock, nothing really waits. */
function client(fake: FakeMetaPlatform) {
  const config = loadConfig({
    JWT_SECRET: 'j'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    PUBLIC_URL: 'http://localhost:3999',
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_GRAPH_URL: fake.url,
    META_DIALOG_URL: fake.url,
    PLATFORM_HTTP_TIMEOUT_MS: '2000',
  });
  const clock = { now: 5_000_000, sleeps: [] as number[] };
  const throttle = new MetaThrottle({
    now: () => clock.now,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  });
  const graph = new MetaGraphClient(config, throttle);
  const oauth = new MetaOAuthClient(config, graph);
  return { graph, oauth, throttle, clock, connector: new MetaConnector(oauth, graph) };
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('Graph client throttling against the fake', () => {
  let fake: FakeMetaPlatform;
  let meta: ReturnType<typeof client>;
  let token: string;
  const campaigns = () => meta.graph.get<{ data: unknown[] }>('/act_1001/campaigns', { fields: 'id' }, token);

  beforeEach(async () => {
    fake = await FakeMetaPlatform.start();
    fake.addUser({
      id: 'u1',
      name: 'Ada',
      adAccounts: ['1001', '1002'].map((id) => ({ account_id: id, name: id, currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1 })),
    });
    meta = client(fake);
    const dialog = await submitConsent(meta.oauth.authorizeUrl('s'));
    token = (await meta.connector.connect(new URL(dialog.location!).searchParams.get('code')!)).accessToken;
    meta.clock.sleeps.length = 0;
  });
  afterEach(() => fake.close());

  it('retries a rate limit with a short regain time after that time, and succeeds', async () => {
    fake.regainAccessMinutes = 0.02; // 1.2 s
    fake.failNext('rate-limit');
    expect(await campaigns()).toEqual({ data: [] });
    expect(fake.callsTo('/act_1001/campaigns')).toBe(2);
    expect(meta.clock.sleeps).toEqual([1200]);
  });

  it('retries with a growing backoff when Meta asks for less than the backoff', async () => {
    fake.regainAccessMinutes = 0.005; // 0.3 s
    fake.failNext('rate-limit', 3);
    expect(await campaigns()).toEqual({ data: [] });
    expect(fake.callsTo('/act_1001/campaigns')).toBe(4);
    expect(meta.clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('gives up within the 5 s budget and surfaces the 429 with Retry-After', async () => {
    fake.regainAccessMinutes = 0.05; // 3 s
    fake.failNext('rate-limit', 5);
    const error = await failure(campaigns());
    expect(error.getStatus()).toBe(429);
    expect(error.code).toBe(ErrorCode.PLATFORM_RATE_LIMITED);
    expect(error.headers).toEqual({ 'retry-after': '3' });
    expect(fake.callsTo('/act_1001/campaigns')).toBe(2);
    expect(meta.clock.sleeps).toEqual([3000]);
  });

  it('surfaces a long regain time (the default 5 minutes) at once, without retrying or holding other calls back', async () => {
    fake.failNext('rate-limit');
    const error = await failure(campaigns());
    expect(error.getStatus()).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '300' });
    expect(error.platformDetails).toMatchObject({ platformCode: 17, platformSubcode: 2446079, retryAfterSeconds: 300 });
    expect(fake.callsTo('/act_1001/campaigns')).toBe(1);
    expect(await campaigns()).toEqual({ data: [] });
    expect(meta.clock.sleeps).toEqual([]);
  });

  it('retries a throttled POST too (Meta did not do it), creating the object once', async () => {
    fake.regainAccessMinutes = 0.01;
    fake.failNext('rate-limit');
    expect(await meta.graph.post('/act_1001/adspixels', { name: 'Main' }, token)).toEqual({ id: expect.any(String) });
    expect(fake.callsTo('/act_1001/adspixels')).toBe(2);
    expect(fake.created.pixels).toHaveLength(1);
    expect(meta.clock.sleeps).toEqual([600]);
  });

  it('a throttling retry does not use up the attempts kept for transient errors', async () => {
    fake.regainAccessMinutes = 0.005;
    fake.failNext('rate-limit');
    fake.failNext('server-error', 2);
    expect(await campaigns()).toEqual({ data: [] });
    expect(fake.callsTo('/act_1001/campaigns')).toBe(4);
    expect(meta.clock.sleeps[0]).toBe(500);
    expect(meta.clock.sleeps).toHaveLength(3);
  });

  it('high business-use-case usage makes the next call of that account wait; other accounts do not', async () => {
    fake.usage = { bucPercent: 90 };
    await campaigns();
    fake.usage = undefined;
    await campaigns(); // spaced by the 90 % reading of the first answer
    await campaigns(); // the second answer had no usage headers: no wait
    await meta.graph.get('/act_1002/campaigns', {}, token);
    expect(meta.clock.sleeps).toEqual([1200]);
    expect(fake.callsTo('/act_1001/campaigns')).toBe(3);
  });

  it('high ad-account usage at 100 % spaces calls by the 2 s cap, until the usage drops', async () => {
    fake.usage = { accountPercent: 100, resetSeconds: 30 };
    await campaigns();
    await campaigns();
    fake.usage = { accountPercent: 40 };
    await campaigns();
    await campaigns();
    expect(meta.clock.sleeps).toEqual([2000, 2000]);
  });

  it('high app usage slows every call of the app', async () => {
    fake.usage = { appPercent: 80 };
    await meta.graph.get('/me', {}, token);
    await meta.graph.get('/act_1002/campaigns', {}, token);
    fake.usage = { appPercent: 10 };
    await meta.graph.get('/me', {}, token);
    await meta.graph.get('/me', {}, token);
    expect(meta.clock.sleeps).toEqual([400, 400]);
  });

  it('the fake sends the three usage headers as JSON strings', async () => {
    fake.usage = { bucPercent: 91, regainMinutes: 2, accountPercent: 77, resetSeconds: 45, appPercent: 12 };
    const proof = (await import('node:crypto')).createHmac('sha256', FAKE_META_APP_SECRET).update(token).digest('hex');
    const answer = await axios.get(`${fake.url}/v25.0/act_1001/campaigns`, { params: { access_token: token, appsecret_proof: proof } });
    expect(JSON.parse(answer.headers['x-business-use-case-usage'] as string)).toEqual({
      '1001': [expect.objectContaining({ type: 'ads_management', call_count: 91, estimated_time_to_regain_access: 2 })],
    });
    expect(JSON.parse(answer.headers['x-ad-account-usage'] as string)).toMatchObject({ acc_id_util_pct: 77, reset_time_duration: 45 });
    expect(JSON.parse(answer.headers['x-app-usage'] as string)).toEqual({ call_count: 12, total_time: 12, total_cputime: 12 });
  });
});
