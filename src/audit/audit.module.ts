import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditLog } from './audit-log.service';
import { AuditRequestHooks } from './audit-request-hooks.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global so that every module writing a change can record it in the same transaction. */
@Global()
@Module({
  imports: [AccessModule],
  controllers: [AuditController],
  providers: [AuditLog, AuditService, AuditRequestHooks],
  exports: [AuditLog],
})
export class AuditModule {}
