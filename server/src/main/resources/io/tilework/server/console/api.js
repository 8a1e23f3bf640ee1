// The console's one link to the server: fetch with the session's CSRF token on every state-changing
// request, errors as the API's one-line JSON message, a tiny DOM builder and the login gate.

let csrf = null;

/** An API answer with status >= 400; message is the server's one-line error. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Calls the API; body is sent as JSON unless it is a string (then as `type`). Resolves to the parsed JSON (or text). */
export async function api(path, { method = 'GET', body, type = 'application/json' } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = type;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let data = text;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
  if (!response.ok) {
    const message = data && data.error ? data.error : `${method} ${path}: HTTP ${response.status}`;
    throw new ApiError(message, response.status);
  }
  return data;
}

/** el('div', {id: 'x', class: 'y', onclick: f}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** Shows an error (or clears it when error is null) in the element with that id. */
export function showError(id, error) {
  const node = document.getElementById(id);
  node.textContent = error ? error.message || String(error) : '';
  node.hidden = !error;
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** Element ids from free text (job ids, section names, inbox keys). */
export function slug(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Runs `main` once the session is known; a 401 shows the token form instead, and a login reloads the page. */
export async function start(main) {
  try {
    const session = await api('/api/session');
    csrf = session && session.csrf;
  } catch (error) {
    if (error.status === 401) return showLogin();
    document.getElementById('status').textContent = error.message;
    return;
  }
  document.getElementById('login').hidden = true;
  document.querySelector('main').hidden = false;
  await main();
}

function showLogin() {
  document.querySelector('main').hidden = true;
  const form = document.getElementById('login');
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/login', { method: 'POST', body: { token: form.elements.token.value } });
      location.reload();
    } catch (error) {
      showError('login-error', error);
    }
  });
}

/** Calls `refresh` now and then every `millis`, skipping a beat while the previous call is still running. */
export function every(millis, refresh) {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try { await refresh(); } catch (error) { console.error(error); } finally { busy = false; }
  };
  tick();
  return setInterval(tick, millis);
}
