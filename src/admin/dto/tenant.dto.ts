import { ApiProperty } from '@nestjs/swagger';

export class TenantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status: string;

  @ApiProperty({ type: [String] })
  allowedRedirectOrigins: string[];

  @ApiProperty({ nullable: true, type: String, description: 'Visible start of the live API key' })
  keyPrefix: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
