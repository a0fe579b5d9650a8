import { facilityCurrency, facilityLocale } from '../../../shared/domain/locale';
/** The portal's calls to the facility server: JSON, cookies, and the CSRF header on every change. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The parameters of the code (minutes, a limit); the screen words code and parameters itself. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

type ErrorBody = { error?: string; message?: string; params?: Record<string, string | number> };
const apiError = (response: Response, data: ErrorBody) =>
  new ApiError(response.status, data.error ?? 'error', data.message ?? response.statusText, data.params ?? {});

function csrf(): string {
  return /(?:^|; )ok_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'x-csrf-token': decodeURIComponent(csrf()),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await response.json().catch(() => ({}))) as ErrorBody;
  if (!response.ok) throw apiError(response, data);
  return data as T;
}

/** Money is integer cents; shown in the reader's language and the facility's region ($285.80 in Spanish too). */
export const money = (cents: number, language: string) =>
  new Intl.NumberFormat(facilityLocale(language), { style: 'currency', currency: facilityCurrency }).format(
    cents / 100,
  );

/** A file as the raw request body (a videogram, a book, a track), with the CSRF header; `type` overrides the file's. */
export async function upload<T>(path: string, file: File, type?: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': type ?? (file.type || 'video/webm'), 'x-csrf-token': decodeURIComponent(csrf()) },
    body: file,
  });
  const data = (await response.json().catch(() => ({}))) as ErrorBody;
  if (!response.ok) throw apiError(response, data);
  return data as T;
}
