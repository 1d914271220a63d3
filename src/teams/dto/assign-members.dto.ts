import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MemberInputDto } from './member-input.dto';

export const MAX_MEMBERS_PER_REQUEST = 100;

export class AssignMembersDto {
  @ApiProperty({ type: [MemberInputDto], minItems: 1, maxItems: MAX_MEMBERS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  members: unknown[];
}
