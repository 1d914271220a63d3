import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import type { PlatformName } from '../../platforms/platform-error';
import { CONNECT_RESULT_PAGE_HEADERS, renderConnectResultPage } from './connect-result.page';
import { CallbackOutcome, CallbackQuery, ConnectService } from './connect.service';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 4096 ? value : undefined;
}

/** Where the platforms send the browser back. No API key here: the signed state says who asked. */
@ApiExcludeController()
@Public()
@Controller()
export class ConnectCallbackController {
  constructor(private readonly connect: ConnectService) {}

  @Get('meta/redirect/callback')
  meta(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.handle('meta', query, reply);
  }

  @Get('google/redirect/callback')
  google(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.handle('google', query, reply);
  }

  private async handle(platform: PlatformName, query: Record<string, unknown>, reply: FastifyReply): Promise<void> {
    const callback: CallbackQuery = { code: text(query.code), state: text(query.state), error: text(query.error) };
    const outcome: CallbackOutcome = await this.connect.handleCallback(platform, callback);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (outcome.redirect) {
      await reply.redirect(outcome.redirect, 302);
      return;
    }
    await reply
      .status(outcome.result.status === 'success' ? 200 : 400)
      .headers(CONNECT_RESULT_PAGE_HEADERS)
      .send(renderConnectResultPage(outcome.result));
  }
}
