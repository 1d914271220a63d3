import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { PlatformError } from '../platform-error';
import { MetaGraphClient } from './meta-graph.client';

export interface MetaPixelInput {
  name: string;
  /** Accepted for compatibility; Meta's pixel has no description, so it is not sent. */
  description?: string;
}

export interface MetaCreatedPixel {
  id: string;
  name: string;
}

/** Meta's pixel name limit is not documented; this keeps names readable in Events Manager. */
export const META_PIXEL_NAME_MAX = 100;

/** The `id` of a Graph create answer, as a string; a 502 when Meta sent none. */
export function createdId(body: unknown, what: string): string {
  const id = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
  throw PlatformError.failed(`Meta did not return the id of the new ${what}`, { platform: 'meta' });
}

/** Creates a pixel on an ad account: `POST /act_{id}/adspixels` with `name`. */
@Injectable()
export class MetaPixelWriter {
  constructor(private readonly graph: MetaGraphClient) {}

  async create(accessToken: string, accountId: string, input: MetaPixelInput): Promise<MetaCreatedPixel> {
    const name = input.name.trim();
    if (name === '' || name.length > META_PIXEL_NAME_MAX) {
      throw AppException.badRequest('Validation failed', [`name must be 1 to ${META_PIXEL_NAME_MAX} characters`]);
    }
    const account = accountId.replace(/^act_/, '');
    const body = await this.graph.post<unknown>(`/act_${encodeURIComponent(account)}/adspixels`, { name }, accessToken);
    return { id: createdId(body, 'pixel'), name };
  }
}
