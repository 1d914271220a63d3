import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateWorkspaceDto {
  @ApiProperty({ description: "The tenant's own id for the workspace, unique per tenant", example: '1', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  enterpriseId: string;

  @ApiProperty({ example: 'New Workspace', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  workspaceName: string;
}
