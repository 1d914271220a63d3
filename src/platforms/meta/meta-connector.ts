import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import type { PlatformGrant } from '../platform-grant';
import { mapMetaAdAccount, MetaAdAccountNode } from './meta-ad-account.mapper';
import { MetaGraphClient } from './meta-graph.client';
import { MetaOAuthClient } from './meta-oauth.client';

const AD_ACCOUNT_FIELDS = 'id,account_id,name,account_status,currency,timezone_name';

/** Turns the code of an OAuth callback into a stored-ready grant: long-lived token, identity, scopes, ad accounts. */
@Injectable()
export class MetaConnector {
  constructor(
    private readonly oauth: MetaOAuthClient,
    private readonly graph: MetaGraphClient,
  ) {}

  async connect(code: string): Promise<PlatformGrant> {
    const shortLived = await this.oauth.exchangeCode(code);
    const longLived = await this.oauth.exchangeLongLived(shortLived.accessToken);
    const info = await this.oauth.debugToken(longLived.accessToken);
    if (!info.isValid || !info.userId) {
      throw PlatformError.authExpired('Meta reports the new access token as invalid; connect the Meta account again', { platform: 'meta' });
    }
    const nodes = await this.graph.paginate<MetaAdAccountNode>('/me/adaccounts', { fields: AD_ACCOUNT_FIELDS, limit: 50 }, longLived.accessToken);
    return {
      platform: 'meta',
      platformUserId: info.userId,
      scopes: info.scopes,
      accessToken: longLived.accessToken,
      accessTokenExpiresAt: longLived.expiresAt ?? info.expiresAt,
      refreshToken: null,
      accounts: nodes.map(mapMetaAdAccount),
    };
  }
}
