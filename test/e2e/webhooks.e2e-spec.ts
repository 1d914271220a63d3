import { DataSource } from 'typeorm';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox.service';
import { verifySignature } from '../../src/webhooks/webhook-signature';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';
import { WebhookReceiver } from '../support/webhook-receiver';

const ACCOUNT = '3001';

type Delivery = { id: string; eventId: string; type: string; status: string; attempts: Array<{ attempt: number; responseStatus: number | null; error: string | null }> };

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Webhooks', () => {
  let f: MetaTeamFixture;
  let receiver: WebhookReceiver;
  let webhookId: string;
  let secret: string;
  const assign = (permission: string, externalUserId = 'member') =>
    f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: ACCOUNT, externalUserId, permission });
  const deliveries = async (id = webhookId) =>
    (await f.api.as(f.wsAdmin, 'get', `/webhooks/${id}/deliveries`).query({ limit: 100 }).expect(200)).body.data as Delivery[];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    f = await startMetaTeam(
      { id: '801', name: 'Ada', adAccounts: [{ account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'UTC', account_status: 1 }] },
      { WEBHOOK_RETRY_BASE_SECONDS: '1', WEBHOOK_RETRY_WINDOW_SECONDS: '8', WEBHOOK_TIMEOUT_MS: '1000' },
    );
    f.meta.setAccountObjects(ACCOUNT, { campaigns: [{ id: '11', name: 'Spring', status: 'PAUSED', objective: 'OUTCOME_TRAFFIC', account_id: ACCOUNT }] });
    const created = await f.api
      .as(f.wsAdmin, 'post', '/webhooks')
      .send({ enterpriseId: 'ent', url: receiver.url, events: ['permission.changed', 'connection.expired', 'campaign.created', 'campaign.status_changed', 'import.succeeded'], description: 'CRM sync' })
      .expect(201);
    webhookId = created.body.data.id;
    secret = created.body.data.secret;
  });

  afterAll(async () => {
    await f.close();
    await receiver.close();
  });

  it('registers an endpoint: the secret is shown once, never listed', async () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const list = (await f.api.as(f.wsAdmin, 'get', '/webhooks').query({ enterpriseId: 'ent' }).expect(200)).body;
    expect(list.data).toEqual([
      {
        id: webhookId,
        url: receiver.url,
        events: ['permission.changed', 'connection.expired', 'campaign.created', 'campaign.status_changed', 'import.succeeded'],
        description: 'CRM sync',
        createdAt: expect.any(String),
      },
    ]);
    expect(list.meta).toEqual({ nextCursor: null });
    const stored = await f.testApp.query<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM webhook_endpoints');
    expect(stored[0].secret_ciphertext).not.toContain(secret.slice(6));
  });

  it('delivers a signed event that a receiver can verify, and records the attempt', async () => {
    const before = receiver.received.length;
    await assign('VIEWER').expect(201);
    await receiver.waitFor(before + 1);
    const hook = receiver.received[before];
    expect(hook.headers['content-type']).toBe('application/json');
    expect(verifySignature(secret, hook.body, String(hook.headers['x-adlyft-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature('whsec_wrong', hook.body, String(hook.headers['x-adlyft-signature']), Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifySignature(secret, hook.body.replace('VIEWER', 'MANAGER'), String(hook.headers['x-adlyft-signature']), Math.floor(Date.now() / 1000))).toBe(false);
    // A replayed delivery is refused by a receiver that checks the signed timestamp.
    expect(verifySignature(secret, hook.body, String(hook.headers['x-adlyft-signature']), Math.floor(Date.now() / 1000) + 3600)).toBe(false);
    expect(hook.json).toEqual({
      id: expect.any(String),
      type: 'permission.changed',
      createdAt: expect.any(String),
      data: expect.objectContaining({ change: 'assigned', adAccountId: ACCOUNT, teamId: f.teamId, permission: 'VIEWER', externalUserId: 'member', platform: 'meta' }),
    });
    expect(hook.headers['x-adlyft-event-id']).toBe(hook.json.id);
    const [delivery] = await eventually(deliveries, (list) => list[0]?.status === 'succeeded');
    expect(delivery).toMatchObject({ eventId: hook.json.id, type: 'permission.changed', status: 'succeeded', attempts: [{ attempt: 1, responseStatus: 200, error: null }] });
  });

  it("retries after a receiver's 500s with backoff until it answers 2xx", async () => {
    const before = receiver.received.length;
    receiver.failNext(2);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/change-permission`).send({ adAccountId: ACCOUNT, externalUserId: 'member', permission: 'MANAGER' }).expect(200);
    await receiver.waitFor(before + 3);
    const sent = receiver.received.slice(before);
    expect(sent.map((hook) => hook.answeredWith)).toEqual([500, 500, 200]);
    expect(new Set(sent.map((hook) => hook.json.id)).size).toBe(1);
    expect(new Set(sent.map((hook) => hook.body)).size).toBe(1);
    const [delivery] = await eventually(deliveries, (list) => list[0]?.status === 'succeeded');
    expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 500, 200]);
  });

  it('sends nothing for a change that rolled back, and nothing for events the endpoint did not ask for', async () => {
    const before = receiver.received.length;
    const rows = async () => (await f.testApp.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries'))[0].n;
    const count = await rows();
    const dataSource = f.testApp.app.get(DataSource);
    const outbox = f.testApp.app.get(WebhookOutbox);
    const tenantId = (await f.testApp.query<{ tenant_id: string }>('SELECT tenant_id FROM teams WHERE id = $1', [f.teamId]))[0].tenant_id;
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.emit(manager, { tenantId, teamId: f.teamId, type: 'permission.changed', data: { change: 'assigned' } });
        throw new Error('the change failed after the event was written');
      }),
    ).rejects.toThrow('the change failed');
    // A revoke that finds no permission changes nothing: 404, no event.
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/revoke`).send({ adAccountId: ACCOUNT, externalUserId: 'team-admin' }).expect(404);
    // Members are not a subscribed event type.
    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'late', role: 'MEMBER' }] }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await rows()).toBe(count);
    expect(receiver.received.length).toBe(before);
    const jobs = await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-delivery' AND state IN ('created', 'retry')`);
    expect(jobs[0].n).toBe(0);
  });

  it('redelivers a delivery as a new one with the same event id', async () => {
    const [last] = await deliveries();
    const before = receiver.received.length;
    const response = await f.api.as(f.wsAdmin, 'post', `/webhooks/${webhookId}/deliveries/${last.id}/redeliver`).expect(202);
    expect(response.body.data).toMatchObject({ eventId: last.eventId, status: 'pending', redeliveryOf: last.id });
    await receiver.waitFor(before + 1);
    expect(receiver.received[before].json.id).toBe(last.eventId);
    await f.api.as(f.wsAdmin, 'post', `/webhooks/${webhookId}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`).expect(404);
    await f.api.as(f.wsAdmin, 'post', `/webhooks/${webhookId}/deliveries/not-a-uuid/redeliver`).expect(404);
  });

  it('tells campaign.status_changed after a PATCH and import.succeeded when an import ends', async () => {
    const before = receiver.received.length;
    await f.api.as(f.teamAdmin, 'patch', `/${f.teamId}/meta/campaign/11`).query({ adAccountId: ACCOUNT }).send({ status: 'ACTIVE' }).expect(200);
    await receiver.waitFor(before + 1);
    expect(receiver.received[before].json).toMatchObject({ type: 'campaign.status_changed', data: { campaignId: '11', status: 'ACTIVE', platform: 'meta', adAccountId: ACCOUNT, teamId: f.teamId } });

    const started = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import`).query({ adAccountId: ACCOUNT }).expect(202)).body.data;
    await receiver.waitFor(before + 2, 30_000);
    const hook = receiver.ofType('import.succeeded')[0];
    expect(hook.json.data).toMatchObject({ importId: started.importId, platform: 'meta', adAccountId: ACCOUNT, mode: 'full', teamId: f.teamId });
    expect(hook.json.data.platformCalls).toBeGreaterThan(0);

    // The local copy follows a status change at once, without waiting for the next resync.
    await f.api.as(f.teamAdmin, 'patch', `/${f.teamId}/meta/campaign/11`).query({ adAccountId: ACCOUNT }).send({ status: 'PAUSED' }).expect(200);
    const local = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`).query({ adAccountId: ACCOUNT }).expect(200)).body;
    expect(local.meta.source).toBe('local');
    expect(local.data).toEqual([expect.objectContaining({ id: '11', status: 'PAUSED' })]);
  }, 40_000);

  it('records a timed-out attempt and tells connection.expired when Meta refuses the token', async () => {
    const before = receiver.received.length;
    receiver.answerAfter(1500); // longer than WEBHOOK_TIMEOUT_MS=1000
    f.meta.expireAllTokens();
    const read = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`).query({ adAccountId: ACCOUNT, live: 'true' });
    expect(read.body.error.code).toBe('PLATFORM_AUTH_EXPIRED');
    await receiver.waitFor(before + 1);
    receiver.answerAfter(0);
    const delivery = await eventually(
      async () => (await deliveries()).find((item) => item.type === 'connection.expired')!,
      (item) => item?.status === 'succeeded',
    );
    expect(delivery.attempts[0]).toMatchObject({ attempt: 1, responseStatus: null, error: 'timed out' });
    expect(delivery.attempts.at(-1)).toMatchObject({ responseStatus: 200 });
    const hook = receiver.ofType('connection.expired')[0];
    expect(hook.json.data).toMatchObject({ platform: 'meta', teamId: f.teamId });
    // A second refusal does not tell it again.
    await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`).query({ adAccountId: ACCOUNT, live: 'true' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await deliveries()).filter((item) => item.type === 'connection.expired')).toHaveLength(1);
  });

  it.each([
    ['a plain-http URL that is not loopback', { url: 'http://hooks.example.com/x', events: ['permission.changed'] }],
    ['a URL with credentials', { url: 'https://user:pw@hooks.example.com/x', events: ['permission.changed'] }],
    ['another scheme', { url: 'ftp://hooks.example.com/x', events: ['permission.changed'] }],
    ['no events', { url: 'https://hooks.example.com/x', events: [] }],
    ['an unknown event', { url: 'https://hooks.example.com/x', events: ['team.exploded'] }],
    ['a repeated event', { url: 'https://hooks.example.com/x', events: ['import.failed', 'import.failed'] }],
  ])('refuses %s with a 400', async (_label, body) => {
    const response = await f.api.as(f.wsAdmin, 'post', '/webhooks').send({ enterpriseId: 'ent', ...body }).expect(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
  });

  it('is for the workspace admin only; another tenant and a team ADMIN see nothing', async () => {
    await f.api.as(f.teamAdmin, 'post', '/webhooks').send({ enterpriseId: 'ent', url: receiver.url, events: ['import.failed'] }).expect(403);
    await f.api.as(f.teamAdmin, 'get', '/webhooks').query({ enterpriseId: 'ent' }).expect(403);
    await f.api.as(f.outsider, 'get', '/webhooks').query({ enterpriseId: 'ent' }).expect(404);
    await f.api.as(f.teamAdmin, 'get', `/webhooks/${webhookId}/deliveries`).expect(404);
    await f.api.as(f.teamAdmin, 'delete', `/webhooks/${webhookId}`).expect(404);
    const other = await f.api.createTenant('Globex');
    const stranger = await f.api.login(other.apiKey, 'ws-admin');
    await f.api.as(stranger, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Globex' }).expect(201);
    await f.api.as(stranger, 'get', `/webhooks/${webhookId}/deliveries`).expect(404);
    await f.api.as(stranger, 'post', `/webhooks/${webhookId}/deliveries/${(await deliveries())[0].id}/redeliver`).expect(404);
    expect((await f.api.as(stranger, 'get', '/webhooks').query({ enterpriseId: 'ent' }).expect(200)).body.data).toEqual([]);
  });

  it('stops retrying when the retry window closes and marks the delivery failed', async () => {
    const before = receiver.received.length;
    receiver.failNext(1000);
    await assign('VIEWER', 'late').expect(201);
    const delivery = await eventually(
      async () => (await deliveries()).find((item) => item.type === 'permission.changed' && item.status !== 'succeeded')!,
      (item) => item?.status === 'failed',
      30_000,
    );
    receiver.failNext(0);
    expect(delivery.status).toBe('failed');
    // 8 s window, backoff about 1 s, 2 s, 4 s (±20 %): three or four attempts, all 500, then no more.
    expect(delivery.attempts.length).toBeGreaterThanOrEqual(3);
    expect(delivery.attempts.length).toBeLessThanOrEqual(4);
    expect(delivery.attempts.every((attempt) => attempt.responseStatus === 500)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(receiver.received.length - before).toBe(delivery.attempts.length);
  }, 40_000);

  it('deletes an endpoint with its deliveries', async () => {
    await f.api.as(f.wsAdmin, 'delete', `/webhooks/${webhookId}`).expect(200);
    expect(await f.testApp.query('SELECT id FROM webhook_deliveries WHERE endpoint_id = $1', [webhookId])).toEqual([]);
    await f.api.as(f.wsAdmin, 'get', `/webhooks/${webhookId}/deliveries`).expect(404);
  });
});
