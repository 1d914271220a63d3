import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminTenantsController } from './admin-tenants.controller';
import { AdminTokenGuard } from './admin-token.guard';

@Module({ imports: [TenantsModule], controllers: [AdminTenantsController], providers: [AdminTokenGuard] })
export class AdminModule {}
