// Processes: models (and deploying one from YAML), instances with their objects and history,
// starting an instance, the inbox of an actor with a form per work item, and for a Map instance:
// its current intention, the candidate sections to choose from (the recommended one marked), the
// running ones, the ones not offered now with the reason, and the path taken.
import { api, el, every, showError, slug, start } from './api.js';

const FINISHED = new Set(['completed', 'cancelled', 'failed', 'terminated']);
// the inbox keeps a notification after its work item ended; only the open ones are shown to be completed
const ITEM_ENDED = new Set(['completed', 'cancelled', 'failed', 'withdrawn', 'expired', 'skipped']);
let selected = new URLSearchParams(location.search).get('instance');
const drawn = new Map(); // region -> the JSON last drawn there, so an unchanged region keeps its DOM (and focus)

function changed(region, data) {
  const json = JSON.stringify(data);
  if (drawn.get(region) === json) return false;
  drawn.set(region, json);
  return true;
}

/** Variables from JSON ({"approved": true}) or name=value lines (approved=true); values are JSON when they parse. */
export function parseVariables(text) {
  const trimmed = text.trim();
  if (!trimmed) return {};
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  const variables = {};
  for (const line of trimmed.split(/\n/).map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`'${line}' is not name=value`);
    const raw = line.slice(at + 1).trim();
    let value;
    try { value = JSON.parse(raw); } catch { value = raw; }
    variables[line.slice(0, at).trim()] = value;
  }
  return variables;
}

