import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A request body as the simulator reads it: JSON (or raw text when not JSON), or a form. */
export interface SimRequestBody {
  value: unknown;
  form: Record<string, string>;
  invalidJson: boolean;
}

export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

export function parseBody(raw: string, contentType = ''): SimRequestBody {
  if (raw === '') return { value: undefined, form: {}, invalidJson: false };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    return { value: form, form, invalidJson: false };
  }
  try {
    return { value: JSON.parse(raw), form: {}, invalidJson: false };
  } catch {
    return { value: raw, form: {}, invalidJson: true };
  }
}
