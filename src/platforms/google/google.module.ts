import { Module } from '@nestjs/common';
import { GoogleAccountsReader } from './google-accounts.reader';
import { GoogleAdsClient } from './google-ads.client';
import { GoogleAssetsReader } from './google-assets.reader';
import { GoogleConnector } from './google-connector';
import { GoogleInsightsReader } from './google-insights.reader';
import { GoogleManagerRoutes } from './google-manager-routes.service';
import { GoogleOAuthClient } from './google-oauth.client';
import { GoogleReportReader } from './google-report.reader';

const PROVIDERS = [GoogleOAuthClient, GoogleAdsClient, GoogleAccountsReader, GoogleConnector, GoogleInsightsReader, GoogleReportReader, GoogleAssetsReader, GoogleManagerRoutes];

/** Google Ads clients and readers; AppConfig comes from the global ConfigModule, the DataSource from TypeORM's. */
@Module({
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class GoogleModule {}
