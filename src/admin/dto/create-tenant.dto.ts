import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOrigin } from '../../common/validation/is-origin.validator';

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['https://app.acme.com'], description: 'Origins the OAuth connect flow may redirect back to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsOrigin({ each: true })
  allowedRedirectOrigins?: string[];
}
