// The console's client of the public API: the signed-in token on every call, problems as errors.
import { session } from './session.js';

/** An answer that is not 2xx: the problem details the API sent (RFC 9457), or what the console could tell. */
export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.field = body && body.field;
    this.body = body;
  }
}

/** A fresh Idempotency-Key, so that a retried click never makes a second transfer or account. */
export function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, value);
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function url(path, query) {
  return withQuery('/api/v1' + path, query);
}

export function authorization() {
  return { Authorization: `Bearer ${session.token()}` };
}

/** Calls the API; answers the parsed JSON body, or throws a Problem. */
export async function call(method, path, { body, query, key, signal } = {}) {
  const headers = { Accept: 'application/json', ...authorization() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (key) {
    headers['Idempotency-Key'] = key;
  }
  let answer;
  try {
    answer = await fetch(url(path, query), {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new Problem(0, { title: 'The gateway does not answer', detail: String(e.message || e) });
  }
  const text = await answer.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (ignored) {
    json = { detail: text };
  }
  if (answer.status === 401) {
    session.expired();
  }
  if (!answer.ok) {
    throw new Problem(answer.status, json);
  }
  return json;
}

export const get = (path, query, options) => call('GET', path, { query, ...options });
export const post = (path, body, options) => call('POST', path, { body, ...options });

/** Every page of a list ({items, next}), following `next` as `param`, up to `most` items. */
export async function all(path, query, { param = 'cursor', most = 100000, signal } = {}) {
  const items = [];
  let next = null;
  do {
    const page = await get(path, { ...query, [param]: next }, { signal });
    items.push(...page.items);
    next = page.next;
  } while (next && items.length < most);
  return items;
}
