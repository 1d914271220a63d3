import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEAM_ROLES, type TeamMemberRole } from '../team-member.entity';

/** One entry of an assign request; validated entry by entry so one bad entry never loses the others. */
export class MemberInputDto {
  @ApiProperty({ example: 'Team-Member-1', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalUserId: string;

  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES)
  role: TeamMemberRole;
}
