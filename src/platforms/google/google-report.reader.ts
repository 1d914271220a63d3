import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import { buildGaql, GaqlOrder } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import type { GoogleAccountRef } from './google-insights.reader';
import { GOOGLE_REPORT_LEVEL_FIELDS, GoogleColumn, GoogleReportLevel, isGoogleReportLevel, pickGoogleReportFields } from './google-report.fields';
import { normalizeGoogleRow } from './google-row.mapper';

export interface GoogleReportQuery {
  level: GoogleReportLevel;
  /** Public field names; absent or empty: the level's defaults. */
  fields?: readonly string[];
  /** YYYY-MM-DD, startDate <= endDate. */
  startDate: string;
  endDate: string;
}

export interface GoogleReportAccount extends GoogleAccountRef {
  /** The stored account currency; read from Google when unknown. */
  currency: string | null;
}

const CURRENCY_QUERY = buildGaql({ select: ['customer.currency_code'], from: 'customer' });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (message: string) => PlatformError.badRequest(message, { platform: 'google' });

/** The columns of a report, or a 400 naming what is wrong: checked before anything goes to Google. */
export function googleReportColumns(level: string, fields: readonly string[] | undefined): GoogleColumn[] {
  if (!isGoogleReportLevel(level)) throw invalid(`Unsupported Google report level: ${level}`);
  const picked = pickGoogleReportFields(level, fields);
  if ('unknown' in picked) throw invalid(`Unsupported Google ${level} field(s): ${picked.unknown.join(', ')}`);
  if ('problem' in picked) throw invalid(picked.problem);
  return picked.columns;
}

/**
 * `SELECT <columns> FROM <level resource> WHERE segments.date BETWEEN 'start' AND 'end' ORDER BY [segments.date,]
 * <key>`: every part comes from the allow-list or is a checked date literal.
 */
export function buildGoogleReportQuery(level: GoogleReportLevel, columns: readonly GoogleColumn[], startDate: string, endDate: string): string {
  const fields = GOOGLE_REPORT_LEVEL_FIELDS[level];
  const select = [...new Set(columns.map((column) => column.spec.gaql))];
  const orderBy: GaqlOrder[] = [
    ...(select.includes('segments.date') ? [{ field: 'segments.date' }] : []),
    ...fields.keys.map((key) => ({ field: fields.attributes[key].gaql })),
  ];
  return buildGaql({
    select,
    from: fields.resource,
    where: [{ field: 'segments.date', op: 'BETWEEN', from: { date: startDate }, to: { date: endDate } }],
    orderBy,
  });
}

/** Performance of a customer, its campaigns, ad groups or ads over a date range, every page of it. */
@Injectable()
export class GoogleReportReader {
  constructor(private readonly ads: GoogleAdsClient) {}

  async report(accessToken: string, account: GoogleReportAccount, query: GoogleReportQuery): Promise<Array<Record<string, unknown>>> {
    const columns = googleReportColumns(query.level, query.fields);
    if (!DAY.test(query.startDate) || !DAY.test(query.endDate) || query.startDate > query.endDate) {
      throw invalid('startDate and endDate must be YYYY-MM-DD with startDate <= endDate');
    }
    const gaql = buildGoogleReportQuery(query.level, columns, query.startDate, query.endDate);
    const options = { loginCustomerId: account.loginCustomerId };
    const rows = await this.ads.search<GoogleAdsRow>(accessToken, account.accountId, gaql, options);
    if (rows.length === 0) return [];
    const currency = account.currency ?? (await this.currency(accessToken, account));
    return rows.map((row) => normalizeGoogleRow(row, columns, currency));
  }

  private async currency(accessToken: string, account: GoogleAccountRef): Promise<string | null> {
    const [row] = await this.ads.search<GoogleAdsRow>(accessToken, account.accountId, CURRENCY_QUERY, { loginCustomerId: account.loginCustomerId });
    const currency = row?.customer?.currencyCode;
    return typeof currency === 'string' && currency ? currency : null;
  }
}
