import { ApiProperty } from '@nestjs/swagger';

export class TenantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status: string;

  @ApiProperty({ enum: ['live', 'sandbox'], description: 'live: the real Meta and Google; sandbox: the built-in simulator. Fixed at creation.' })
  environment: string;

  @ApiProperty({ type: [String] })
  allowedRedirectOrigins: string[];

  @ApiProperty({ nullable: true, type: String, description: 'Visible start of the active API key (`ak_live_…` or, in sandbox, `ak_test_…`)' })
  keyPrefix: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
