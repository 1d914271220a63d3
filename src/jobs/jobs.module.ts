import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';

/** The PostgreSQL job queue (pg-boss), one per process, for every module that enqueues or works jobs. */
@Global()
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
