import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiQuery } from '@nestjs/swagger';
import type { PlatformName } from '../platforms/platform-error';
import type { AdAccountRequirement } from './ad-account-access.types';
import { PlatformAccountGuard } from './platform-account.guard';

export const PLATFORM_ACCOUNT_REQUIREMENT = 'platform-account-requirement';

export interface PlatformAccountRequirement {
  platform: PlatformName;
  required: AdAccountRequirement;
}

/**
 * `/{teamId}/{platform}/…`: the caller is in the team, the `adAccountId` query names one of the team's accounts of
 * that platform (or the team has exactly one), and the caller is team ADMIN or holds VIEWER (READ) / MANAGER (WRITE).
 */
export const PlatformAccount = (platform: PlatformName, required: AdAccountRequirement) =>
  applyDecorators(
    SetMetadata(PLATFORM_ACCOUNT_REQUIREMENT, { platform, required } satisfies PlatformAccountRequirement),
    UseGuards(PlatformAccountGuard),
    ApiQuery({ name: 'adAccountId', required: false, description: "The platform's account id (optional when the team has only one)" }),
    ApiNotFoundResponse({ description: 'No such team or ad account in your teams' }),
    ApiForbiddenResponse({ description: required === 'WRITE' ? 'Requires MANAGER on the account (or team ADMIN)' : 'Requires VIEWER or MANAGER on the account (or team ADMIN)' }),
  );
