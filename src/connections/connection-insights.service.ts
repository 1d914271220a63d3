import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../ad-accounts/ad-account-access.types';
import { AppException } from '../common/app.exception';
import { PlatformDrivers } from '../platforms/platform-drivers.service';
import type { AccountInsightsQuery } from '../platforms/platform-grant';
import { ConnectionTokens } from './connection-tokens.service';
import type { ConnectionInsightsQueryDto } from './dto/connection-insights-query.dto';

const MAX_RANGE_DAYS = 37 * 31;
const LIST_METRICS = new Set(['actions', 'action_values']);

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Validates against the platform's own lists, so a bad metric is our 400, never a platform error. */
export function parseInsightsQuery(dto: ConnectionInsightsQueryDto, metricsAllowed: readonly string[], breakdownsAllowed: readonly string[]): AccountInsightsQuery {
  const problems: string[] = [];
  if (!isCalendarDate(dto.start_date)) problems.push('start_date is not a calendar date');
  if (!isCalendarDate(dto.end_date)) problems.push('end_date is not a calendar date');
  if (problems.length === 0 && dto.start_date > dto.end_date) problems.push('start_date must not be after end_date');
  if (problems.length === 0 && (Date.parse(dto.end_date) - Date.parse(dto.start_date)) / 86_400_000 > MAX_RANGE_DAYS) {
    problems.push('the date range may span at most 37 months');
  }
  const metrics = [...new Set(dto.metrics.split(',').map((metric) => metric.trim()).filter(Boolean))];
  if (metrics.length === 0) problems.push('metrics must name at least one metric');
  const unknown = metrics.filter((metric) => !metricsAllowed.includes(metric));
  if (unknown.length > 0) problems.push(`metrics not supported: ${unknown.join(', ')} (allowed: ${metricsAllowed.join(', ')})`);
  const breakdown = dto.breakdown?.trim() || undefined;
  if (breakdown && !breakdownsAllowed.includes(breakdown)) problems.push(`breakdown must be one of: ${breakdownsAllowed.join(', ')}`);
  if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
  return { startDate: dto.start_date, endDate: dto.end_date, metrics, breakdown };
}

/** Live account insights for GET /connections/{adAccountId}/insights. */
@Injectable()
export class ConnectionInsightsService {
  constructor(
    private readonly drivers: PlatformDrivers,
    private readonly tokens: ConnectionTokens,
  ) {}

  async insights(account: AdAccountAccess, dto: ConnectionInsightsQueryDto) {
    const driver = this.drivers.get(account.platform);
    const query = parseInsightsQuery(dto, driver.insightMetrics, driver.insightBreakdowns);
    const result = await this.tokens.withAccessToken(account.tenantId, account.connectionId, (token) =>
      driver.accountInsights(token, { accountId: account.accountId, loginCustomerId: account.loginCustomerId }, query),
    );
    const about = {
      adsAccountId: account.adsAccountId,
      accountId: account.accountId,
      platform: account.platform,
      currency: result.currency ?? account.currency,
      startDate: query.startDate,
      endDate: query.endDate,
    };
    if (query.breakdown) return { ...about, breakdown: query.breakdown, rows: result.rows };
    const totals = Object.fromEntries(query.metrics.map((metric) => [metric, result.rows[0]?.[metric] ?? (LIST_METRICS.has(metric) ? [] : 0)]));
    return { ...totals, ...about };
  }
}
