// The dashboard: GET /api/dashboard about every second, drawn with ECharts (the global `echarts`
// from /assets/echarts.min.js). Each chart's container also carries the numbers it shows as
// data-* attributes, so what is drawn can be checked against the API.
import { api, el, every, formatBytes, slug, start } from './api.js';

const RATE_WINDOW_MS = 5 * 60 * 1000;
const TASK_WINDOW_MS = 30 * 1000;
const charts = new Map(); // container id -> ECharts instance
const rateHistory = [];   // [time ms, chunks per second]
let last = null;
const PALETTE = ['#2f6fb3', '#dd6b20', '#38a169', '#805ad5', '#d53f8c', '#319795', '#b7791f', '#4a5568'];

/** Text for an ECharts tooltip, which is HTML. */
const enc = (value) => echarts.format.encodeHTML(String(value ?? ''));

function chart(id) {
  if (!charts.has(id)) {
    const instance = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    // redrawn every second: an animation would replay on each poll and never show the values at rest
    instance.setOption({ animation: false });
    charts.set(id, instance);
  }
  return charts.get(id);
}

function setData(node, values) {
  for (const [key, value] of Object.entries(values)) node.dataset[key] = String(value);
}

function drawPools(pools) {
  const container = document.getElementById('pools');
  document.getElementById('pools-empty').hidden = pools.length > 0;
  const seen = new Set();
  for (const pool of pools) {
    const id = `pool-${slug(pool.name)}`;
    seen.add(id);
    let box = document.getElementById(id);
    if (!box) {
      box = el('div', { id, class: 'pool' }, el('div', { id: `${id}-chart`, class: 'chart', role: 'img', 'aria-label': `Pool ${pool.name}` }));
      container.append(box);
    }
    const idle = Math.max(pool.slots - pool.running, 0);
    setData(box, { name: pool.name, slots: pool.slots, running: pool.running, idle, queued: pool.queued });
    chart(`${id}-chart`).setOption({
      title: { text: pool.name, subtext: `${pool.queued} queued`, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, formatter: (name) => `${name} ${name === 'running' ? pool.running : idle}` },
      color: ['#2f6fb3', '#cbd2d9'],
      series: [{
        type: 'pie', radius: ['38%', '62%'], center: ['50%', '55%'],
        label: { position: 'center', formatter: () => `${pool.running}/${pool.slots}`, fontSize: 16, fontWeight: 600 },
        emphasis: { label: { show: true } }, labelLine: { show: false },
        data: [{ name: 'running', value: pool.running }, { name: 'idle', value: idle }],
      }],
    });
  }
  for (const box of [...container.children]) {
    if (!seen.has(box.id)) {
      charts.get(`${box.id}-chart`)?.dispose();
      charts.delete(`${box.id}-chart`);
      box.remove();
    }
  }
}

function gauge(id, value, name, detail, max = 100) {
  chart(id).setOption({
    series: [{
      type: 'gauge', min: 0, max, progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
      axisLabel: { show: false }, axisTick: { show: false }, splitLine: { length: 8, distance: 2 }, pointer: { width: 5 },
      title: { offsetCenter: [0, '88%'], fontSize: 12 },
      detail: { valueAnimation: false, fontSize: 20, fontWeight: 600, offsetCenter: [0, '62%'], formatter: detail },
      data: [{ value, name }],
    }],
  });
}

function drawBudget(budget) {
  const held = budget.heldBytes, total = budget.budgetBytes;
  const percent = total > 0 ? (100 * held) / total : 0;
  setData(document.getElementById('budget'), { heldBytes: held, budgetBytes: total, percent: percent.toFixed(2) });
  gauge('budget', Number(percent.toFixed(2)), 'held', (v) => `${v.toFixed(1)} %`);
  document.getElementById('budget-legend').textContent = `${formatBytes(held)} held of ${formatBytes(total)}`;
}

function drawCache(cache) {
  const percent = 100 * (cache.ratio || 0);
  setData(document.getElementById('cache'), { hits: cache.hits, misses: cache.misses, ratio: cache.ratio, bytes: cache.bytes });
  gauge('cache', Number(percent.toFixed(2)), 'hits', (v) => `${v.toFixed(1)} %`);
  document.getElementById('cache-legend').textContent =
    `${cache.hits} hits, ${cache.misses} misses, ${formatBytes(cache.bytes)} cached`;
}

