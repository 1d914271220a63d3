import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { UsageQueryDto } from './dto/usage-query.dto';
import { UsageDto } from './dto/usage.dto';
import { UsageService } from './usage.service';

@ApiTags('Usage')
@ApiBearerAuth()
@Controller('usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @ApiOperation({ summary: "The tenant's requests and platform calls per UTC day and endpoint (any user of the tenant); items paged (limit, cursor), totals over the whole range" })
  @ApiEnvelope(UsageDto)
  get(@CurrentUser() user: AuthUser, @Query() query: UsageQueryDto) {
    return this.usage.forTenant(user.tenantId, query);
  }
}
