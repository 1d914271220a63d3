import { checkAdAccountAccess } from '../../src/ad-accounts/ad-account-access.policy';
import type { AdAccountAccess, AdAccountRequirement } from '../../src/ad-accounts/ad-account-access.types';
import { parseAdAccountRef } from '../../src/ad-accounts/ad-account-ref';

const base: AdAccountAccess = {
  adsAccountId: 'a',
  tenantId: 't',
  teamId: 'team',
  connectionId: 'c',
  platform: 'meta',
  accountId: '1',
  name: null,
  currency: null,
  loginCustomerId: null,
  role: null,
  isWorkspaceAdmin: false,
  permission: null,
};

type Who = Pick<AdAccountAccess, 'role' | 'isWorkspaceAdmin' | 'permission'> | undefined;

describe('checkAdAccountAccess', () => {
  it.each<[string, Who, AdAccountRequirement, number | 'ok']>([
    ['no account at all', undefined, 'READ', 404],
    ['not in the team (even with a stale permission)', { role: null, isWorkspaceAdmin: false, permission: 'MANAGER' }, 'READ', 404],
    ['workspace admin, admin action', { role: null, isWorkspaceAdmin: true, permission: null }, 'ADMIN', 'ok'],
    ['team ADMIN, write', { role: 'ADMIN', isWorkspaceAdmin: false, permission: null }, 'WRITE', 'ok'],
    ['MEMBER without permission, read', { role: 'MEMBER', isWorkspaceAdmin: false, permission: null }, 'READ', 403],
    ['MEMBER VIEWER, read', { role: 'MEMBER', isWorkspaceAdmin: false, permission: 'VIEWER' }, 'READ', 'ok'],
    ['MEMBER VIEWER, write', { role: 'MEMBER', isWorkspaceAdmin: false, permission: 'VIEWER' }, 'WRITE', 403],
    ['MEMBER MANAGER, read', { role: 'MEMBER', isWorkspaceAdmin: false, permission: 'MANAGER' }, 'READ', 'ok'],
    ['MEMBER MANAGER, write', { role: 'MEMBER', isWorkspaceAdmin: false, permission: 'MANAGER' }, 'WRITE', 'ok'],
    ['MEMBER MANAGER, admin action', { role: 'MEMBER', isWorkspaceAdmin: false, permission: 'MANAGER' }, 'ADMIN', 403],
  ])('%s', (_name, who, required, expected) => {
    const access = who ? { ...base, ...who } : undefined;
    if (expected === 'ok') expect(checkAdAccountAccess(access, required)).toBe(access);
    else expect(() => checkAdAccountAccess(access, required)).toThrow(expect.objectContaining({ status: expected }));
  });
});

describe('parseAdAccountRef', () => {
  it.each([
    ['3F0E4C5A-0A7E-4B7A-9D43-1F2B3C4D5E6F', { kind: 'id', id: '3f0e4c5a-0a7e-4b7a-9d43-1f2b3c4d5e6f' }],
    ['act_123456', { kind: 'platform', accountId: '123456' }],
    ['123456', { kind: 'platform', accountId: '123456' }],
    ['123-456-7890', { kind: 'platform', accountId: '1234567890' }],
    [' 42 ', { kind: 'platform', accountId: '42' }],
    ['act_', undefined],
    ['act_12a', undefined],
    ["1' OR 1=1", undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%p', (value, expected) => {
    expect(parseAdAccountRef(value)).toEqual(expected);
  });
});
