import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { ApiKeyOnly, Auth } from '../common/decorators/public.decorator';
import { ActiveTenant } from '../tenants/tenants.service';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';
import { CurrentTenant } from './decorators/current-tenant.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { AccessTokenDto } from './dto/access-token.dto';
import { CreateTokenDto } from './dto/create-token.dto';
import { CurrentUserDto } from './dto/current-user.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { RefreshTokenGuard } from './guards/refresh-token.guard';
import { TokenService } from './token.service';

@ApiTags('Auth')
@ApiSecurity('api-key')
@ApiKeyOnly()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @Post('token')
  @ApiOperation({ summary: 'Get a user token (the user is created on first sight)' })
  @ApiEnvelope(TokenPairDto, { status: HttpStatus.CREATED })
  async createToken(@CurrentTenant() tenant: ActiveTenant, @Body() body: CreateTokenDto): Promise<TokenPairDto> {
    const user = await this.users.ensure(tenant.id, body.externalUserId);
    return this.tokens.issuePair({ id: user.id, tenantId: tenant.id, externalUserId: user.externalUserId });
  }

  @Get('refresh-token')
  @HttpCode(HttpStatus.OK)
  @UseGuards(RefreshTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Get a new access token with the refresh token as bearer' })
  @ApiEnvelope(AccessTokenDto)
  async refresh(@CurrentUser() user: AuthUser): Promise<AccessTokenDto> {
    return { accessToken: await this.tokens.sign(user, 'access') };
  }

  @Get('me')
  @Auth('api-key-and-user')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user the access token belongs to (a cheap way to check a token)' })
  @ApiEnvelope(CurrentUserDto)
  me(@CurrentUser() user: AuthUser): CurrentUserDto {
    return { id: user.id, externalUserId: user.externalUserId, tenantId: user.tenantId };
  }
}
