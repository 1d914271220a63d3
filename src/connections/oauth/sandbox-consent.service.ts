import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { PlatformName } from '../../platforms/platform-error';
import { SandboxSimulator } from '../../sandbox/sandbox-simulator.service';
import type { SandboxDialogParams } from '../../sandbox/sandbox-world';
import { CONNECT_RESULT_PAGE_HEADERS, renderConnectResultPage } from './connect-result.page';
import { OAuthStateService } from './oauth-state.service';

const MAX_PARAM_LENGTH = 4096;

/**
 * The consent page may not be framed, loads nothing and runs nothing. `form-action` stays open on purpose: its Grant
 * button's POST is redirected to the callback and on to the tenant's own site, and browsers check every hop of a form
 * submission against `form-action`.
 */
const CONSENT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function dialogParams(raw: Record<string, unknown> | undefined): SandboxDialogParams {
  const params: SandboxDialogParams = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string' && value.length <= MAX_PARAM_LENGTH) params[name] = value;
  }
  return params;
}

/**
 * Answers the simulated consent dialog for the sandbox tenant that the connect `state` names. The state is checked
 * (signed by us, unexpired, unused) but not burned: the callback burns it. A live tenant's state is refused, so the
 * simulator can never hand out a grant for a live tenant.
 */
@Injectable()
export class SandboxConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly states: OAuthStateService,
    private readonly simulator: SandboxSimulator,
  ) {}

  async answer(platform: PlatformName, method: 'GET' | 'POST', raw: Record<string, unknown> | undefined, action: string | undefined, reply: FastifyReply): Promise<void> {
    const params = dialogParams(raw);
    const peeked = action === undefined ? undefined : await this.states.peek(params.state, platform);
    if (!peeked?.ok) {
      await this.problem(reply, platform, peeked?.error ?? 'INVALID_REQUEST');
      return;
    }
    const tenantId = peeked.state.tenantId;
    const rows: Array<{ environment: string }> = await this.dataSource.query(`SELECT environment FROM tenants WHERE id = $1 AND status = 'active'`, [tenantId]);
    if (rows[0]?.environment !== 'sandbox') {
      await this.problem(reply, platform, 'INVALID_STATE');
      return;
    }
    const answer = this.simulator.consent(platform, tenantId, method, params, action!);
    await reply
      .status(answer.status)
      .headers({ ...answer.headers, ...CONSENT_PAGE_HEADERS })
      .send(answer.body ?? '');
  }

  private async problem(reply: FastifyReply, platform: PlatformName, error: string): Promise<void> {
    await reply.status(400).headers(CONNECT_RESULT_PAGE_HEADERS).send(renderConnectResultPage({ status: 'error', platform, error }));
  }
}