function text(value) {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// ---- models ---------------------------------------------------------------------------------

async function refreshModels() {
  const models = await api('/api/processes/models');
  if (!changed('models', models)) return;
  document.querySelector('#models tbody').replaceChildren(...models.map((m) =>
    el('tr', { id: `model-${slug(m.name)}` }, el('td', {}, m.name), el('td', {}, text(m.version)), el('td', {}, text(m.specification)))));
  const select = document.getElementById('start-model');
  const current = select.value;
  select.replaceChildren(...[...new Set(models.map((m) => m.name))].map((name) => el('option', { value: name }, name)));
  if (current) select.value = current;
}

async function deploy(event) {
  event.preventDefault();
  try {
    const deployed = await api('/api/processes/models', { method: 'POST', body: document.getElementById('model-yaml').value, type: 'text/yaml' });
    showError('deploy-error', null);
    document.getElementById('deploy-result').textContent = `deployed ${deployed.name} version ${deployed.version}`;
    await refreshModels();
    document.getElementById('start-model').value = deployed.name;
  } catch (error) {
    showError('deploy-error', error);
  }
}

// ---- instances ------------------------------------------------------------------------------

async function startInstance(event) {
  event.preventDefault();
  try {
    const variables = parseVariables(document.getElementById('start-variables').value);
    const outcome = await api('/api/processes/instances', { method: 'POST', body: { model: document.getElementById('start-model').value, variables } });
    showError('start-error', null);
    document.getElementById('start-result').textContent = `${outcome.instance}: ${outcome.state ?? outcome.status}`;
    selected = outcome.instance;
    await refreshInstances();
  } catch (error) {
    showError('start-error', error);
  }
}

async function refreshInstances() {
  const instances = await api('/api/processes/instances');
  document.getElementById('instances-empty').hidden = instances.length > 0;
  if (changed('instances', [instances, selected])) {
    document.querySelector('#instances tbody').replaceChildren(...instances.map((i) =>
      el('tr', { id: `instance-${slug(i.id)}`, class: `clickable${i.id === selected ? ' selected' : ''}`, tabindex: '0',
        dataset: { state: i.state }, onclick: () => select(i.id), onkeydown: (e) => e.key === 'Enter' && select(i.id) },
      el('td', {}, i.id), el('td', {}, i.model), el('td', {}, el('span', { class: `state ${i.state}` }, i.state)),
      el('td', {}, i.created ? new Date(i.created).toLocaleString() : ''))));
  }
  if (selected) await refreshInstance();
}

async function select(id) {
  selected = id;
  await refreshInstances();
}

async function refreshInstance() {
  const instance = await api(`/api/processes/instances/${encodeURIComponent(selected)}`);
  if (!changed('instance', instance)) return;
  const box = document.getElementById('instance');
  box.hidden = false;
  box.dataset.id = instance.id;
  box.dataset.state = instance.state;
  document.getElementById('instance-title').textContent = `${instance.id} (${instance.model})`;
  const state = document.getElementById('instance-state');
  state.textContent = instance.state;
  state.className = `state ${instance.state}`;
  document.getElementById('instance-cancel').hidden = FINISHED.has(instance.state);
  document.getElementById('instance-variables').textContent = JSON.stringify(instance.variables ?? {}, null, 2);
  document.getElementById('instance-images').replaceChildren(...images(instance.variables));
  document.querySelector('#instance-objects tbody').replaceChildren(...(instance.objects ?? []).map((o) =>
    el('tr', { id: `object-${slug(o.id)}`, dataset: { state: o.state } },
      el('td', {}, o.id), el('td', {}, o.type), el('td', {}, text(o.state)), el('td', {}, text(o.attributes)))));
  document.querySelector('#instance-history tbody').replaceChildren(...(instance.history ?? []).map((h) =>
    el('tr', {}, el('td', {}, text(h.seq)), el('td', {}, h.time ? new Date(h.time).toLocaleTimeString() : ''),
      el('td', {}, text(h.event)), el('td', {}, text(h.object)), el('td', {}, text(h.summary ?? h.message ?? h.status)))));
  const current = document.getElementById('map-current');
  current.hidden = !instance.current;
  if (instance.current) {
    current.dataset.intention = instance.current.id;
    current.replaceChildren('Current intention: ', el('strong', {}, instance.current.id),
      instance.current.description ? el('span', { class: 'muted' }, ` — ${instance.current.description}`) : '');
  }
  const candidates = instance.candidates ?? [];
  document.getElementById('candidates-section').hidden = candidates.length === 0;
  document.getElementById('candidates').replaceChildren(...candidates.map((c) =>
    el('div', { class: 'candidate', id: `candidate-${slug(c.id)}`, dataset: { recommended: c.recommended ? 'true' : 'false' } },
      el('div', {}, el('strong', {}, c.id), ' ', el('span', { class: 'muted' }, c.type ?? ''),
        c.recommended ? el('span', { class: 'state completed', title: c.recommended }, ' recommended') : null,
        c.target ? route(c) : null,
        c.recommended || c.advice ? el('div', { class: 'advice' }, c.recommended ? `recommended: ${c.recommended}` : `advice: ${c.advice}`) : null,
        // the other runtime attributes (the guideline's word is shown above)
        el('div', { class: 'muted' }, Object.entries(c.attributes ?? {}).filter(([k]) => k !== 'recommended' && k !== 'advice')
          .map(([k, v]) => `${k}: ${text(v)}`).join(' · '))),
      el('button', { id: `choose-${slug(c.id)}`, type: 'button', onclick: () => send(instance.id, { type: 'choose', section: c.id }, 'instance-error') }, 'Choose'))));
  const running = instance.running ?? [];
  document.getElementById('running-section').hidden = running.length === 0;
  const children = instance.children ?? [];
  document.getElementById('running').replaceChildren(...running.map((r) =>
    el('li', { id: `running-${slug(r.id)}` }, el('strong', {}, r.id), ' ', r.target ? route(r) : '',
      ...children.filter((child) => child.parentObject === r.id && !FINISHED.has(child.state)).map((child) =>
        el('span', {}, ' · sub-map ', el('a', { href: `?instance=${encodeURIComponent(child.id)}` }, child.id), ` (${child.state})`)))));
  const excluded = instance.excluded ?? [];
  document.getElementById('excluded-section').hidden = excluded.length === 0;
  document.getElementById('excluded').replaceChildren(...excluded.map((x) =>
    el('li', { id: `excluded-${slug(x.id)}` }, el('strong', {}, x.id), ' ', x.target ? route(x) : '',
      el('div', { class: 'why' }, x.why ?? 'no reason recorded'))));
  const path = instance.path ?? [];
  document.getElementById('path-section').hidden = path.length === 0;
  document.getElementById('path').replaceChildren(...pathSteps(path));
}

/** "by STRATEGY", or the name alone when it says "by" itself (maps often name strategies "by template"). */
function by(strategy) {
  return /^by /i.test(strategy) ? strategy : `by ${strategy}`;
}

/** A section as source → target (its description) by strategy (its description) · guideline. */
function route(c) {
  return el('div', { class: 'section-route', dataset: { source: c.source, target: c.target, strategy: c.strategy ?? '' } },
    `${c.source} → ${c.target}${c.targetDescription ? ` (${c.targetDescription})` : ''}`,
    c.strategy ? ` ${by(c.strategy)}${c.strategyDescription ? ` (${c.strategyDescription})` : ''}` : '',
    c.guideline ? el('span', { class: 'muted' }, ` · ${c.guideline}`) : null);
}

/** The path's steps as list items; a refined section's sub-map path as a list nested in its step. */
function pathSteps(steps) {
  return steps.map((s) => el('li', { class: 'path-step', dataset: { intention: s.intention, section: s.section ?? '' } },
    el('strong', {}, s.intention),
    s.section ? ` ${by(s.strategy)} (${s.section})` : ' (start)',
    s.chosenBy ? `, chosen by ${s.chosenBy}` : '',
    s.chosenAt ? ` at ${new Date(s.chosenAt).toLocaleString()}` : '',
    s.spent ? el('span', { class: 'muted' }, ` · ${s.spent}`) : '',
    s.refinement ? el('div', { class: 'refinement' }, `refined by ${s.refinement.instance} (${s.refinement.state})`,
      el('ol', {}, ...pathSteps(s.refinement.steps ?? []))) : ''));
}

/** The PNG or JPEG paths among variables (texts or lists of texts), as images served from the data root. */
function images(variables) {
  const paths = Object.values(variables ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v) => typeof v === 'string' && /\.(png|jpe?g)$/i.test(v));
  return paths.map((path) => el('img', { class: 'preview', alt: path, title: path, src: `/api/files?path=${encodeURIComponent(path)}` }));
}

