import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOrigin } from '../../common/validation/is-origin.validator';

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Inc.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [String], example: ['https://app.acme.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsOrigin({ each: true })
  allowedRedirectOrigins?: string[];
}
