import { Module } from '@nestjs/common';
import { SyncModule } from '../sync.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** The HTTP side of imports: starting them and following their status. */
@Module({
  imports: [SyncModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class SyncHttpModule {}