/** Sends an event to an instance; a 409 (rejected, not applied) shows its message in errorId. */
async function send(instance, event, errorId) {
  try {
    const outcome = await api(`/api/processes/instances/${encodeURIComponent(instance)}/events`, { method: 'POST', body: event });
    showError(errorId, null);
    document.getElementById('status').textContent = `${instance}: ${outcome.message ?? outcome.state ?? outcome.status}`;
    await Promise.all([refreshInstances(), refreshInbox()]);
    return true;
  } catch (error) {
    showError(errorId, error);
    return false;
  }
}

// ---- inbox ----------------------------------------------------------------------------------

async function refreshInbox() {
  const actor = document.getElementById('inbox-actor').value.trim();
  const inbox = document.getElementById('inbox');
  if (!actor) { inbox.replaceChildren(); return; }
  const items = (await api(`/api/processes/inbox/${encodeURIComponent(actor)}`)).filter((item) => !ITEM_ENDED.has(item.objectState));
  inbox.dataset.actor = actor;
  inbox.dataset.count = String(items.length);
  const ids = new Set(items.map((item) => `item-${slug(item.key)}`));
  for (const node of [...inbox.children]) if (!ids.has(node.id)) node.remove();
  if (!items.length && !inbox.querySelector('p.muted')) inbox.append(el('p', { class: 'muted' }, `Nothing waits for ${actor}.`));
  if (items.length) inbox.querySelector('p.muted')?.remove();
  for (const item of items) {
    const id = `item-${slug(item.key)}`;
    if (!document.getElementById(id)) inbox.append(workItem(item, id)); // kept as it is, so a half-typed answer survives
  }
}

function workItem(item, id) {
  const key = slug(item.key);
  const form = el('form', { id, class: 'workitem', dataset: { instance: item.instance, object: item.object } },
    el('div', { class: 'title' }, el('strong', {}, item.payload?.activity ?? item.operation ?? 'work item'), ' ',
      el('span', { class: 'muted' }, `${item.object} of ${item.instance}`), ' ',
      item.objectState ? el('span', { class: `state ${item.objectState}` }, item.objectState) : null),
    el('pre', { id: `payload-${key}` }, JSON.stringify(item.payload ?? {}, null, 2)),
    el('div', { id: `context-${key}`, class: 'context' }),
    el('label', { for: `complete-vars-${key}` }, 'Answer (variables)'),
    el('textarea', { id: `complete-vars-${key}`, rows: 2, placeholder: 'approved=true' }),
    el('span', { class: 'hint' }, 'name=value lines or JSON'),
    el('div', { class: 'actions' }, el('button', { id: `complete-${key}`, type: 'submit' }, 'Complete')),
    el('p', { id: `complete-error-${key}`, class: 'error', role: 'alert', hidden: true }));
  // What the person decides on: the instance's variables (a check's summary), its images drawn.
  api(`/api/processes/instances/${encodeURIComponent(item.instance)}`).then((instance) => {
    const context = document.getElementById(`context-${key}`);
    if (context) {
      context.replaceChildren(el('pre', { class: 'variables' }, JSON.stringify(instance.variables ?? {}, null, 2)), ...images(instance.variables));
    }
  }).catch(() => { /* the item stays answerable without its context */ });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let variables;
    try {
      variables = parseVariables(document.getElementById(`complete-vars-${key}`).value);
    } catch (error) {
      return showError(`complete-error-${key}`, error);
    }
    await send(item.instance, { type: 'complete', workItem: item.object, variables }, `complete-error-${key}`);
  });
  return form;
}

start(async () => {
  document.getElementById('inbox-actor').value = new URLSearchParams(location.search).get('actor') ?? '';
  document.getElementById('deploy-form').addEventListener('submit', deploy);
  document.getElementById('start-form').addEventListener('submit', startInstance);
  document.getElementById('inbox-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    document.getElementById('inbox').replaceChildren();
    try { await refreshInbox(); showError('inbox-error', null); } catch (error) { showError('inbox-error', error); }
  });
  document.getElementById('instance-cancel').addEventListener('click', () => selected && send(selected, { type: 'cancel' }, 'instance-error'));
  every(1000, () => Promise.all([refreshModels(), refreshInstances(), refreshInbox()]));
});
