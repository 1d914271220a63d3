import { Injectable } from '@nestjs/common';
import type { ImportStep, PlatformImportSteps } from '../import-step';
import { MetaInsightsImportStep } from './meta-insights-import.step';
import { MetaObjectSteps } from './meta-object-steps';

/**
 * The Meta import, in order: campaigns, ad sets, ads, creatives (then whatever is appended below, e.g. insights).
 * A new step is a provider of SyncModule, injected here and appended to `steps`.
 */
@Injectable()
export class MetaImportSteps implements PlatformImportSteps {
  readonly platform = 'meta' as const;
  readonly steps: ImportStep[];

  constructor(objects: MetaObjectSteps, insights: MetaInsightsImportStep) {
    this.steps = [...objects.steps, insights];
  }
}
