import { PlatformError } from '../../src/platforms/platform-error';
import { isMetaDataTooLarge, metaObjectPageParams } from '../../src/platforms/meta/meta-object-pages.reader';
import { META_READ_FIELDS } from '../../src/platforms/meta/meta-read.fields';
import { metaLocalReadSql } from '../../src/sync/meta/meta-local-reader.service';
import { META_TABLES, metaPruneSql, metaTime, metaUpsertParams, metaUpsertSql, projectMetaRow } from '../../src/sync/meta/meta-object-rows';
import { prunes, RESYNC_MARGIN_SECONDS, staleCursor, startCheckpoint } from '../../src/sync/meta/meta-object-steps';

const IDS = { tenantId: 't-1', adAccountId: 'a-1', importId: 'i-1' };

describe('Meta local-copy rows', () => {
  it.each([
    ['2025-01-31T10:00:00+0000', '2025-01-31T10:00:00.000Z'],
    ['2025-01-31T10:00:00-0530', '2025-01-31T15:30:00.000Z'],
    ['2025-01-31T10:00:00Z', '2025-01-31T10:00:00.000Z'],
    ['yesterday', null],
    [undefined, null],
    [1700000000, null],
  ])('metaTime(%p) is %p', (input, expected) => {
    expect(metaTime(input)).toBe(expected);
  });

  it('builds one multi-row upsert per table: arrays unnested, keyed by (account, platform id)', () => {
    const sql = metaUpsertSql(META_TABLES.campaigns);
    expect(sql).toContain('INSERT INTO meta_campaigns (tenant_id, ad_account_id, import_id, synced_at, campaign_id, name,');
    expect(sql).toContain('FROM unnest($4::text[], $5::text[]');
    expect(sql).toContain(`$${META_TABLES.campaigns.columns.length + 5}::jsonb[]`);
    expect(sql).toContain('ON CONFLICT (ad_account_id, campaign_id) DO UPDATE SET');
    expect(sql).toContain('data = EXCLUDED.data');
    expect(sql).toContain('import_id = EXCLUDED.import_id');
    expect(sql).toMatch(/\$\d+::bigint\[\]/);
    expect(sql).toMatch(/\$\d+::timestamptz\[\]/);
    for (const spec of Object.values(META_TABLES)) expect(metaUpsertSql(spec)).toContain(`ON CONFLICT (ad_account_id, ${spec.key})`);
  });

  it('maps a page to column arrays: ids as text, money in minor units with the currency, a repeated id once', () => {
    const rows = [
      { id: '11', name: 'Old', status: 'ACTIVE', daily_budget: 5000, updated_time: '2025-01-31T10:00:00+0000' },
      { id: '12', name: 'Other', lifetime_budget: '120000', daily_budget: 'n/a' },
      { id: '11', name: 'New', status: 'PAUSED', daily_budget: 6000 },
      { name: 'no id' },
    ];
    const params = metaUpsertParams(META_TABLES.campaigns, IDS, rows, 'JPY');
    const names = META_TABLES.campaigns.columns.map((c) => c.name);
    const column = (name: string) => params[4 + names.indexOf(name)] as unknown[];
    expect(params.slice(0, 4)).toEqual(['t-1', 'a-1', 'i-1', ['11', '12']]);
    expect(column('name')).toEqual(['New', 'Other']);
    expect(column('daily_budget')).toEqual(['6000', null]);
    expect(column('lifetime_budget')).toEqual([null, '120000']);
    expect(column('currency')).toEqual(['JPY', 'JPY']);
    expect(column('updated_time')).toEqual([null, null]);
    expect((params[params.length - 1] as string[]).map((json) => JSON.parse(json))).toEqual([rows[2], rows[1]]);
    expect(params).toHaveLength(5 + names.length);
  });

  it('takes parent ids from the id fields or from the expanded references', () => {
    const ad = { id: '31', adset: { id: '21' }, campaign_id: '11', creative: { id: '41' } };
    const params = metaUpsertParams(META_TABLES.ads, IDS, [ad], 'USD');
    const names = META_TABLES.ads.columns.map((c) => c.name);
    expect(params[4 + names.indexOf('campaign_id')]).toEqual(['11']);
    expect(params[4 + names.indexOf('adset_id')]).toEqual(['21']);
    expect(params[4 + names.indexOf('creative_id')]).toEqual(['41']);
  });

  it('prunes only rows another import wrote, within the tenant and account', () => {
    expect(metaPruneSql(META_TABLES.ads)).toBe('DELETE FROM meta_ads WHERE tenant_id = $1 AND ad_account_id = $2 AND import_id IS DISTINCT FROM $3::uuid');
  });

  it('answers a local read like Meta: id first, then the asked fields that the object has', () => {
    const data = { id: '11', name: 'Spring', daily_budget: 5000, status: 'ACTIVE' };
    expect(projectMetaRow(data, ['status', 'lifetime_budget', 'name'])).toEqual({ id: '11', status: 'ACTIVE', name: 'Spring' });
    expect(Object.keys(projectMetaRow(data, ['name', 'id']))).toEqual(['id', 'name']);
  });

  it('reads the copy scoped by tenant and account, with only the filters given, deleted objects left out', () => {
    const { sql, filterColumns } = metaLocalReadSql('ads', { campaign_id: ['1'], ad_id: ['3'] });
    expect(filterColumns).toEqual(['campaign_id', 'ad_id']);
    expect(sql).toContain('WHERE tenant_id = $1 AND ad_account_id = $2 AND campaign_id = ANY($3::text[]) AND ad_id = ANY($4::text[])');
    expect(sql).toContain(`IS DISTINCT FROM 'DELETED'`);
    expect(metaLocalReadSql('adcreatives', {}).sql).toContain('ORDER BY creative_id DESC');
    // A filter the kind does not have is not applied (creatives have no campaign).
    expect(metaLocalReadSql('adcreatives', { campaign_id: ['1'] }).filterColumns).toEqual([]);
  });
});

