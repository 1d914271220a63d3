import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { AppException } from '../../common/app.exception';
import { ApiResult } from '../../common/http/api-result';
import { invalidCursor } from '../../common/pagination/cursor-codec';
import { DEFAULT_PAGE_LIMIT, PageQueryDto } from '../../common/pagination/page-query.dto';
import type { MetaObjectKind } from '../../platforms/meta/meta-object-pages.reader';
import type { MetaObjectsPage, MetaObjectsPageRequest, MetaRow } from '../../platforms/meta/meta-objects.reader';
import { LocalCopyState } from '../local-copy-state.service';
import { MetaLocalFilters, MetaLocalReader } from './meta-local-reader.service';
import { decodeMetaReadCursor, encodeMetaReadCursor } from './meta-read-cursor';

/**
 * Where an object read is served from: the local copy once the account has a successful import (so it keeps working
 * while Meta is down or the token expired), live otherwise or when the client asks `live=true`. The envelope's
 * `meta.source` tells which. Both are paged (`limit`, `cursor`, `meta.nextCursor`); a cursor continues on the source
 * of the walk's first page, so an import finishing mid-walk does not switch it.
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
    query: { filters: MetaLocalFilters; fields: readonly string[]; live: boolean; page: PageQueryDto },
    readLive: (page: MetaObjectsPageRequest) => Promise<MetaObjectsPage>,
  ): Promise<ApiResult<MetaRow[]>> {
    const limit = query.page.limit ?? DEFAULT_PAGE_LIMIT;
    const cursor = query.page.cursor === undefined ? undefined : decodeMetaReadCursor(query.page.cursor);
    if (cursor?.source === 'local' && query.live) {
      throw AppException.badRequest('Validation failed', ['cursor continues a read of the local copy: leave out live=true, or start a live read without a cursor']);
    }
    if (!query.live && cursor?.source !== 'live') {
      const syncedAt = await this.state.syncedAt(account.tenantId, account.adsAccountId);
      if (syncedAt) {
        const position = cursor?.source === 'local' ? cursor.position : undefined;
        const page = await this.local.read(kind, account.tenantId, account.adsAccountId, query.filters, query.fields, { limit, position });
        const nextCursor = page.next ? encodeMetaReadCursor({ source: 'local', position: page.next }) : null;
        return new ApiResult(page.rows, undefined, { source: 'local', syncedAt: syncedAt.toISOString(), nextCursor });
      }
      // The copy this cursor walked is gone (the account was removed and added again): the walk cannot go on.
      if (cursor) throw invalidCursor('cursor refers to a local copy that no longer exists; start again without it');
    }
    const page = await readLive({ limit, after: cursor?.source === 'live' ? cursor.after : undefined });
    const nextCursor = page.after ? encodeMetaReadCursor({ source: 'live', after: page.after }) : null;
    return new ApiResult(page.rows, undefined, { source: 'live', nextCursor });
  }
}
