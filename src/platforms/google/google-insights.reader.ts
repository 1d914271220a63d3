import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import type { AccountInsightsQuery, AccountInsightsResult } from '../platform-grant';
import { buildGaql, GaqlCondition, GaqlOrder } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import {
  GOOGLE_BREAKDOWN_SPECS,
  GOOGLE_METRIC_SPECS,
  GoogleConnectionBreakdown,
  GoogleConnectionMetric,
  isGoogleConnectionBreakdown,
  isGoogleConnectionMetric,
} from './google-insights.fields';
import { normalizeGoogleInsightsRow } from './google-insights.mapper';

export interface GoogleAccountRef {
  accountId: string;
  loginCustomerId: string | null;
}

const CURRENCY_FIELD = 'customer.currency_code';
const CURRENCY_QUERY = buildGaql({ select: [CURRENCY_FIELD], from: 'customer' });

function checked(query: AccountInsightsQuery): { metrics: GoogleConnectionMetric[]; breakdown?: GoogleConnectionBreakdown } {
  const unknown = query.metrics.filter((metric) => !isGoogleConnectionMetric(metric));
  if (unknown.length > 0 || query.metrics.length === 0) {
    throw PlatformError.badRequest(`Unsupported Google metric(s): ${unknown.join(', ') || '(none asked)'}`, { platform: 'google' });
  }
  if (query.breakdown !== undefined && !isGoogleConnectionBreakdown(query.breakdown)) {
    throw PlatformError.badRequest(`Unsupported Google breakdown: ${query.breakdown}`, { platform: 'google' });
  }
  return { metrics: query.metrics as GoogleConnectionMetric[], breakdown: query.breakdown as GoogleConnectionBreakdown | undefined };
}

/** Account-level performance from GAQL `FROM customer`, in our neutral metric names and currency units. */
@Injectable()
export class GoogleInsightsReader {
  constructor(private readonly ads: GoogleAdsClient) {}

  async accountInsights(accessToken: string, account: GoogleAccountRef, query: AccountInsightsQuery): Promise<AccountInsightsResult> {
    const { metrics, breakdown } = checked(query);
    const breakdownField = breakdown ? GOOGLE_BREAKDOWN_SPECS[breakdown].field : undefined;
    const metricFields = [...new Set(metrics.map((metric) => GOOGLE_METRIC_SPECS[metric].field))];
    const where: GaqlCondition[] = [{ field: 'segments.date', op: 'BETWEEN', from: { date: query.startDate }, to: { date: query.endDate } }];
    const orderBy: GaqlOrder[] = breakdown === 'date' ? [{ field: 'segments.date' }] : [];
    const gaql = buildGaql({ select: [CURRENCY_FIELD, ...(breakdownField ? [breakdownField] : []), ...metricFields], from: 'customer', where, orderBy });

    const options = { loginCustomerId: account.loginCustomerId };
    const rows = await this.ads.search<GoogleAdsRow>(accessToken, account.accountId, gaql, options);
    // A segmented report leaves out rows whose metrics are all zero, so it can come back empty.
    const currencyRow = rows[0] ?? (await this.ads.search<GoogleAdsRow>(accessToken, account.accountId, CURRENCY_QUERY, options))[0];
    const currency = currencyRow?.customer?.currencyCode;
    return {
      currency: typeof currency === 'string' && currency ? currency : null,
      rows: rows.map((row) => normalizeGoogleInsightsRow(row, metrics, breakdown)),
    };
  }
}
