import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { AppConfig } from '../../config/app-config';
import { SANDBOX_CONSENT_PATH } from '../../platforms/platform-endpoints.service';
import { SandboxConsentService } from './sandbox-consent.service';

type Form = Record<string, unknown>;

/**
 * The simulated Meta and Google consent dialogs of sandbox tenants, served by the app itself so that a browser can
 * click through the connect flow with no platform account. The paths mirror the platforms' own
 * (`/{version}/dialog/oauth`, `/o/oauth2/v2/auth`) below `/api/v1/sandbox/{platform}`.
 */
@ApiExcludeController()
@Public()
@Controller('sandbox')
export class SandboxConsentController {
  constructor(
    private readonly consent: SandboxConsentService,
    private readonly config: AppConfig,
  ) {}

  @Get('meta/:version/dialog/oauth')
  metaDialog(@Param('version') version: string, @Query() query: Form, @Res() reply: FastifyReply) {
    return this.consent.answer('meta', 'GET', query, this.metaAction(version), reply);
  }

  /** The form's fields win over the query's, which a script may use instead (`curl -X POST "$AUTH_URL" -d decision=grant`). */
  @Post('meta/:version/dialog/oauth')
  metaDecision(@Param('version') version: string, @Query() query: Form, @Body() form: Form | undefined, @Res() reply: FastifyReply) {
    return this.consent.answer('meta', 'POST', { ...query, ...form }, this.metaAction(version), reply);
  }

  @Get('google/o/oauth2/v2/auth')
  googleDialog(@Query() query: Form, @Res() reply: FastifyReply) {
    return this.consent.answer('google', 'GET', query, this.googleAction(), reply);
  }

  @Post('google/o/oauth2/v2/auth')
  googleDecision(@Query() query: Form, @Body() form: Form | undefined, @Res() reply: FastifyReply) {
    return this.consent.answer('google', 'POST', { ...query, ...form }, this.googleAction(), reply);
  }

  private metaAction(version: string): string | undefined {
    return /^v\d{1,3}\.\d{1,2}$/.test(version) ? `${this.config.publicUrl}${SANDBOX_CONSENT_PATH}/meta/${version}/dialog/oauth` : undefined;
  }

  private googleAction(): string {
    return `${this.config.publicUrl}${SANDBOX_CONSENT_PATH}/google/o/oauth2/v2/auth`;
  }
}
