import { Injectable } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { GoogleDriver } from './google/google.driver';
import { MetaDriver } from './meta/meta.driver';
import type { PlatformDriver } from './platform-driver';
import type { PlatformName } from './platform-error';

/** Picks the driver of a platform; the only place that knows which platforms exist. */
@Injectable()
export class PlatformDrivers {
  private readonly drivers: Record<PlatformName, PlatformDriver>;

  constructor(meta: MetaDriver, google: GoogleDriver) {
    this.drivers = { meta, google };
  }

  get(platform: PlatformName): PlatformDriver {
    return this.drivers[platform];
  }

  /** The driver, or a clear 400 when the server has no app credentials for the platform. */
  configured(platform: PlatformName): PlatformDriver {
    const driver = this.drivers[platform];
    if (!driver.isConfigured()) {
      throw AppException.badRequest(`Connecting ${platform} is not available: this server has no ${platform} app credentials configured`, [
        `platform ${platform} is not configured`,
      ]);
    }
    return driver;
  }
}
