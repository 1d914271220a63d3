import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateTokenDto {
  @ApiProperty({ description: "The tenant's own id for the user; the user is created on first sight", example: '1', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalUserId: string;
}