describe('Meta object pages and checkpoints', () => {
  it('asks every seed field, the page size, the total on the first page, and updated_time on a resync', () => {
    expect(metaObjectPageParams('campaigns', { limit: 500, withTotal: true })).toEqual({ fields: META_READ_FIELDS.campaigns.join(','), limit: 500, summary: 'total_count' });
    expect(metaObjectPageParams('ads', { limit: 250, updatedAfter: 1700000000 }).filtering).toEqual([{ field: 'ad.updated_time', operator: 'GREATER_THAN', value: 1700000000 }]);
    expect(metaObjectPageParams('adcreatives', { limit: 500, updatedAfter: 1700000000 }).filtering).toBeUndefined();
  });

  it('knows Meta asking for less data per call', () => {
    expect(isMetaDataTooLarge(PlatformError.failed('x', { platform: 'meta', platformCode: 1, platformMessage: "Please reduce the amount of data you're asking for, then retry your request" }))).toBe(true);
    expect(isMetaDataTooLarge(PlatformError.badRequest('x', { platform: 'meta', platformCode: 100, platformSubcode: 1487534 }))).toBe(true);
    expect(isMetaDataTooLarge(PlatformError.failed('x', { platform: 'meta', platformCode: 1, platformMessage: 'An unknown error' }))).toBe(false);
    expect(isMetaDataTooLarge(new Error('reduce the amount of data'))).toBe(false);
  });

  it('starts a full import from the first page and a resync from the last sync start, less a margin', () => {
    const lastStart = new Date('2026-03-01T12:00:00Z');
    expect(startCheckpoint('campaigns', { mode: 'full', lastSyncStartedAt: lastStart }, undefined)).toEqual({ limit: 500 });
    const resync = startCheckpoint('adsets', { mode: 'resync', lastSyncStartedAt: lastStart }, undefined);
    expect(resync).toEqual({ limit: 500, updatedAfter: lastStart.getTime() / 1000 - RESYNC_MARGIN_SECONDS });
    expect(prunes(resync)).toBe(false);
    // Creatives cannot be filtered by update time: a resync reads them all, and so may prune.
    const creatives = startCheckpoint('adcreatives', { mode: 'resync', lastSyncStartedAt: lastStart }, undefined);
    expect(creatives).toEqual({ limit: 500 });
    expect(prunes(creatives)).toBe(true);
  });

  it('starts over once when Meta refuses a stored cursor', () => {
    const refused = PlatformError.badRequest('Invalid cursor', { platform: 'meta', platformCode: 100 });
    expect(staleCursor(refused, { after: 'c', limit: 500 })).toBe(true);
    expect(staleCursor(refused, { after: 'c', limit: 500, restarted: true })).toBe(false);
    expect(staleCursor(refused, { limit: 500 })).toBe(false);
    expect(staleCursor(PlatformError.failed('down', { platform: 'meta' }, true), { after: 'c', limit: 500 })).toBe(false);
  });

  it('resumes from a committed checkpoint as it was', () => {
    const saved = { after: 'cursor-2', limit: 250, updatedAfter: 1700000000 };
    expect(startCheckpoint('ads', { mode: 'full', lastSyncStartedAt: null }, saved)).toBe(saved);
  });
});
