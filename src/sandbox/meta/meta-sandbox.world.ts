import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  SANDBOX_META_APP_ID,
  SANDBOX_META_APP_SECRET,
  SANDBOX_TOKEN_PREFIX,
  SandboxConsentAnswer,
  SandboxDialogParams,
  SandboxWorld,
} from '../sandbox-world';
import { metaSandboxSeed, MetaSandboxSeed } from './meta-sandbox-seed';
import { metaSandboxSearchCatalog, metaSandboxSearchFallback } from './meta-sandbox-targeting';
import { MetaSandboxTokenCodec } from './meta-sandbox-token.codec';
import { dayNumber } from './meta-sim-insights-model';
import { SimulatedMetaPlatform } from './simulated-meta-platform';

/** Meta's largest page for the edges the product reads; `limit` asks for fewer (default 25). */
export const META_SANDBOX_MAX_PAGE_SIZE = 500;

/** Status polls a sandbox insights report takes before it is complete: long enough to be seen running, short for a try-out. */
const REPORT_POLLS = 2;

function currentDay(): number {
  return dayNumber(new Date().toISOString().slice(0, 10));
}

/**
 * One sandbox tenant's Meta: the simulated Graph API (with the sandbox's app credentials and `sbx_` tokens) seeded
 * from the tenant id, plus everything the tenant did to it since the world was made (connections, launches, status
 * changes, pixels, lead forms), kept in memory.
 */
export class MetaSandboxWorld implements SandboxWorld {
  readonly platform: SimulatedMetaPlatform;
  readonly seed: MetaSandboxSeed;

  constructor(tenantId: string, baseUrl: string, now: Date = new Date()) {
    this.seed = metaSandboxSeed(tenantId, now);
    const platform = new SimulatedMetaPlatform({
      appId: SANDBOX_META_APP_ID,
      appSecret: SANDBOX_META_APP_SECRET,
      tokenPrefix: SANDBOX_TOKEN_PREFIX,
      baseUrl,
      pageSize: META_SANDBOX_MAX_PAGE_SIZE,
      listCreatedObjects: true,
      recordCalls: false,
      tokenCodec: new MetaSandboxTokenCodec(tenantId),
    });
    platform.consentNotice = 'This is a sandbox: a simulated Facebook with generated data. Nothing here reaches Meta.';
    platform.reportRuns.pollsToComplete = REPORT_POLLS;
    platform.addUser(this.seed.user);
    platform.setPages(this.seed.user.id, this.seed.pages);
    for (const [pageId, forms] of Object.entries(this.seed.leadForms)) platform.setLeadForms(pageId, forms);
    for (const account of this.seed.accounts) {
      platform.setAccountObjects(account.accountId, account.objects);
      platform.reportRuns.setModel(account.accountId, {
        ...account.insights,
        // Delivery up to today (as of the request), never before a campaign started or after it was paused.
        deliversOn: (campaignIndex, day) => {
          const window = account.delivery[campaignIndex];
          return day >= window.first && day <= (window.last ?? currentDay()) && day <= currentDay();
        },
      });
    }
    for (const { type, cls, rows } of metaSandboxSearchCatalog()) platform.setSearchResults(type, cls, rows);
    platform.setSearchFallback(metaSandboxSearchFallback);
    this.platform = platform;
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.platform.handle(req, res);
  }

  consent(method: 'GET' | 'POST', params: SandboxDialogParams, action: string): SandboxConsentAnswer {
    const answer = this.platform.consentDialog(method, params, action);
    const headers = { ...answer.headers };
    if (answer.body === null || answer.body === undefined) return { status: answer.status, headers, body: null };
    if (typeof answer.body === 'string') return { status: answer.status, headers, body: answer.body };
    return { status: answer.status, headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' }, body: JSON.stringify(answer.body) };
  }
}
