import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../../../connections/connections.module';
import { GoogleModule } from '../google.module';
import { GoogleAccessibleAccounts } from './google-accessible-accounts.service';
import { GoogleAccountCalls } from './google-account-calls.service';
import { GoogleAccountsController } from './google-accounts.controller';
import { GoogleReportsController } from './google-reports.controller';

@Module({
  imports: [ConnectionsModule, GoogleModule],
  controllers: [GoogleAccountsController, GoogleReportsController],
  providers: [GoogleAccountCalls, GoogleAccessibleAccounts],
})
export class GoogleHttpModule {}
