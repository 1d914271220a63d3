import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { AdAccountRequirement } from './ad-account-access.types';
import { AdAccountAccessGuard } from './ad-account-access.guard';

export const AD_ACCOUNT_REQUIREMENT = 'ad-account-requirement';

export interface AdAccountRequirementMetadata {
  required: AdAccountRequirement;
  /** The route parameter naming the account. */
  param: string;
}

/** The caller must hold `required` on the ad account named by route parameter `param`. */
export const AdAccountRole = (required: AdAccountRequirement, param = 'id') =>
  applyDecorators(SetMetadata(AD_ACCOUNT_REQUIREMENT, { required, param } satisfies AdAccountRequirementMetadata), UseGuards(AdAccountAccessGuard));
