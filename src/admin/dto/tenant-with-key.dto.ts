import { ApiProperty } from '@nestjs/swagger';

export class TenantWithKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The API key, shown once; only its SHA-256 is stored' })
  apiKey: string;

  @ApiProperty({ description: 'The visible start of the key, to tell keys apart' })
  keyPrefix: string;

  @ApiProperty({ enum: ['live', 'sandbox'], description: 'live: the real Meta and Google; sandbox: the built-in simulator. Fixed at creation.' })
  environment: string;

  @ApiProperty({ type: [String] })
  allowedRedirectOrigins: string[];
}
