import { randomBytes } from 'node:crypto';
import { SimAnswer } from './meta-sim-errors';
import { SimRow, renderFields, requestedFields, unknownField } from './meta-sim-fields';

export interface SimMetaPage {
  id: string;
  name: string;
  category?: string;
  /** The user's tasks on the page; an empty list means a role without tasks, for which Meta sends no page token. */
  tasks?: string[];
}

export interface SimMetaPageToken {
  userId: string;
  pageId: string;
}

const DEFAULT_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MANAGE', 'MESSAGING', 'MODERATE'];
const PAGE_FIELDS = ['id', 'name', 'category', 'category_list', 'tasks', 'access_token', 'about', 'link', 'fan_count'];
const LEAD_FORM_FIELDS = [
  'id', 'name', 'status', 'locale', 'leads_count', 'created_time', 'questions', 'privacy_policy_url', 'thank_you_page', 'context_card',
  'follow_up_action_url', 'expired_leads_count', 'organic_leads_count', 'page', 'page_id', 'is_optimized_for_quality',
  'block_display_for_non_targeted_viewer', 'question_page_custom_headline', 'tracking_parameters', 'legal_content',
];

/** Each user's pages, one page access token per (user, page), and the pages' lead forms. */
export class SimMetaPageStore {
  private readonly pagesByUser = new Map<string, SimMetaPage[]>();
  private readonly tokens = new Map<string, SimMetaPageToken>();
  private readonly tokenByUserPage = new Map<string, string>();
  private readonly forms = new Map<string, SimRow[]>();

  /** `tokenPrefix` goes in front of every page token (the sandbox's `sbx_`). */
  constructor(private readonly tokenPrefix = '') {}

  set(userId: string, pages: SimMetaPage[]): void {
    for (const [token, owner] of this.tokens) if (owner.userId === userId) this.tokens.delete(token);
    for (const key of [...this.tokenByUserPage.keys()]) if (key.startsWith(`${userId}/`)) this.tokenByUserPage.delete(key);
    this.pagesByUser.set(userId, pages.map((page) => ({ ...page, tasks: page.tasks ?? [...DEFAULT_TASKS] })));
    for (const page of pages) {
      if (page.tasks?.length === 0) continue;
      const token = `${this.tokenPrefix}EAAP${randomBytes(30).toString('base64url')}`;
      this.tokens.set(token, { userId, pageId: page.id });
      this.tokenByUserPage.set(`${userId}/${page.id}`, token);
    }
  }

  setForms(pageId: string, forms: SimRow[]): void {
    this.forms.set(pageId, forms.map((form) => ({ ...form })));
  }

  /** A form created through the API, listed after the page's others. */
  addForm(pageId: string, form: SimRow): void {
    this.forms.set(pageId, [...(this.forms.get(pageId) ?? []), { ...form }]);
  }

  tokenOf(userId: string, pageId: string): string | undefined {
    return this.tokenByUserPage.get(`${userId}/${pageId}`);
  }

  owner(token: string): SimMetaPageToken | undefined {
    return this.tokens.get(token);
  }

  page(userId: string, pageId: string): SimMetaPage | undefined {
    return this.pagesByUser.get(userId)?.find((page) => page.id === pageId);
  }

  /** `GET /me/accounts`: the user's pages, with the page token when asked for and the user has a task on the page. */
  accounts(userId: string, params: Record<string, string>): SimRow[] | SimAnswer {
    const rows: SimRow[] = (this.pagesByUser.get(userId) ?? []).map((page) => ({ ...page, access_token: this.tokenOf(userId, page.id) }));
    const fields = requestedFields(params.fields);
    return (fields && unknownField(fields, PAGE_FIELDS, [], 'Page')) || rows.map((row) => renderFields(row, fields));
  }

  leadForms(pageId: string, params: Record<string, string>): SimRow[] | SimAnswer {
    const rows = this.forms.get(pageId) ?? [];
    const fields = requestedFields(params.fields);
    return (fields && unknownField(fields, LEAD_FORM_FIELDS, rows, 'LeadgenForm')) || rows.map((row) => renderFields(row, fields));
  }
}
