import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { Public } from '../common/decorators/public.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { TenantsService } from '../tenants/tenants.service';
import { AdminTokenGuard } from './admin-token.guard';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { TenantWithKeyDto } from './dto/tenant-with-key.dto';
import { TenantDto } from './dto/tenant.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('Admin')
@ApiBearerAuth('admin-token')
@Public()
@UseGuards(AdminTokenGuard)
@Controller('admin/tenants')
export class AdminTenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant and its first API key (shown once)' })
  @ApiEnvelope(TenantWithKeyDto, { status: HttpStatus.CREATED })
  create(@Body() body: CreateTenantDto) {
    return this.tenants.create(body.name, body.allowedRedirectOrigins ?? [], body.sandbox === true ? 'sandbox' : 'live');
  }

  @Get()
  @ApiOperation({ summary: 'List tenants' })
  @ApiEnvelope(TenantDto, { isArray: true })
  list(@Query() page: PageQueryDto) {
    return this.tenants.list(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one tenant' })
  @ApiEnvelope(TenantDto)
  get(@Param('id', uuid) id: string) {
    return this.tenants.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename a tenant or replace its allowed redirect origins" })
  @ApiEnvelope(TenantDto)
  update(@Param('id', uuid) id: string, @Body() body: UpdateTenantDto) {
    return this.tenants.update(id, body);
  }

  @Post(':id/rotate-key')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Issue a new API key; every older key of the tenant stops working at once' })
  @ApiEnvelope(TenantWithKeyDto)
  rotate(@Param('id', uuid) id: string) {
    return this.tenants.rotateKey(id);
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Disable a tenant: its keys and its users' tokens stop working" })
  @ApiEnvelope(TenantDto)
  disable(@Param('id', uuid) id: string) {
    return this.tenants.setDisabled(id, true);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Enable a disabled tenant again' })
  @ApiEnvelope(TenantDto)
  enable(@Param('id', uuid) id: string) {
    return this.tenants.setDisabled(id, false);
  }
}
