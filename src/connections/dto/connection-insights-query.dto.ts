import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ConnectionInsightsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day, YYYY-MM-DD' })
  @Matches(DATE, { message: 'start_date must be YYYY-MM-DD' })
  start_date: string;

  @ApiProperty({ example: '2026-11-22', description: 'Last day, YYYY-MM-DD, not before start_date' })
  @Matches(DATE, { message: 'end_date must be YYYY-MM-DD' })
  end_date: string;

  @ApiProperty({ example: 'impressions,clicks,spend', description: "Comma-separated metrics from the platform's allowed list" })
  @IsString()
  @MaxLength(500)
  metrics: string;

  @ApiPropertyOptional({ example: 'gender', description: 'One breakdown dimension from the platform allowed list' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  breakdown?: string;
}
