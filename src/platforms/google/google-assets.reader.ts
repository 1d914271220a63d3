import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import { buildGaql, GaqlCondition } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import type { GoogleAccountRef } from './google-insights.reader';
import { GOOGLE_ASSET_LEVEL_FIELDS, GoogleAssetLevel, GoogleColumn, isGoogleAssetLevel, pickGoogleAssetFields } from './google-report.fields';
import { normalizeGoogleRow } from './google-row.mapper';

export interface GoogleAssetsQuery {
  level: GoogleAssetLevel;
  fields?: readonly string[];
}

const invalid = (message: string) => PlatformError.badRequest(message, { platform: 'google' });

export function googleAssetColumns(level: string, fields: readonly string[] | undefined): GoogleColumn[] {
  if (!isGoogleAssetLevel(level)) throw invalid(`Unsupported Google assets level: ${level}`);
  const picked = pickGoogleAssetFields(level, fields);
  if ('unknown' in picked) throw invalid(`Unsupported Google asset field(s) at ${level} level: ${picked.unknown.join(', ')}`);
  if ('problem' in picked) throw invalid(picked.problem);
  return picked.columns;
}

/**
 * customer: `FROM asset`; campaign: `FROM campaign_asset`; ad_group: `FROM ad_group_asset`, links not REMOVED.
 * Ordered by the level's keys.
 */
export function buildGoogleAssetsQuery(level: GoogleAssetLevel, columns: readonly GoogleColumn[]): string {
  const fields = GOOGLE_ASSET_LEVEL_FIELDS[level];
  const where: GaqlCondition[] = fields.linkStatus ? [{ field: fields.linkStatus, op: '!=', value: { enum: 'REMOVED' } }] : [];
  return buildGaql({
    select: [...new Set(columns.map((column) => column.spec.gaql))],
    from: fields.resource,
    where,
    orderBy: fields.keys.map((key) => ({ field: fields.attributes[key].gaql })),
  });
}

/** Assets of a customer, or as linked to its campaigns or ad groups. */
@Injectable()
export class GoogleAssetsReader {
  constructor(private readonly ads: GoogleAdsClient) {}

  async assets(accessToken: string, account: GoogleAccountRef, query: GoogleAssetsQuery): Promise<Array<Record<string, unknown>>> {
    const columns = googleAssetColumns(query.level, query.fields);
    const gaql = buildGoogleAssetsQuery(query.level, columns);
    const rows = await this.ads.search<GoogleAdsRow>(accessToken, account.accountId, gaql, { loginCustomerId: account.loginCustomerId });
    return rows.map((row) => normalizeGoogleRow(row, columns));
  }
}
