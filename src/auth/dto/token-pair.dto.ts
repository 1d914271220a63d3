import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'HS256 access token, valid for 1 hour' })
  accessToken: string;

  @ApiProperty({ description: 'HS256 refresh token, valid for 1 day' })
  refreshToken: string;
}
