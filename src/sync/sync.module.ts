import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { JobsModule } from '../jobs/jobs.module';
import { MetaModule } from '../platforms/meta/meta.module';
import { GoogleImportSearch } from './google/google-import-search';
import { GoogleImportSteps } from './google/google-import-steps';
import type { PlatformImportSteps } from './import-step';
import { IMPORT_STEPS, ImportRunner } from './import-runner.service';
import { ImportStore } from './import-store.service';
import { ImportWorker } from './import-worker.service';
import { LocalCopyState } from './local-copy-state.service';
import { MetaImportSteps } from './meta/meta-import-steps';
import { MetaInsightsImportStep } from './meta/meta-insights-import.step';
import { MetaInsightsSource } from './meta/meta-insights-source.service';
import { MetaLocalReader } from './meta/meta-local-reader.service';
import { MetaObjectSteps } from './meta/meta-object-steps';
import { MetaObjectsSource } from './meta/meta-objects-source.service';

/**
 * Import jobs (pg-boss) and the local copy of platform data. A platform's import is a `PlatformImportSteps`
 * provider listed in IMPORT_STEPS below; a new step of a platform is injected into that platform's class.
 */
@Module({
  imports: [JobsModule, ConnectionsModule, MetaModule],
  providers: [
    ImportStore,
    ImportRunner,
    ImportWorker,
    LocalCopyState,
    MetaObjectSteps,
    MetaInsightsImportStep,
    MetaImportSteps,
    GoogleImportSearch,
    GoogleImportSteps,
    MetaLocalReader,
    MetaObjectsSource,
    MetaInsightsSource,
    {
      provide: IMPORT_STEPS,
      useFactory: (...platforms: PlatformImportSteps[]) => platforms,
      inject: [MetaImportSteps, GoogleImportSteps],
    },
  ],
  exports: [ImportStore, ImportWorker, LocalCopyState, MetaLocalReader, MetaObjectsSource, MetaInsightsSource],
})
export class SyncModule {}
