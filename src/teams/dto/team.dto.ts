import { ApiProperty } from '@nestjs/swagger';

export class MemberUserDto {
  @ApiProperty()
  externalUserId: string;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['ADMIN', 'MEMBER'] })
  role: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class TeamMemberWithUserDto extends TeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ type: MemberUserDto })
  user: MemberUserDto;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  isDefault: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class TeamWithMembersDto extends TeamDto {
  @ApiProperty({ type: [TeamMemberWithUserDto] })
  TeamMembers: TeamMemberWithUserDto[];
}

export class TeamWorkspaceDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  enterpriseId: string;
}

export class TeamDetailDto extends TeamWithMembersDto {
  @ApiProperty({ type: TeamWorkspaceDto })
  workspace: TeamWorkspaceDto;
}

export class TeamNameDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class AssignedMemberDto {
  @ApiProperty()
  externalUserId: string;

  @ApiProperty({ type: TeamMemberDto })
  teamMember: TeamMemberDto;
}

export class FailedMemberDto {
  @ApiProperty({ nullable: true, type: String })
  externalUserId: string | null;

  @ApiProperty({ example: 'User already assigned to this team' })
  error: string;
}

export class AssignSummaryDto {
  @ApiProperty()
  total: number;

  @ApiProperty()
  successCount: number;

  @ApiProperty()
  failureCount: number;
}

export class AssignResultDto {
  @ApiProperty({ type: [AssignedMemberDto] })
  successful: AssignedMemberDto[];

  @ApiProperty({ type: [FailedMemberDto] })
  failed: FailedMemberDto[];

  @ApiProperty({ type: AssignSummaryDto })
  summary: AssignSummaryDto;
}
