import { loadConfig } from '../../src/config/load-config';
import { PlatformEndpoints } from '../../src/platforms/platform-endpoints.service';
import { GoogleSandboxWorldFactory } from '../../src/sandbox/google/google-sandbox-world.factory';
import { MetaSandboxWorldFactory } from '../../src/sandbox/meta/meta-sandbox-world.factory';
import { SandboxSimulator } from '../../src/sandbox/sandbox-simulator.service';
import { SANDBOX_META_APP_ID, SANDBOX_TOKEN_PREFIX } from '../../src/sandbox/sandbox-world';
import { runInUsageScope, UsageScope } from '../../src/usage/usage-scope';
import { firstRunHint } from '../../src/bootstrap/first-run-hint';

const DATA_DIR = '/tmp/adlyft-platform-endpoints-spec';
const config = loadConfig({
  DATA_DIR,
  JWT_SECRET: 'j'.repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PUBLIC_URL: 'https://api.example.test',
  META_APP_ID: '111',
  META_APP_SECRET: 'live-secret',
  META_GRAPH_URL: 'https://graph.example.test',
});
const sink = { countPlatformCall: () => undefined };
const asTenant = <T>(id: string, environment: 'live' | 'sandbox', work: () => T): T =>
  runInUsageScope(new UsageScope(sink, 'test', id, undefined, environment), work);
const TENANT = '8b0b5a0e-6a44-4a7e-9f49-1f2f9d1c2a11';

describe('PlatformEndpoints: where a platform call goes', () => {
  let simulator: SandboxSimulator;
  let endpoints: PlatformEndpoints;

  beforeAll(async () => {
    simulator = new SandboxSimulator([new MetaSandboxWorldFactory(), new GoogleSandboxWorldFactory(config)]);
    await simulator.start();
    endpoints = new PlatformEndpoints(config, simulator);
  });
  afterAll(() => simulator.stop());

  it('sends calls outside any tenant, and live tenants\' calls, to the configured platforms', () => {
    expect(endpoints.meta()).toMatchObject({ environment: 'live', graphUrl: 'https://graph.example.test', app: { clientId: '111' } });
    expect(asTenant(TENANT, 'live', () => endpoints.meta().graphUrl)).toBe('https://graph.example.test');
    expect(asTenant(TENANT, 'live', () => endpoints.google().adsApiUrl)).toBe('https://googleads.googleapis.com');
  });

  it("sends a sandbox tenant's calls to its own world in the simulator, with the simulator's credentials", () => {
    const meta = asTenant(TENANT, 'sandbox', () => endpoints.meta());
    expect(meta.environment).toBe('sandbox');
    expect(meta.graphUrl).toBe(simulator.baseUrl('meta', TENANT));
    expect(new URL(meta.graphUrl).hostname).toBe('127.0.0.1');
    expect(meta.app?.clientId).toBe(SANDBOX_META_APP_ID);
    expect(meta.dialogUrl).toBe('https://api.example.test/api/v1/sandbox/meta');
    const google = asTenant(TENANT, 'sandbox', () => endpoints.google());
    expect(google.adsApiUrl.startsWith(simulator.baseUrl('google', TENANT))).toBe(true);
    expect(google.oauthAuthorizeUrl).toBe('https://api.example.test/api/v1/sandbox/google/o/oauth2/v2/auth');
    expect(google.oauthTokenUrl.startsWith(simulator.baseUrl('google', TENANT))).toBe(true);
  });

  it('never sends a simulator token to a real platform, nor a real token to the simulator', () => {
    expect(() => endpoints.assertTokenFits('live', `${SANDBOX_TOKEN_PREFIX}abc`)).toThrow(/sandbox platform token .* live platform/);
    expect(() => endpoints.assertTokenFits('sandbox', 'EAAreal')).toThrow(/live platform token .* sandbox platform/);
    expect(() => endpoints.assertTokenFits('live', 'EAAreal')).not.toThrow();
    expect(() => endpoints.assertTokenFits('sandbox', `${SANDBOX_TOKEN_PREFIX}abc`)).not.toThrow();
  });

  it('refuses sandbox routing without the simulator in the process', () => {
    const without = new PlatformEndpoints(config);
    expect(() => asTenant(TENANT, 'sandbox', () => without.meta())).toThrow(/simulator is not running/);
  });
});

describe('firstRunHint', () => {
  it('tells how to create a sandbox tenant when a platform has no credentials', () => {
    const hint = firstRunHint(config);
    expect(hint).toContain('Google (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)');
    expect(hint).not.toContain('Meta (');
    expect(hint).toContain('npm run tenant:create -- --name "My sandbox" --sandbox');
  });

  it('says nothing when both platforms are configured', () => {
    const both = loadConfig({ DATA_DIR, JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), META_APP_ID: '1', META_APP_SECRET: 's', GOOGLE_CLIENT_ID: 'c', GOOGLE_CLIENT_SECRET: 's' });
    expect(firstRunHint(both)).toBeUndefined();
  });
});
