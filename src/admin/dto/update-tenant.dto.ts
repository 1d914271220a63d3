import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull } from '../../common/validation/optional-not-null.decorator';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOrigin } from '../../common/validation/is-origin.validator';

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Inc.', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [String], example: ['https://app.acme.com'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsOrigin({ each: true })
  allowedRedirectOrigins?: string[];
}
