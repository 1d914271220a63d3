import { ApiProperty } from '@nestjs/swagger';

export class CurrentUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  externalUserId: string;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;
}
