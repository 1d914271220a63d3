import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-type';

export class CreateWebhookDto {
  @ApiProperty({ description: 'The workspace whose events are sent' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  enterpriseId: string;

  @ApiProperty({ example: 'https://app.example.com/hooks/adlyft' })
  @IsString()
  @IsNotEmpty()
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each value in events must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
