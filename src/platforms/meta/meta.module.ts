import { Module } from '@nestjs/common';
import { MetaCampaignStatusWriter } from './meta-campaign-status.writer';
import { MetaConnector } from './meta-connector';
import { MetaGraphClient } from './meta-graph.client';
import { MetaInsightsReportClient } from './meta-insights-report.client';
import { MetaInsightsQueryReader } from './meta-insights-query.reader';
import { MetaInsightsReader } from './meta-insights.reader';
import { MetaCampaignLauncher } from './launch/meta-campaign-launcher';
import { MetaLaunchStore } from './launch/meta-launch.store';
import { MetaLeadFormWriter } from './meta-lead-form.writer';
import { MetaOAuthClient } from './meta-oauth.client';
import { MetaObjectPagesReader } from './meta-object-pages.reader';
import { MetaObjectsReader } from './meta-objects.reader';
import { MetaPagesReader } from './meta-pages.reader';
import { MetaPixelWriter } from './meta-pixel.writer';
import { MetaTargetingReader } from './meta-targeting.reader';
import { MetaThrottle } from './meta-throttle';

const SERVICES = [
  MetaThrottle,
  MetaGraphClient,
  MetaOAuthClient,
  MetaConnector,
  MetaInsightsReader,
  MetaInsightsQueryReader,
  MetaInsightsReportClient,
  MetaObjectsReader,
  MetaObjectPagesReader,
  MetaPagesReader,
  MetaTargetingReader,
  MetaCampaignStatusWriter,
  MetaCampaignLauncher,
  MetaLaunchStore,
  MetaLeadFormWriter,
  MetaPixelWriter,
];

@Module({
  providers: SERVICES,
  exports: SERVICES,
})
export class MetaModule {}
