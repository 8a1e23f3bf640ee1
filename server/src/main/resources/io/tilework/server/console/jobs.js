// Jobs: a form per job kind generated from its JSON schema (GET /api/jobs/kinds), and the list of
// jobs (newest first) with progress, cancel/resume, failures, outputs and the run report.
import { api, el, every, formatBytes, formatSeconds, showError, slug, start } from './api.js';

const RESUMABLE = new Set(['cancelled', 'failed', 'interrupted']);
const CANCELLABLE = new Set(['queued', 'running']);
let kinds = [];
const rendered = new Map(); // job id -> the JSON last drawn, so an unchanged job is not redrawn

// ---- the form -------------------------------------------------------------------------------

function field(name, schema, required) {
  const id = `param-${slug(name)}`;
  const title = [name, required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null];
  const hints = [schema.description];
  if (schema['x-kind'] === 'input-path' || schema['x-kind'] === 'output-path') {
    hints.push(`${schema['x-kind'] === 'input-path' ? 'input' : 'output'} path, relative to the server's data root`);
  }
  let input;
  const value = schema.default;
  if (schema.type === 'boolean') {
    input = el('input', { id, name, type: 'checkbox', checked: value === true || value === 'true', dataset: { type: 'boolean' } });
    return el('div', { class: 'field' }, el('label', { for: id }, input, ...title), hint(hints));
  }
  if (schema.enum) {
    input = el('select', { id, name, required },
      required ? null : el('option', { value: '' }, '(default)'),
      schema.enum.map((option) => el('option', { value: option, selected: String(value) === String(option) }, option)));
  } else if (schema.type === 'array' || schema.type === 'object') {
    hints.push(schema.type === 'array' ? 'one per line, or comma separated' : 'name=value, one per line, or JSON');
    input = el('textarea', { id, name, rows: 3, required });
    if (value !== undefined) input.value = Array.isArray(value) ? value.join('\n') : String(value);
  } else {
    const numeric = schema.type === 'number' || schema.type === 'integer';
    input = el('input', { id, name, type: numeric ? 'number' : 'text', step: schema.type === 'integer' ? '1' : numeric ? 'any' : null, required });
    if (value !== undefined) input.value = String(value);
  }
  input.dataset.type = schema.type ?? 'string';
  return el('div', { class: 'field' }, el('label', { for: id }, ...title), input, hint(hints));
}

function hint(lines) {
  const text = lines.filter(Boolean).join('; ');
  return text ? el('span', { class: 'hint' }, text) : null;
}

function showForm() {
  const kind = kinds.find((k) => k.name === document.getElementById('job-kind').value);
  const schema = kind?.parameters ?? { properties: {} };
  const required = new Set(schema.required ?? []);
  document.getElementById('job-description').textContent = kind?.description ?? '';
  document.getElementById('job-form').dataset.kind = kind?.name ?? '';
  document.getElementById('job-fields').replaceChildren(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) => field(name, property, required.has(name))));
  showError('job-error', null);
}

/** The form's values as the job's parameters; empty optional fields are left out (the job's default applies). */
function parameters() {
  const result = {};
  for (const input of document.querySelectorAll('#job-fields [name]')) {
    const type = input.dataset.type;
    if (type === 'boolean') { result[input.name] = input.checked; continue; }
    const text = input.value.trim();
    if (text === '') continue;
    if (type === 'array') result[input.name] = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    else if (type === 'object') result[input.name] = text.startsWith('{') ? JSON.parse(text)
      : Object.fromEntries(text.split('\n').filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]));
    else if (type === 'number' || type === 'integer') result[input.name] = Number(text);
    else result[input.name] = text;
  }
  return result;
}

async function submit(event) {
  event.preventDefault();
  const button = document.getElementById('job-submit');
  button.disabled = true;
  try {
    const job = await api('/api/jobs', { method: 'POST', body: { kind: document.getElementById('job-kind').value, parameters: parameters() } });
    showError('job-error', null);
    document.getElementById('status').textContent = `started ${job.id}`;
    await refresh();
  } catch (error) {
    showError('job-error', error);
  } finally {
    button.disabled = false;
  }
}

// ---- the list -------------------------------------------------------------------------------

function progressLine(job) {
  const p = job.progress ?? {};
  const fraction = job.state === 'succeeded' ? 1 : Math.min(Math.max(p.fraction ?? 0, 0), 1);
  const percent = Math.round(fraction * 100);
  const parts = [`${p.done ?? 0}/${p.total ?? '?'}`];
  // the rate and the time left mean something only while the job runs
  if (job.state === 'running' && p.ratePerSecond) parts.push(`${p.ratePerSecond.toFixed(1)}/s`);
  if (job.state === 'running' && p.etaSeconds !== null && p.etaSeconds !== undefined) parts.push(`ETA ${formatSeconds(p.etaSeconds)}`);
  if (job.finished && job.started) parts.push(`took ${formatSeconds((Date.parse(job.finished) - Date.parse(job.started)) / 1000)}`);
  if (p.message) parts.push(p.message);
  return el('div', { class: 'progress' },
    el('progress', { id: `progress-${slug(job.id)}`, max: '1', value: String(fraction), 'aria-label': `${job.id} progress`,
      dataset: { percent } }),
    el('span', { id: `percent-${slug(job.id)}` }, `${percent} %`),
    el('span', { class: 'muted', style: 'grid-column: 1 / -1' }, parts.join(' · ')));
}

