import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { ApiResult } from '../../common/http/api-result';
import type { MetaObjectKind } from '../../platforms/meta/meta-object-pages.reader';
import type { MetaRow } from '../../platforms/meta/meta-objects.reader';
import { LocalCopyState } from '../local-copy-state.service';
import { MetaLocalFilters, MetaLocalReader } from './meta-local-reader.service';

/**
 * Where an object read is served from: the local copy once the account has a successful import (so it keeps working
 * while Meta is down or the token expired), live otherwise or when the client asks `live=true`. The envelope's
 * `meta.source` tells which.
 */
@Injectable()
export class MetaObjectsSource {
  constructor(
    private readonly state: LocalCopyState,
    private readonly local: MetaLocalReader,
  ) {}

  async read(
    account: AdAccountAccess,
    kind: MetaObjectKind,
    query: { filters: MetaLocalFilters; fields: readonly string[]; live: boolean },
    readLive: () => Promise<MetaRow[]>,
  ): Promise<ApiResult<MetaRow[]>> {
    if (!query.live) {
      const syncedAt = await this.state.syncedAt(account.tenantId, account.adsAccountId);
      if (syncedAt) {
        const rows = await this.local.read(kind, account.tenantId, account.adsAccountId, query.filters, query.fields);
        return new ApiResult(rows, undefined, { source: 'local', syncedAt: syncedAt.toISOString() });
      }
    }
    return new ApiResult(await readLive(), undefined, { source: 'live' });
  }
}
