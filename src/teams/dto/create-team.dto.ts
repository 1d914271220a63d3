import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ description: 'Enterprise ID (workspace identifier)', example: '2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  enterpriseId: string;

  @ApiProperty({ example: 'New Team', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
