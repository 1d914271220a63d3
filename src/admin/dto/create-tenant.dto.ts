import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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

  @ApiPropertyOptional({
    default: false,
    description: 'A sandbox tenant: its platform calls and connect flow go to the built-in simulated Meta and Google, never to the real ones; its keys start with `ak_test_`. Cannot be changed later.',
  })
  @IsOptional()
  @IsBoolean()
  sandbox?: boolean;
}
