import { FakeGaqlError, parseGaql } from '../fakes/google-fake-gaql';
import { emptyObjects, fakeDateTime } from '../fakes/google-fake-objects';
import { runFakeQuery } from '../fakes/google-fake-query';

/** The fake's change_status answers and refuses like Google's (ChangeStatusError), so the import's scans are checked. */
const target = { id: '1234567890', descriptiveName: 'Acme', currencyCode: 'USD', timeZone: 'America/New_York' };
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * 60 * 60 * 1000);
const objects = {
  ...emptyObjects(),
  campaigns: [{ id: '111', name: 'Spring', changedAt: at(30).toISOString() }],
  adGroups: [
    { id: '211', campaignId: '111', name: 'Old', changedAt: at(30).toISOString() },
    { id: '212', campaignId: '111', name: 'New', status: 'REMOVED', changedAt: at(1).toISOString() },
  ],
  ads: [{ id: '311', adGroupId: '212', changedAt: at(2).toISOString() }],
};
const run = (gaql: string) => runFakeQuery(parseGaql(gaql), { target, customers: [target], metrics: [], objects });
const since = (hoursAgo: number) => fakeDateTime(at(hoursAgo), target.timeZone).slice(0, 19);
const SELECT = 'SELECT change_status.resource_type, change_status.resource_status, change_status.ad_group, change_status.ad_group_ad FROM change_status';

function refusal(gaql: string): FakeGaqlError {
  try {
    run(gaql);
  } catch (error) {
    if (error instanceof FakeGaqlError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('fake Google change_status', () => {
  it('answers the objects changed within the range, in the account time zone', () => {
    const { rows } = run(`${SELECT} WHERE change_status.last_change_date_time >= '${since(5)}' AND change_status.last_change_date_time <= '${since(-1)}' LIMIT 100`);
    expect(rows.map((row) => row.changeStatus)).toEqual([
      { resourceName: expect.any(String), resourceType: 'AD_GROUP', resourceStatus: 'REMOVED', adGroup: 'customers/1234567890/adGroups/212' },
      {
        resourceName: expect.any(String),
        resourceType: 'AD_GROUP_AD',
        resourceStatus: 'CHANGED',
        adGroup: 'customers/1234567890/adGroups/212',
        adGroupAd: 'customers/1234567890/adGroupAds/212~311',
      },
    ]);
  });

  it('filters by resource type', () => {
    const { rows } = run(`${SELECT} WHERE change_status.resource_type = 'AD_GROUP' AND change_status.last_change_date_time BETWEEN '${since(48)}' AND '${since(0)}' LIMIT 100`);
    expect(rows.map((row) => (row.changeStatus as { adGroup?: string } | undefined)?.adGroup)).toEqual(['customers/1234567890/adGroups/211', 'customers/1234567890/adGroups/212']);
  });

  it.each([
    ['no LIMIT', `${SELECT} WHERE change_status.last_change_date_time >= '${since(5)}' AND change_status.last_change_date_time <= '${since(0)}'`, 'LIMIT_NOT_SPECIFIED'],
    ['a LIMIT over 10,000', `${SELECT} WHERE change_status.last_change_date_time >= '${since(5)}' AND change_status.last_change_date_time <= '${since(0)}' LIMIT 10001`, 'INVALID_LIMIT_CLAUSE'],
    ['no upper bound', `${SELECT} WHERE change_status.last_change_date_time >= '${since(5)}' LIMIT 10`, 'CHANGE_DATE_RANGE_INFINITE'],
    ['no range at all', `${SELECT} LIMIT 10`, 'CHANGE_DATE_RANGE_INFINITE'],
    ['start after end', `${SELECT} WHERE change_status.last_change_date_time BETWEEN '${since(1)}' AND '${since(5)}' LIMIT 10`, 'CHANGE_DATE_RANGE_NEGATIVE'],
    ['a start over 90 days back', `${SELECT} WHERE change_status.last_change_date_time BETWEEN '${since(91 * 24)}' AND '${since(0)}' LIMIT 10`, 'START_DATE_TOO_OLD'],
  ])('refuses %s', (_name, gaql, code) => {
    const error = refusal(gaql);
    expect([error.family, error.code]).toEqual(['changeStatusError', code]);
  });

  it('refuses a malformed date-time', () => {
    expect(refusal(`${SELECT} WHERE change_status.last_change_date_time >= '2026-13-01 00:00:00' AND change_status.last_change_date_time <= '${since(0)}' LIMIT 10`).code).toBe(
      'INVALID_DATE_FORMAT',
    );
  });
});
