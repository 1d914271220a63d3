import { ErrorCode } from '../../src/common/error-code';
import type { PlatformAdAccount } from '../../src/platforms/platform-grant';
import type { GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { mapGoogleCustomer, normalizeGoogleCustomerId, unavailableGoogleCustomer } from '../../src/platforms/google/google-customer.mapper';
import { PlatformError } from '../../src/platforms/platform-error';

describe('mapGoogleCustomer', () => {
  it.each<[string, GoogleAdsRow, PlatformAdAccount]>([
    [
      'a full REST row',
      { customer: { resourceName: 'customers/1234567890', id: '1234567890', descriptiveName: 'Acme', currencyCode: 'EUR', timeZone: 'Europe/Paris', manager: false, status: 'ENABLED' } },
      { accountId: '1234567890', name: 'Acme', currency: 'EUR', timezone: 'Europe/Paris', status: 'ENABLED', isManager: false, loginCustomerId: null },
    ],
    [
      'a manager',
      { customer: { id: '9999999999', descriptiveName: 'Agency MCC', currencyCode: 'USD', timeZone: 'America/New_York', manager: true, status: 'ENABLED' } },
      { accountId: '9999999999', name: 'Agency MCC', currency: 'USD', timezone: 'America/New_York', status: 'ENABLED', isManager: true, loginCustomerId: null },
    ],
    [
      'proto3 omitted the empty name and false manager',
      { customer: { id: '1234567890', currencyCode: 'JPY', timeZone: 'Asia/Tokyo', status: 'SUSPENDED' } },
      { accountId: '1234567890', name: null, currency: 'JPY', timezone: 'Asia/Tokyo', status: 'SUSPENDED', isManager: false, loginCustomerId: null },
    ],
    [
      'no customer id in the row: the queried id',
      { customer: { descriptiveName: 'X' } },
      { accountId: '1112223333', name: 'X', currency: null, timezone: null, status: null, isManager: false, loginCustomerId: null },
    ],
    [
      'an int64 id sent as a number',
      { customer: { id: 1112223333, manager: 'yes' } },
      { accountId: '1112223333', name: null, currency: null, timezone: null, status: null, isManager: false, loginCustomerId: null },
    ],
  ])('%s', (_name, row, expected) => {
    expect(mapGoogleCustomer(row, '111-222-3333')).toEqual(expected);
  });

  it('keeps an unreadable customer with its id alone', () => {
    expect(unavailableGoogleCustomer('123-456-7890')).toEqual({
      accountId: '1234567890',
      name: null,
      currency: null,
      timezone: null,
      status: 'UNAVAILABLE',
      isManager: false,
      loginCustomerId: null,
    });
  });
});

describe('normalizeGoogleCustomerId', () => {
  it.each([
    ['1234567890', '1234567890'],
    ['123-456-7890', '1234567890'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeGoogleCustomerId(input)).toBe(expected);
  });

  it.each(['123456789', '12345678901', '123 456 7890', 'customers/1234567890', '../1234567890', ''])('refuses %j', (input) => {
    const error = (() => {
      try {
        normalizeGoogleCustomerId(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).code).toBe(ErrorCode.BAD_REQUEST);
  });
});
