import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { PlatformError } from '../platform-error';
import { MetaGraphClient } from './meta-graph.client';
import { META_LEAD_FORM_FIELDS, META_PAGE_FIELDS } from './meta-read.fields';

export interface MetaPage {
  id: string;
  name: string;
  category?: string;
  tasks?: string[];
}

interface PageNode {
  id?: unknown;
  name?: unknown;
  category?: unknown;
  tasks?: unknown;
  access_token?: unknown;
}

const PAGE_LIMIT = 100;
const NUMERIC_ID = /^\d{1,30}$/;

/**
 * The connected user's Facebook pages and their lead forms. Page access tokens are fetched when needed and never
 * leave this class except through `pageToken`, for server-side calls made on the page's behalf.
 */
@Injectable()
export class MetaPagesReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async pages(accessToken: string): Promise<MetaPage[]> {
    const nodes = await this.graph.paginate<PageNode>('/me/accounts', { fields: META_PAGE_FIELDS.join(','), limit: PAGE_LIMIT }, accessToken);
    // Built key by key, so an access_token Meta sends anyway can never reach a client.
    return nodes
      .filter((node) => typeof node?.id === 'string' || typeof node?.id === 'number')
      .map((node) => {
        const page: MetaPage = { id: String(node.id), name: typeof node.name === 'string' ? node.name : '' };
        if (typeof node.category === 'string') page.category = node.category;
        if (Array.isArray(node.tasks)) page.tasks = node.tasks.filter((task): task is string => typeof task === 'string');
        return page;
      });
  }

  /** The page access token of one of the user's pages; 404 when the user has no such page. */
  async pageToken(accessToken: string, pageId: string): Promise<string> {
    if (!NUMERIC_ID.test(pageId)) throw AppException.notFound("Page not found among the connected user's pages");
    const nodes = await this.graph.paginate<PageNode>('/me/accounts', { fields: 'id,access_token', limit: PAGE_LIMIT }, accessToken);
    const page = nodes.find((node) => String(node?.id) === pageId);
    if (!page) throw AppException.notFound("Page not found among the connected user's pages");
    // Meta omits the token when the user's role on the page grants no task.
    if (typeof page.access_token !== 'string' || page.access_token === '') {
      throw AppException.forbidden('The connected user has no role on this page that allows managing it');
    }
    return page.access_token;
  }

  async leadForms(accessToken: string, pageId: string): Promise<Array<Record<string, unknown>>> {
    const pageToken = await this.pageToken(accessToken, pageId);
    try {
      return await this.graph.paginate<Record<string, unknown>>(
        `/${pageId}/leadgen_forms`,
        { fields: META_LEAD_FORM_FIELDS.join(','), limit: PAGE_LIMIT },
        pageToken,
      );
    } catch (error) {
      // The user token has just worked; a refused page token says nothing about the stored connection.
      if (error instanceof PlatformError && error.authExpired) {
        throw PlatformError.failed('Meta refused the access token of this page; check the user\'s role on the page', error.platformDetails);
      }
      throw error;
    }
  }
}
