import { Module } from '@nestjs/common';
import { GoogleAdsClient } from './google-ads.client';
import { GoogleConnector } from './google-connector';
import { GoogleInsightsReader } from './google-insights.reader';
import { GoogleOAuthClient } from './google-oauth.client';

/** Google Ads clients; AppConfig comes from the global ConfigModule. */
@Module({
  providers: [GoogleOAuthClient, GoogleAdsClient, GoogleConnector, GoogleInsightsReader],
  exports: [GoogleOAuthClient, GoogleAdsClient, GoogleConnector, GoogleInsightsReader],
})
export class GoogleModule {}
