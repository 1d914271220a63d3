import { Injectable } from '@nestjs/common';
import { GoogleAdsClient, GoogleAdsPage, GoogleAdsRow } from '../../platforms/google/google-ads.client';
import { isGoogleUserPermissionDenied } from '../../platforms/google/google-error.mapper';
import { isGooglePageTokenRefused } from '../../platforms/google/google-import.mapper';
import { GoogleManagerRoutes, GoogleRoutedAccount } from '../../platforms/google/google-manager-routes.service';
import type { ImportRun } from '../import-step';

/** A listing restarted this many times because Google refused its page token is given up (something else is wrong). */
const MAX_RESTARTS = 3;

/**
 * The Google Ads searches of an import: the pages of one GAQL query for the account being imported, one platform call
 * each, through its manager when it has one.
 *
 * When Google refuses the account (USER_PERMISSION_DENIED: an account the user reaches only through a manager, with
 * no manager stored for it or one that no longer lists it), a manager of the same connection that lists it is looked
 * for, as live reads do. The one found serves the rest of the run and is kept on the account's row.
 */
@Injectable()
export class GoogleImportSearch {
  /** Managers found during a run, by run (gone with it). */
  private readonly found = new WeakMap<ImportRun, string>();

  constructor(
    private readonly ads: GoogleAdsClient,
    private readonly routes: GoogleManagerRoutes,
  ) {}

  /**
   * `resumeToken` continues a crashed run; Google page tokens expire, so a refused one restarts the listing from its
   * first page (rows are upserted, so reading some again is harmless).
   */
  async *pages(run: ImportRun, query: string, resumeToken?: string): AsyncGenerator<GoogleAdsPage<GoogleAdsRow>> {
    const { accountId } = run.account;
    let pageToken = resumeToken;
    let restarts = 0;
    let rerouted = false;
    for (;;) {
      let page: GoogleAdsPage<GoogleAdsRow>;
      try {
        const loginCustomerId = this.loginOf(run);
        page = await run.withAccessToken((accessToken) => this.ads.searchPage<GoogleAdsRow>(accessToken, accountId, query, { loginCustomerId, pageToken, totalCount: !pageToken }));
      } catch (error) {
        if (isGoogleUserPermissionDenied(error) && !rerouted) {
          rerouted = true;
          if (await this.reroute(run)) continue;
          throw error;
        }
        if (!pageToken || !isGooglePageTokenRefused(error) || ++restarts > MAX_RESTARTS) throw error;
        pageToken = undefined;
        continue;
      } finally {
        run.countCalls();
      }
      yield page;
      if (!page.nextPageToken) return;
      pageToken = page.nextPageToken;
    }
  }

  private loginOf(run: ImportRun): string | null {
    return this.found.get(run) ?? run.account.loginCustomerId;
  }

  /** Looks for a manager that lists the account (the one just refused is skipped); true when one was found. */
  private async reroute(run: ImportRun): Promise<boolean> {
    const { tenantId, connectionId, accountId, id } = run.account;
    const account: GoogleRoutedAccount = { tenantId, connectionId, accountId, adsAccountId: id };
    const managerId = await run.withAccessToken((accessToken) => this.routes.find(accessToken, account, this.loginOf(run), () => run.countCalls()));
    if (!managerId) return false;
    this.found.set(run, managerId);
    await this.routes.remember(account, managerId);
    return true;
  }
}
