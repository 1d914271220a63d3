import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { META_TARGETING_TYPES, MetaTargetingType } from '../../meta-targeting.mapper';

export class TargetingSearchDto {
  @ApiProperty({ enum: META_TARGETING_TYPES })
  @IsIn(META_TARGETING_TYPES)
  type: MetaTargetingType;

  @ApiProperty({ example: 'New York' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  query: string;
}

export class CampaignStatusDto {
  @ApiProperty({ enum: ['ACTIVE', 'PAUSED'] })
  @IsIn(['ACTIVE', 'PAUSED'])
  status: 'ACTIVE' | 'PAUSED';
}
