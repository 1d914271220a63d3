import { Module } from '@nestjs/common';
import { ConnectionInsightsService } from './connection-insights.service';
import { ConnectionRemoval } from './connection-removal.service';
import { ConnectionStore } from './connection-store.service';
import { ConnectionTokens } from './connection-tokens.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { ConnectionAdminGuard } from './guards/connection-admin.guard';
import { ConnectionTargetGuard } from './guards/connection-target.guard';
import { ConnectCallbackController } from './oauth/connect-callback.controller';
import { ConnectService } from './oauth/connect.service';
import { OAuthStateService } from './oauth/oauth-state.service';
import { SandboxConsentController } from './oauth/sandbox-consent.controller';
import { SandboxConsentService } from './oauth/sandbox-consent.service';
import { TokenVault } from './vault/token-vault.service';

@Module({
  controllers: [ConnectionsController, ConnectCallbackController, SandboxConsentController],
  providers: [
    ConnectionsService,
    ConnectService,
    ConnectionStore,
    ConnectionTokens,
    ConnectionRemoval,
    ConnectionInsightsService,
    OAuthStateService,
    SandboxConsentService,
    TokenVault,
    ConnectionTargetGuard,
    ConnectionAdminGuard,
  ],
  exports: [ConnectionTokens, TokenVault],
})
export class ConnectionsModule {}
