import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { META_PIXEL_NAME_MAX, MetaPixelInput } from '../../meta-pixel.writer';

/** `POST /{teamId}/meta/pixels` (seed contract). */
export class CreatePixelDto implements MetaPixelInput {
  @ApiProperty({ example: 'Test Pixel' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(META_PIXEL_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ example: 'Created via API', description: 'Accepted for compatibility; Meta pixels have no description, so it is not sent' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}
