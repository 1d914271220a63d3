import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_MEMBERS_PER_REQUEST } from './assign-members.dto';

export class RemoveMembersDto {
  @ApiProperty({ type: [String], example: ['external-user-id-1', 'external-user-id-2'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(255, { each: true })
  members: string[];
}
