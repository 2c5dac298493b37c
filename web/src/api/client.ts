/**
 * The one way the application talks to the server. Sessions are HttpOnly cookies the script cannot
 * read; state-changing requests carry the CSRF token the server handed out at sign-in (and on
 * /auth/session), because a cookie alone would let another site act as the officer.
 */
import { serverText } from '../server-text.ts';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
  line?: number;
  /** Values the message names, for its translation (dates and numbers shown in the user's locale). */
  params?: Record<string, string | number>;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** Field errors keyed by dotted path (`markings.0.serialNumber`), the first message per field, in the user's language. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) if (!(e.field in out)) out[e.field] = fieldErrorText(e);
    return out;
  }
}

/** A field error's message in the user's language, from its code (the server's English when there is no translation). */
export function fieldErrorText(e: FieldError): string {
  return serverText(e.code, e.message, { field: e.field, line: e.line, ...e.params });
}

let csrfToken: string | null = null;
const CSRF_STORAGE_KEY = 'custodia.csrf';

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
  // sessionStorage keeps the token across a reload of the same tab without outliving it.
  try {
    if (csrfToken) sessionStorage.setItem(CSRF_STORAGE_KEY, csrfToken);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    /* storage disabled: the token lives in memory only */
  }
}

function currentCsrf(): string | null {
  if (csrfToken) return csrfToken;
  try {
    csrfToken = sessionStorage.getItem(CSRF_STORAGE_KEY);
  } catch {
    csrfToken = null;
  }
  return csrfToken;
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, x));
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Raw body (FormData, Blob); sent as is. */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

async function toProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem> & { message?: string };
      return { ...body, status: res.status, detail: body.detail ?? body.message };
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: res.statusText };
}

export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const token = currentCsrf();
  if (token && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = token;
  const res = await fetch(withQuery(`/api/v1${path}`, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401 && onUnauthorized && !path.startsWith('/auth/login')) onUnauthorized();
    throw new ApiError(problem);
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Saves a response body (PDF, CSV report) under the name the server suggests. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await apiFetch(path, { headers: { accept: '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
