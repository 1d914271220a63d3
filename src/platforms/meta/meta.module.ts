import { Module } from '@nestjs/common';
import { MetaConnector } from './meta-connector';
import { MetaGraphClient } from './meta-graph.client';
import { MetaInsightsReader } from './meta-insights.reader';
import { MetaOAuthClient } from './meta-oauth.client';

@Module({
  providers: [MetaGraphClient, MetaOAuthClient, MetaConnector, MetaInsightsReader],
  exports: [MetaGraphClient, MetaOAuthClient, MetaConnector, MetaInsightsReader],
})
export class MetaModule {}
