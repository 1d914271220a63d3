import { mapMetaAdAccount } from '../../src/platforms/meta/meta-ad-account.mapper';

describe('mapMetaAdAccount', () => {
  it('maps a full node', () => {
    expect(
      mapMetaAdAccount({ id: 'act_1001', account_id: '1001', name: 'Shop', account_status: 1, currency: 'EUR', timezone_name: 'Europe/Berlin' }),
    ).toEqual({ accountId: '1001', name: 'Shop', currency: 'EUR', timezone: 'Europe/Berlin', status: 'ACTIVE', isManager: false, loginCustomerId: null });
  });

  it('takes the id without act_ when account_id is missing', () => {
    expect(mapMetaAdAccount({ id: 'act_42' }).accountId).toBe('42');
  });

  it('leaves unknown fields null', () => {
    expect(mapMetaAdAccount({ id: 'act_42' })).toEqual({ accountId: '42', name: null, currency: null, timezone: null, status: null, isManager: false, loginCustomerId: null });
  });

  it.each([
    [1, 'ACTIVE'],
    [2, 'DISABLED'],
    [3, 'UNSETTLED'],
    [7, 'PENDING_RISK_REVIEW'],
    [8, 'PENDING_SETTLEMENT'],
    [9, 'IN_GRACE_PERIOD'],
    [100, 'PENDING_CLOSURE'],
    [101, 'CLOSED'],
    [102, '102'],
    [201, '201'],
  ])('account_status %p → %p', (status, expected) => {
    expect(mapMetaAdAccount({ account_id: '1', account_status: status }).status).toBe(expected);
  });

  it('reads a status sent as a string', () => {
    expect(mapMetaAdAccount({ account_id: '1', account_status: '101' }).status).toBe('CLOSED');
  });
});