function drawRate(chunksPerSecond, now) {
  rateHistory.push([now, chunksPerSecond]);
  while (rateHistory.length && rateHistory[0][0] < now - RATE_WINDOW_MS) rateHistory.shift();
  setData(document.getElementById('rate'), { current: chunksPerSecond });
  chart('rate').setOption({
    grid: { left: 45, right: 15, top: 15, bottom: 30 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', min: now - RATE_WINDOW_MS, max: now },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, data: rateHistory.slice() }],
  });
  document.getElementById('rate-legend').textContent = `now ${chunksPerSecond.toFixed(1)} chunks/s`;
}

function drawTasks(tasks, now) {
  const recent = tasks.filter((t) => (t.end ?? now) >= now - TASK_WINDOW_MS);
  const lanes = [...new Set(recent.map((t) => t.lane))].sort();
  const recipes = [...new Set(recent.map((t) => t.recipe))].sort();
  const data = recent.map((t) => ({
    value: [lanes.indexOf(t.lane), t.start, t.end ?? now, t.key, t.recipe, t.state],
    itemStyle: { color: PALETTE[recipes.indexOf(t.recipe) % PALETTE.length], opacity: t.state === 'failed' ? 0.45 : 0.9 },
  }));
  setData(document.getElementById('tasks'), { count: recent.length, lanes: lanes.join(','), recipes: recipes.join(',') });
  chart('tasks').setOption({
    grid: { left: 120, right: 15, top: 10, bottom: 30 },
    // tooltips are HTML: keys and recipe names are encoded, never markup
    tooltip: { formatter: (p) => `${enc(p.value[3])}<br>${enc(p.value[4])} · ${enc(p.value[5])} · ${p.value[2] - p.value[1]} ms` },
    xAxis: { type: 'time', min: now - TASK_WINDOW_MS, max: now },
    yAxis: { type: 'category', data: lanes, axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      type: 'custom', data, encode: { x: [1, 2], y: 0 },
      renderItem: (params, api) => {
        const from = api.coord([api.value(1), api.value(0)]);
        const to = api.coord([api.value(2), api.value(0)]);
        const height = api.size([0, 1])[1] * 0.7;
        const shape = echarts.graphic.clipRectByRect(
          { x: from[0], y: from[1] - height / 2, width: Math.max(to[0] - from[0], 1), height },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
        return shape && { type: 'rect', shape, style: api.style() };
      },
    }],
  }, { replaceMerge: ['series'] });
  const legend = document.getElementById('tasks-legend');
  legend.replaceChildren(...(recipes.length ? recipes.map((recipe, i) => el('span', { style: 'margin-right:1rem' },
    el('span', { style: `display:inline-block;width:10px;height:10px;margin-right:4px;background:${PALETTE[i % PALETTE.length]}` }), recipe))
    : ['no chunk in the last 30 s']));
}

function drawFlows(flows) {
  const measure = document.getElementById('flows-measure').value;
  const nodes = flows?.nodes ?? [];
  const links = (flows?.links ?? []).filter((l) => l.source !== l.target);
  const box = document.getElementById('flows');
  setData(box, { measure, nodes: nodes.length, links: links.length,
    chunks: links.reduce((s, l) => s + l.chunks, 0), bytes: links.reduce((s, l) => s + l.bytes, 0) });
  document.getElementById('flows-empty').hidden = links.length > 0;
  box.hidden = links.length === 0;
  document.querySelector('#flows-table tbody').replaceChildren(...links.map((l) =>
    el('tr', {}, el('td', {}, l.source), el('td', {}, l.target), el('td', {}, String(l.chunks)), el('td', {}, formatBytes(l.bytes)))));
  if (!links.length) return;
  try {
    chart('flows').resize();
    chart('flows').setOption({
      tooltip: { trigger: 'item', formatter: (p) => p.dataType === 'edge'
        ? `${enc(p.data.source)} → ${enc(p.data.target)}: ${measure === 'bytes' ? formatBytes(p.data.value) : `${p.data.value} chunks`}` : enc(p.name) },
      series: [{
        type: 'sankey', left: 10, right: 110, top: 10, bottom: 10, emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'source', opacity: 0.35 }, label: { fontSize: 12, color: '#1f2933' },
        data: nodes.map((n, i) => ({ name: n.name, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        // a link of zero would be drawn as nothing; ECharts needs a positive width
        links: links.filter((l) => l[measure] > 0).map((l) => ({ source: l.source, target: l.target, value: l[measure] })),
      }],
    }, { replaceMerge: ['series'] });
  } catch (error) {
    document.getElementById('flows-empty').textContent = `The flows cannot be drawn: ${error.message}`;
    document.getElementById('flows-empty').hidden = false;
  }
}

function drawMembers(members) {
  document.getElementById('members-section').hidden = !members || members.length === 0;
  document.querySelector('#members tbody').replaceChildren(...(members ?? []).map((m) =>
    el('tr', { id: `member-${slug(m.name)}`, dataset: { running: m.running, done: m.done } },
      el('td', {}, m.name), el('td', {}, m.address ?? ''), el('td', {}, String(m.running)), el('td', {}, String(m.done)))));
}

function draw(dashboard) {
  last = dashboard;
  const now = Date.now();
  document.getElementById('jobs-count').textContent =
    `· ${dashboard.jobs?.running ?? 0} job(s) running, ${dashboard.jobs?.queued ?? 0} queued`;
  drawPools(dashboard.pools ?? []);
  drawBudget(dashboard.budget ?? { heldBytes: 0, budgetBytes: 0 });
  drawCache(dashboard.cache ?? { hits: 0, misses: 0, ratio: 0, bytes: 0 });
  drawRate(dashboard.chunksPerSecond ?? 0, now);
  drawTasks(dashboard.tasks ?? [], now);
  drawFlows(dashboard.flows);
  drawMembers(dashboard.members);
  document.body.dataset.updated = String(now); // a test waits for a draw after its API call
}

start(async () => {
  const status = document.getElementById('status');
  every(1000, async () => {
    try {
      draw(await api('/api/dashboard'));
      status.textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      status.textContent = error.message;
    }
  });
  document.getElementById('flows-measure').addEventListener('change', () => last && drawFlows(last.flows));
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
});
