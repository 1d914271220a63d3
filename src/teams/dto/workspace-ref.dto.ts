import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WorkspaceRefDto {
  @ApiProperty({ description: 'Enterprise ID (workspace identifier)', example: '1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  enterpriseId: string;
}
