import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import type { PlatformName } from '../../platforms/platform-error';

export class CreateConnectionDto {
  @ApiProperty({ enum: ['meta', 'google'], description: 'The advertising platform to connect' })
  @IsIn(['meta', 'google'])
  platform: PlatformName;

  @ApiPropertyOptional({ description: "The workspace's enterpriseId: its default team is used when teamId is omitted" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspaceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The team the connection belongs to (you must be its ADMIN)' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;

  @ApiPropertyOptional({
    description: "Where the browser goes after the callback, with status, platform and connectionId (or error); its origin must be one of the tenant's allowed redirect origins. Omitted: the browser lands on a plain result page of this service",
    example: 'https://app.example.com/integrations/done',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'redirect must be an http(s) URL' })
  @MaxLength(2000)
  redirect?: string;
}
