import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { AppException } from '../../../common/app.exception';
import { ConnectionTokens } from '../../../connections/connection-tokens.service';
import { MetaReadKind, pickFields } from '../meta-read.fields';

/** Runs Graph calls for a resolved ad account with its connection's token (refresh/expiry handled there). */
@Injectable()
export class MetaAccountCalls {
  constructor(private readonly tokens: ConnectionTokens) {}

  run<T>(account: AdAccountAccess, call: (accessToken: string, accountId: string) => Promise<T>): Promise<T> {
    return this.tokens.withAccessToken(account.tenantId, account.connectionId, (token) => call(token, account.accountId));
  }

  /** The requested fields, or a 400 naming the unknown ones: never a platform error. */
  fields(kind: MetaReadKind, requested: string | undefined): string[] {
    const picked = pickFields(kind, requested);
    if ('unknown' in picked) throw AppException.badRequest('Validation failed', [`fields not supported: ${picked.unknown.join(', ')}`]);
    return picked.fields;
  }
}
