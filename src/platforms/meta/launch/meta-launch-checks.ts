import { isCalendarDate } from './meta-local-time';
import type { GeoLocationInput, MetaLaunchRequest } from './meta-launch.types';
import { geoLocationProblem } from './meta-targeting-spec.mapper';

function geoProblems(path: string, locations: GeoLocationInput[] | undefined): string[] {
  return (locations ?? []).flatMap((location, index) => {
    const problem = geoLocationProblem(location);
    return problem ? [`${path}.${index}.id: ${problem}`] : [];
  });
}

function dateProblems(startDate: string | undefined, endDate: string | undefined): string[] {
  const problems: string[] = [];
  const startOk = startDate === undefined || isCalendarDate(startDate);
  const endOk = endDate === undefined || isCalendarDate(endDate);
  if (!startOk) problems.push('startDate must be a calendar date (YYYY-MM-DD)');
  if (!endOk) problems.push('endDate must be a calendar date (YYYY-MM-DD)');
  // The ad set runs from 00:00:00 of startDate to 23:59:59 of endDate; Meta wants the end after the start, by a day.
  if (startOk && endOk && startDate !== undefined && endDate !== undefined && startDate >= endDate) problems.push('endDate must be after startDate');
  return problems;
}

/**
 * Rules that span several fields of a launch body (the DTOs check each field on its own). Every problem is a
 * message that starts with the field it is about; an empty list means the launch may go to Meta. Pure.
 */
export function metaLaunchProblems(request: MetaLaunchRequest): string[] {
  const { kind, body } = request;
  const problems = dateProblems(body.startDate, body.endDate);

  const categories = body.specialAdCategories ?? ['NONE'];
  const special = categories.filter((category) => category !== 'NONE');
  const countries = body.specialAdCountry ?? [];
  if (categories.includes('NONE') && special.length > 0) problems.push('specialAdCategories: NONE cannot be combined with another category');
  if (special.length > 0 && countries.length === 0) problems.push('specialAdCountry is required when specialAdCategories names a category other than NONE');
  if (special.length === 0 && countries.length > 0) problems.push('specialAdCountry applies only with a special ad category other than NONE');

  const targeting = body.targeting;
  if (targeting.ageMin !== undefined && targeting.ageMax !== undefined && targeting.ageMin > targeting.ageMax) {
    problems.push('targeting.ageMin must not be greater than targeting.ageMax');
  }
  problems.push(...geoProblems('targeting.geoLocations', targeting.geoLocations), ...geoProblems('targeting.excludedGeoLocations', targeting.excludedGeoLocations));

  const creative = body.creatives;
  if (creative.imageUrl !== undefined && creative.videoId !== undefined) {
    problems.push('creatives.imageUrl and creatives.videoId are exclusive: send an image or a video');
  }
  if (creative.imageUrl === undefined && creative.videoId === undefined) {
    problems.push('creatives.imageUrl is required (or creatives.videoId with creatives.thumbnailUrl)');
  }
  if (creative.videoId !== undefined && creative.thumbnailUrl === undefined) problems.push('creatives.thumbnailUrl is required with creatives.videoId');
  if (creative.videoId === undefined && creative.thumbnailUrl !== undefined) problems.push('creatives.thumbnailUrl applies only with creatives.videoId');

  switch (kind) {
    case 'traffic': {
      const location = request.body.conversionLocation ?? 'WEBSITE';
      const { appId, objectStoreUrl } = request.body;
      if (location === 'APP') {
        if (appId === undefined) problems.push('appId is required when conversionLocation is APP');
        if (objectStoreUrl === undefined) problems.push('objectStoreUrl is required when conversionLocation is APP');
        if (creative.url !== undefined) problems.push('creatives.url is not used when conversionLocation is APP: the ad links to objectStoreUrl');
      } else {
        if (appId !== undefined) problems.push('appId applies only when conversionLocation is APP');
        if (objectStoreUrl !== undefined) problems.push('objectStoreUrl applies only when conversionLocation is APP');
        if (creative.url === undefined) problems.push('creatives.url is required');
      }
      if (request.body.optimizationGoal === 'LANDING_PAGE_VIEWS' && location !== 'WEBSITE') {
        problems.push('optimizationGoal LANDING_PAGE_VIEWS needs conversionLocation WEBSITE');
      }
      if (location === 'MESSENGER' && creative.callToAction !== 'MESSAGE_PAGE') {
        problems.push('creatives.callToAction must be MESSAGE_PAGE when conversionLocation is MESSENGER');
      }
      break;
    }
    case 'sales':
      if (creative.url === undefined) problems.push('creatives.url is required');
      if (request.body.productSetId !== undefined && request.body.catalogId === undefined) problems.push('catalogId is required with productSetId');
      break;
    case 'engagement':
      // Without a url the ad links to the page itself.
      break;
    case 'lead':
    case 'awareness':
      if (creative.url === undefined) problems.push('creatives.url is required');
      break;
  }
  return problems;
}
