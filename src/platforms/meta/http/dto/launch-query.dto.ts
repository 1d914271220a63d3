import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MetaAccountQueryDto } from './meta-query.dto';

export class MetaLaunchQueryDto extends MetaAccountQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: a preflight that checks the launch and creates nothing (200)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  validateOnly?: 'true' | 'false';
}

export class MetaLaunchResultDto {
  @ApiProperty() campaignId: string;
  @ApiProperty() adSetId: string;
  @ApiProperty() creativeId: string;
  @ApiProperty() adId: string;
}

export class MetaLaunchCheckDto {
  @ApiProperty({ enum: ['campaign', 'adset', 'creative', 'ad'] }) object: string;
  @ApiProperty({ enum: ['meta', 'local'], description: "meta: Meta's execution_options=[\"validate_only\"]; local: our checks only" }) checkedBy: string;
}

export class MetaLaunchValidationDto {
  @ApiProperty({ example: true }) valid: boolean;
  @ApiProperty({ type: [MetaLaunchCheckDto] }) checked: MetaLaunchCheckDto[];
}
