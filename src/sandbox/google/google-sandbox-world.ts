import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxConsentAnswer, SandboxDialogParams, SandboxWorld } from '../sandbox-world';
import { googleSandboxSeed } from './google-sandbox.seed';
import type { SimulatedGooglePlatform } from './simulated-google-platform';

/** Today in UTC, the day the metrics run up to. */
const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * One sandbox tenant's Google: the simulated platform, filled from the tenant's seed, and refilled when the day
 * changes so that the last 90 days stay the last 90 days. Grants and tokens survive the refill.
 */
export class GoogleSandboxWorld implements SandboxWorld {
  private seededDay: string | undefined;

  constructor(
    readonly tenantId: string,
    readonly platform: SimulatedGooglePlatform,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.ensureSeeded();
    await this.platform.handle(req, res);
  }

  consent(method: 'GET' | 'POST', params: SandboxDialogParams, action: string): SandboxConsentAnswer {
    this.ensureSeeded();
    return this.platform.consent(method, params, action);
  }

  private ensureSeeded(): void {
    const today = utcDay(this.now());
    if (this.seededDay === today) return;
    const seed = googleSandboxSeed(this.tenantId, today);
    this.platform.addUser(seed.user);
    this.platform.addCustomer(seed.manager);
    for (const account of seed.accounts) {
      const id = account.customer.id;
      this.platform.addCustomer(account.customer);
      this.platform.setMetrics(id, account.accountMetrics);
      this.platform.setCampaigns(id, account.campaigns);
      this.platform.setAdGroups(id, account.adGroups);
      this.platform.setAds(id, account.ads);
      this.platform.setAssets(id, account.assets);
    }
    this.seededDay = today;
  }
}
