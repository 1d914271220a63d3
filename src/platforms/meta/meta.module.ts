import { Module } from '@nestjs/common';
import { MetaCampaignStatusWriter } from './meta-campaign-status.writer';
import { MetaConnector } from './meta-connector';
import { MetaGraphClient } from './meta-graph.client';
import { MetaInsightsQueryReader } from './meta-insights-query.reader';
import { MetaInsightsReader } from './meta-insights.reader';
import { MetaOAuthClient } from './meta-oauth.client';
import { MetaObjectsReader } from './meta-objects.reader';
import { MetaPagesReader } from './meta-pages.reader';
import { MetaTargetingReader } from './meta-targeting.reader';

const SERVICES = [
  MetaGraphClient,
  MetaOAuthClient,
  MetaConnector,
  MetaInsightsReader,
  MetaInsightsQueryReader,
  MetaObjectsReader,
  MetaPagesReader,
  MetaTargetingReader,
  MetaCampaignStatusWriter,
];

@Module({
  providers: SERVICES,
  exports: SERVICES,
})
export class MetaModule {}
