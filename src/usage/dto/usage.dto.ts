import { ApiProperty } from '@nestjs/swagger';

export class UsagePlatformCallsDto {
  @ApiProperty({ example: 12 })
  meta: number;

  @ApiProperty({ example: 0 })
  google: number;
}

export class UsageDayEndpointDto {
  @ApiProperty({ example: '2026-11-03', description: 'UTC day' })
  date: string;

  @ApiProperty({ example: 'GET /api/v1/:teamId/meta/campaigns', description: "Method and route pattern, or `job:<name>` for background work" })
  endpoint: string;

  @ApiProperty({ example: 40, description: 'Requests to this API (any status) by the tenant' })
  requests: number;

  @ApiProperty({ type: UsagePlatformCallsDto, description: 'HTTP calls this API made to each platform for them (retries and pages included)' })
  platformCalls: UsagePlatformCallsDto;
}

export class UsageTotalsDto {
  @ApiProperty({ example: 40 })
  requests: number;

  @ApiProperty({ type: UsagePlatformCallsDto })
  platformCalls: UsagePlatformCallsDto;
}

export class UsageDto {
  @ApiProperty({ example: '2026-11-01' })
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  to: string;

  @ApiProperty({ type: UsageTotalsDto })
  totals: UsageTotalsDto;

  @ApiProperty({ type: [UsageDayEndpointDto], description: 'One page of items (limit, cursor; meta.nextCursor): one per day and endpoint that saw use, by day then endpoint' })
  items: UsageDayEndpointDto[];
}
