import { ApiProperty } from '@nestjs/swagger';

export class WorkspaceAdminDto {
  @ApiProperty()
  externalUserId: string;
}

export class CreatedWorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  enterpriseId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class WorkspaceDto extends CreatedWorkspaceDto {
  @ApiProperty({ type: WorkspaceAdminDto })
  admin: WorkspaceAdminDto;
}

export class UpdatedWorkspaceDto extends CreatedWorkspaceDto {
  @ApiProperty({ description: "The admin's externalUserId" })
  adminId: string;
}
