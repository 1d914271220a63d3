import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { AppException } from '../../../common/app.exception';
import { MetaCampaignLauncher, MetaLaunchValidation } from '../launch/meta-campaign-launcher';
import { metaLaunchProblems } from '../launch/meta-launch-checks';
import { buildMetaLaunchPlan, MetaLaunchPlan, MetaLaunchPlanError } from '../launch/meta-launch-plan.mapper';
import { MetaLaunchStore } from '../launch/meta-launch.store';
import type { MetaLaunchIds, MetaLaunchRequest } from '../launch/meta-launch.types';
import { MetaAccountCalls } from './meta-account-calls.service';

export type MetaLaunchOutcome = { validateOnly: false; body: MetaLaunchIds } | { validateOnly: true; body: MetaLaunchValidation };

/**
 * A campaign launch for a resolved ad account: every check first (no platform call for a bad body), then the four
 * creates at Meta with rollback, then the local row; or, for a preflight, the checks and Meta's validate_only.
 */
@Injectable()
export class MetaLaunchService {
  constructor(
    private readonly calls: MetaAccountCalls,
    private readonly launcher: MetaCampaignLauncher,
    private readonly store: MetaLaunchStore,
  ) {}

  async launch(request: MetaLaunchRequest, account: AdAccountAccess, userId: string, validateOnly: boolean): Promise<MetaLaunchOutcome> {
    const plan = await this.plan(request, account);
    if (validateOnly) {
      return { validateOnly: true, body: await this.calls.run(account, (token, accountId) => this.launcher.validate(token, accountId, plan)) };
    }
    const ids = await this.calls.run(account, (token, accountId) =>
      this.launcher.launch(token, accountId, plan, (created) => this.store.record(account, userId, request.kind, created)),
    );
    return { validateOnly: false, body: ids };
  }

  private async plan(request: MetaLaunchRequest, account: AdAccountAccess): Promise<MetaLaunchPlan> {
    const problems = metaLaunchProblems(request);
    if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
    const timezone = await this.store.timezoneOf(account);
    try {
      return buildMetaLaunchPlan(request, { currency: account.currency, timezone });
    } catch (error) {
      if (error instanceof MetaLaunchPlanError) throw AppException.badRequest('The ad account cannot take this launch', error.problems);
      throw error;
    }
  }
}
