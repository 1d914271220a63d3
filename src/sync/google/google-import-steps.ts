import { Injectable } from '@nestjs/common';
import { mapGoogleAdGroups, mapGoogleAds, mapGoogleCampaigns } from '../../platforms/google/google-import.mapper';
import { googleAdGroupsQuery, googleAdsQuery, googleCampaignsQuery } from '../../platforms/google/google-import.queries';
import type { ImportStep, PlatformImportSteps } from '../import-step';
import { GoogleCampaignMetricsStep } from './google-campaign-metrics.step';
import { GoogleCopyWriter } from './google-copy.writer';
import { GoogleImportSearch } from './google-import-search';
import { GoogleObjectStep } from './google-object.step';

/**
 * The Google Ads import, in order: campaigns, ad groups, ads, then daily campaign metrics. Campaigns are few and a
 * budget change is not a campaign change in change_status, so a re-sync copies them all again; ad groups and ads are
 * re-read only where change_status says they changed.
 */
@Injectable()
export class GoogleImportSteps implements PlatformImportSteps {
  readonly platform = 'google' as const;
  readonly steps: ImportStep[];

  constructor(search: GoogleImportSearch) {
    this.steps = [
      new GoogleObjectStep(search, {
        name: 'campaigns',
        query: () => googleCampaignsQuery(),
        map: (rows, account) => mapGoogleCampaigns(rows, account.currency),
        write: GoogleCopyWriter.campaigns,
      }),
      new GoogleObjectStep(search, {
        name: 'ad_groups',
        query: googleAdGroupsQuery,
        map: (rows, account) => mapGoogleAdGroups(rows, account.currency),
        write: GoogleCopyWriter.adGroups,
        changes: 'ad_group',
      }),
      new GoogleObjectStep(search, {
        name: 'ads',
        query: googleAdsQuery,
        map: (rows) => mapGoogleAds(rows),
        write: GoogleCopyWriter.ads,
        changes: 'ad_group_ad',
      }),
      new GoogleCampaignMetricsStep(search),
    ];
  }
}
