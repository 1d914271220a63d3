import { Global, Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageHttpHooks } from './usage-http-hooks.service';
import { UsageRecorder } from './usage-recorder.service';
import { UsageStore } from './usage-store.service';
import { UsageService } from './usage.service';

/** Global so background jobs can run their platform calls under a tenant with `UsageRecorder.runAs`. */
@Global()
@Module({
  controllers: [UsageController],
  providers: [UsageStore, UsageRecorder, UsageHttpHooks, UsageService],
  exports: [UsageRecorder],
})
export class UsageModule {}
