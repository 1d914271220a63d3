import { ApiProperty } from '@nestjs/swagger';

export class AccessTokenDto {
  @ApiProperty({ description: 'New HS256 access token, valid for 1 hour' })
  accessToken: string;
}
