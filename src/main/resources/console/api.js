// The one fetch wrapper: JSON in and out, the session cookie, errors as ApiError with the server's field.
export class ApiError extends Error {
  constructor(status, error) {
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.code = error && error.code;
    this.field = error && error.field;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data && data.error);
  return data;
}

/** A list answer as an array, whatever envelope the route uses. */
export function rows(data) {
  if (Array.isArray(data)) return data;
  if (!data) return [];
  return data.items || data.rows || data.data || data.logs || data.channels || [];
}
