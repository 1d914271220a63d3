import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ChangeAdminDto {
  @ApiProperty({ description: 'The externalUserId of the new admin (created on first reference)', example: '4' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  adminId: string;
}