function outputLink(job, output) {
  const label = `${output.name} (${formatBytes(output.bytes)})`;
  if (output.name.endsWith('.html')) {
    return el('li', {}, el('a', { id: `output-${slug(job.id)}-${slug(output.name)}`, href: output.url,
      onclick: (event) => { event.preventDefault(); view(output.url, `${job.id}: ${output.name}`); } }, label),
    ' ', el('a', { href: output.url, target: '_blank', rel: 'noopener', class: 'muted' }, 'new tab'));
  }
  return el('li', {}, el('a', { id: `output-${slug(job.id)}-${slug(output.name)}`, href: output.url, download: output.name }, label));
}

function jobView(job) {
  const id = slug(job.id);
  const chunks = job.chunks ?? {};
  const buttons = [];
  if (CANCELLABLE.has(job.state)) buttons.push(el('button', { id: `cancel-${id}`, type: 'button', class: 'danger', onclick: () => act(job, 'cancel') }, 'Cancel'));
  if (RESUMABLE.has(job.state)) buttons.push(el('button', { id: `resume-${id}`, type: 'button', onclick: () => act(job, 'resume') }, 'Resume'));
  if (job.report) buttons.push(el('a', { id: `report-${id}`, href: job.report, target: '_blank', rel: 'noopener' }, 'run report'));
  return [
    el('div', { class: 'title' },
      el('strong', {}, job.id), el('span', {}, job.kind),
      el('span', { id: `state-${id}`, class: `state ${job.state}` }, job.state),
      job.attempt > 1 ? el('span', { class: 'muted' }, `attempt ${job.attempt}`) : null,
      el('span', { class: 'muted' }, job.created ? new Date(job.created).toLocaleString() : '')),
    progressLine(job),
    el('div', { class: 'muted' }, `chunks ${chunks.done ?? 0} done, ${chunks.failed ?? 0} failed, `
      + `cache ${chunks.cacheHits ?? 0} hits / ${chunks.cacheMisses ?? 0} misses, ${formatBytes(chunks.bytes ?? 0)}`),
    job.error ? el('p', { id: `error-${id}`, class: 'error' }, job.error) : null,
    job.failures?.length ? el('details', { open: true }, el('summary', {}, `${job.failures.length} failed chunk(s)`),
      el('ul', { id: `failures-${id}` }, job.failures.map((f) => el('li', {}, el('code', {}, f.chunk), ': ', f.message)))) : null,
    job.outputs?.length ? el('ul', { id: `outputs-${id}` }, job.outputs.map((o) => outputLink(job, o))) : null,
    el('div', { class: 'actions' }, buttons),
  ];
}

function drawJobs(jobs) {
  const list = document.getElementById('jobs-list');
  document.getElementById('jobs-empty').hidden = jobs.length > 0;
  const ids = new Set(jobs.map((job) => `job-${slug(job.id)}`));
  for (const node of [...list.children]) if (!ids.has(node.id)) { node.remove(); rendered.delete(node.id); }
  let previous = null;
  for (const job of jobs) {
    const id = `job-${slug(job.id)}`;
    let node = document.getElementById(id);
    if (!node) node = el('article', { id, class: 'job', 'aria-label': `job ${job.id}` });
    const json = JSON.stringify(job);
    if (rendered.get(id) !== json) {
      rendered.set(id, json);
      node.replaceChildren(...jobView(job).filter(Boolean));
      Object.assign(node.dataset, { state: job.state, fraction: job.progress?.fraction ?? 0, kind: job.kind });
    }
    // newest first, as the API lists them
    if (previous ? previous.nextSibling !== node : list.firstChild !== node) {
      previous ? previous.after(node) : list.prepend(node);
    }
    previous = node;
  }
}

async function act(job, action) {
  try {
    await api(`/api/jobs/${encodeURIComponent(job.id)}/${action}`, { method: 'POST' });
    showError('jobs-error', null);
    await refresh();
  } catch (error) {
    showError('jobs-error', error);
  }
}

function view(url, title) {
  document.getElementById('viewer').hidden = false;
  document.getElementById('viewer-title').textContent = title;
  document.getElementById('viewer-open').href = url;
  document.getElementById('viewer-frame').src = url;
  document.getElementById('viewer').scrollIntoView({ behavior: 'smooth' });
}

async function refresh() {
  drawJobs(await api('/api/jobs?limit=50')); // the newest: a long-lived server has run many
}

start(async () => {
  kinds = await api('/api/jobs/kinds');
  const select = document.getElementById('job-kind');
  select.replaceChildren(...kinds.map((k) => el('option', { value: k.name }, k.name)));
  const wanted = new URLSearchParams(location.search).get('kind');
  if (wanted && kinds.some((k) => k.name === wanted)) select.value = wanted;
  select.addEventListener('change', showForm);
  showForm();
  document.getElementById('job-form').addEventListener('submit', submit);
  document.getElementById('viewer-close').addEventListener('click', () => {
    document.getElementById('viewer').hidden = true;
    document.getElementById('viewer-frame').removeAttribute('src');
  });
  every(1000, refresh);
});
