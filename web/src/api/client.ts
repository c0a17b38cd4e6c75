// The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
// header on state-changing requests, problem+json turned into ApiError, and 401 reported once so
// the app can return to sign-in.
import type { Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
  /** The rule names of the invalid fields, e.g. `identifier` → `personnummer.checksum`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] = e.detail;
    return out;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: number | string;
  /** A 401 on this request is an answer (e.g. wrong password), not an expired session. */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) {
    const v = String(options.ifMatch);
    headers['If-Match'] = v.startsWith('"') ? v : `"${v}"`;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, title: 'network' });
  }
  const text = res.status === 204 ? '' : await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      json && typeof json === 'object' ? { ...(json as Problem), status: res.status } : { status: res.status };
    if (res.status === 401 && !options.expectUnauthorized && onUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  return { data: json as T, etag: res.headers.get('ETag') };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { signal })).data;
}

export async function post<T>(path: string, body?: unknown, extra: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
  return (await request<T>(path, { ...extra, method: 'POST', body: body ?? {} })).data;
}
