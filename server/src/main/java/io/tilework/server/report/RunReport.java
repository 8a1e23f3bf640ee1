package io.tilework.server.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.page.Echarts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A run's report as one self-contained HTML page, like dask's {@code performance_report}: the
 * header (what ran, when, how long, the outcome, chunks, bytes, cache hit ratio), the task stream
 * (bars in time per lane, coloured by recipe), the pools over time, the Sankey of flows between
 * recipes, the slowest chunks, the cache use and the failures.
 *
 * <p>The page carries ECharts ({@link Echarts}, from the webjar on the class path) and the snapshot as JSON in a
 * {@code <script type="application/json" id="run-data">} element, and fetches nothing: it opens
 * offline, from a mail attachment or a job's download.
 */
public final class RunReport {

    /** The id of the script element that holds the snapshot as JSON. */
    public static final String DATA_ID = "run-data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /** The page for {@code snapshot}. */
    public static String html(RunRecorder.Snapshot snapshot) {
        String data;
        try {
            // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the element early
            data = JSON.writeValueAsString(snapshot).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run snapshot is plain records and always converts to JSON: " + e.getMessage(), e);
        }
        String echarts = Echarts.inlineScript();
        var page = new StringBuilder(echarts.length() + data.length() + PAGE.length() + 256);
        int title = PAGE.indexOf("%TITLE%");
        int library = PAGE.indexOf("%ECHARTS%");
        int json = PAGE.indexOf("%DATA%");
        page.append(PAGE, 0, title).append(escape(snapshot.title()))
                .append(PAGE, title + "%TITLE%".length(), library).append(echarts)
                .append(PAGE, library + "%ECHARTS%".length(), json).append(data)
                .append(PAGE, json + "%DATA%".length(), PAGE.length());
        return page.toString();
    }

    /** Writes the page to {@code file} atomically: a reader sees the old page or the whole new one. */
    public static void write(RunRecorder.Snapshot snapshot, Path file) throws IOException {
        AtomicFile.write(file, html(snapshot).getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>%TITLE% - Tilework run report</title>
            <style>
              body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px; color: #222; }
              h1 { font-size: 20px; margin: 0 0 8px; }
              h2 { font-size: 16px; margin: 24px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 2px; }
              .facts { display: flex; flex-wrap: wrap; gap: 6px 24px; }
              .facts div span { color: #666; margin-right: 6px; }
              .outcome-succeeded { color: #2a7a2a; } .outcome-failed { color: #b22; } .outcome-cancelled { color: #a60; }
              .chart { width: 100%; height: 320px; }
              table { border-collapse: collapse; width: 100%; font-size: 13px; }
              th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
              td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
              .note { color: #666; font-size: 12px; }
              .row { display: flex; gap: 16px; align-items: flex-start; } .row > * { flex: 1; }
            </style>
            </head>
            <body>
            <h1 id="title"></h1>
            <div class="facts" id="facts"></div>
            <h2>Task stream</h2>
            <p class="note">Each bar is a chunk, in the lane (worker thread, or pool row) that ran it, coloured by recipe.</p>
            <div class="chart" id="task-stream"></div>
            <h2>Pools over time</h2>
            <div class="chart" id="pools" style="height: 260px"></div>
            <h2>Flows between recipes</h2>
            <p class="note">Chunks each recipe produced and another consumed. Width: <select id="flow-weight">
              <option value="bytes">estimated bytes</option><option value="chunks">chunks</option></select></p>
            <div class="chart" id="flows"></div>
            <div id="flow-notes" class="note"></div>
            <div class="row">
              <div><h2>Slowest chunks</h2><table id="slowest"></table></div>
              <div><h2>Cache</h2><div class="chart" id="cache" style="height: 220px"></div><div id="cache-facts" class="note"></div></div>
            </div>
            <h2>Failures</h2>
            <table id="failures"></table>
            <p class="note">Made by Tilework. The data behind these charts is in this page (script #run-data).</p>
            <script>%ECHARTS%</script>
            <script type="application/json" id="run-data">%DATA%</script>
            <script>
              const enc = value => echarts.format.encodeHTML(String(value == null ? '' : value)); // tooltips are HTML
            (function () {
              const data = JSON.parse(document.getElementById('run-data').textContent);
              const end = data.endMillis || Date.now();
              const charts = [];
              const palette = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4',
                               '#ea7ccc', '#2f4554', '#c23531', '#61a0a8', '#d48265', '#749f83', '#ca8622'];
              const recipes = [];
              function colour(recipe) {
                let i = recipes.indexOf(recipe);
                if (i < 0) { recipes.push(recipe); i = recipes.length - 1; }
                return palette[i % palette.length];
              }
              function bytes(n) {
                const units = ['B', 'kB', 'MB', 'GB', 'TB'];
                let u = 0;
                while (n >= 1000 && u < units.length - 1) { n /= 1000; u++; }
                return (u === 0 ? n : n.toFixed(1)) + ' ' + units[u];
              }
              function seconds(ms) { return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s'; }
              function cell(row, text, cls) {
                const td = document.createElement(row.parentElement && row.parentElement.tagName === 'THEAD' ? 'th' : 'td');
                td.textContent = text;
                if (cls) { td.className = cls; }
                row.appendChild(td);
              }
              function table(id, head, rows, numeric) {
                const t = document.getElementById(id);
                const h = t.createTHead().insertRow();
                head.forEach((text, i) => cell(h, text, numeric.includes(i) ? 'num' : ''));
                const b = t.createTBody();
                if (rows.length === 0) {
                  const r = b.insertRow();
                  const td = document.createElement('td');
                  td.colSpan = head.length; td.className = 'note'; td.textContent = 'none';
                  r.appendChild(td);
                }
                rows.forEach(values => { const r = b.insertRow(); values.forEach((v, i) => cell(r, v, numeric.includes(i) ? 'num' : '')); });
              }
              function chart(id) {
                const c = echarts.init(document.getElementById(id));
                charts.push(c);
                return c;
              }

              // header
              document.getElementById('title').textContent = data.title;
              const lookups = data.cache.hits + data.cache.misses;
              const outcome = data.outcome.split(':')[0];
              const facts = [
                ['started', new Date(data.startMillis).toLocaleString()],
                ['duration', seconds(end - data.startMillis) + (data.endMillis ? '' : ' so far')],
                ['outcome', data.outcome],
                ['chunks done', String(data.chunksDone)],
                ['failed', String(data.chunksFailed)],
                ['bytes', bytes(data.bytes)],
                ['cache hit ratio', lookups === 0 ? 'no lookups' : (100 * data.cache.hits / lookups).toFixed(1) + ' %'],
                ['chunks/s (last 5 s)', data.chunksPerSecond.toFixed(1)]
              ];
              const factsBox = document.getElementById('facts');
              facts.forEach(([name, value]) => {
                const d = document.createElement('div');
                const n = document.createElement('span'); n.textContent = name;
                const v = document.createElement('b'); v.textContent = value;
                if (name === 'outcome') { v.className = 'outcome-' + outcome; v.id = 'outcome'; }
                d.appendChild(n); d.appendChild(v); factsBox.appendChild(d);
              });

              // task stream: a custom series per recipe, bars [start, end] on the lane's row
              const lanes = [...new Set(data.tasks.map(t => t.lane))].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
              const byRecipe = {};
              data.tasks.forEach(t => {
                (byRecipe[t.recipe] = byRecipe[t.recipe] || []).push({
                  value: [lanes.indexOf(t.lane), t.startMillis, t.endMillis || end, t.key, t.state, t.pool],
                  itemStyle: {color: colour(t.recipe), opacity: t.state === 'finished' ? 0.9 : 0.55,
                              borderColor: t.state === 'failed' ? '#b22' : undefined}
                });
              });
              const streamBox = document.getElementById('task-stream');
              streamBox.style.height = Math.max(220, 26 * lanes.length + 90) + 'px';
              chart('task-stream').setOption({
                animation: false,
                tooltip: {formatter: p => enc(p.value[3]) + '<br>' + enc(p.seriesName) + ' on ' + enc(p.value[5]) + ', ' + enc(p.value[4]) + ', '
                                         + seconds(p.value[2] - p.value[1])},
                legend: {type: 'scroll', top: 0},
                grid: {left: 150, right: 20, top: 30, bottom: 50},
                dataZoom: [{type: 'slider', xAxisIndex: 0, height: 18, bottom: 6}, {type: 'inside', xAxisIndex: 0}],
                xAxis: {type: 'time', min: data.startMillis, max: end},
                yAxis: {type: 'category', data: lanes, inverse: true, axisLabel: {width: 140, overflow: 'truncate'}},
                series: Object.keys(byRecipe).map(recipe => ({
                  name: recipe, type: 'custom', encode: {x: [1, 2], y: 0},
                  renderItem: (params, api) => {
                    const start = api.coord([api.value(1), api.value(0)]);
                    const stop = api.coord([api.value(2), api.value(0)]);
                    const height = api.size([0, 1])[1] * 0.7;
                    const rect = echarts.graphic.clipRectByRect(
                        {x: start[0], y: start[1] - height / 2, width: Math.max(1, stop[0] - start[0]), height: height},
                        {x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height});
                    return rect && {type: 'rect', shape: rect, style: api.style()};
                  },
                  data: byRecipe[recipe]
                }))
              });

              // pools over time: running tasks per pool (the legend gives its slots), as steps
              const poolNames = [...new Set(data.pools.map(s => s.pool).concat(Object.keys(data.currentPools)))];
              chart('pools').setOption({
                animation: false,
                tooltip: {trigger: 'axis'},
                legend: {top: 0},
                grid: {left: 50, right: 20, top: 30, bottom: 30},
                xAxis: {type: 'time', min: data.startMillis, max: end},
                yAxis: {type: 'value', name: 'running', minInterval: 1},
                series: poolNames.map(pool => {
                  const samples = data.pools.filter(s => s.pool === pool);
                  const last = data.currentPools[pool];
                  if (last) { samples.push(Object.assign({}, last, {millis: Math.max(last.millis, end)})); }
                  const slots = last ? last.slots : (samples[0] || {}).slots;
                  return {name: pool + (slots > 1000000 ? '' : ' (' + slots + ' slots)'), type: 'line', step: 'start', showSymbol: false,
                          data: samples.map(s => [s.millis, s.running, s.queued])};
                })
              });

              // flows: a Sankey of recipes; a recipe feeding itself (a reduce tree) gets a second node, and a link
              // that would close a cycle (which a Sankey cannot draw) is listed below instead
              const weightBox = document.getElementById('flow-weight');
              const notes = document.getElementById('flow-notes');
              const flowChart = data.flows.length === 0 ? null : chart('flows');
              if (!flowChart) {
                document.getElementById('flows').style.height = 'auto';
                document.getElementById('flows').textContent = 'No chunk consumed another in this run.';
              }
              function drawFlows() {
                if (!flowChart) { return; }
                const weight = weightBox.value;
                const edges = {};
                const links = [];
                const skipped = [];
                function reaches(from, to) {
                  const seen = new Set([from]);
                  const stack = [from];
                  while (stack.length) {
                    const n = stack.pop();
                    if (n === to) { return true; }
                    (edges[n] || []).forEach(m => { if (!seen.has(m)) { seen.add(m); stack.push(m); } });
                  }
                  return false;
                }
                data.flows.slice().sort((a, b) => b.chunks - a.chunks).forEach(f => {
                  const target = f.source === f.target ? f.target + ' (merged again)' : f.target;
                  if (reaches(target, f.source)) { skipped.push(f); return; }
                  (edges[f.source] = edges[f.source] || []).push(target);
                  links.push({source: f.source, target: target, value: Math.max(weight === 'bytes' ? f.bytes : f.chunks, 1e-9),
                              chunks: f.chunks, bytes: f.bytes});
                });
                const names = [...new Set(links.flatMap(l => [l.source, l.target]))];
                flowChart.setOption({
                  animation: false,
                  tooltip: {formatter: p => p.dataType === 'edge'
                      ? enc(p.data.source) + ' \\u2192 ' + enc(p.data.target) + ': ' + p.data.chunks + ' chunks, ' + bytes(p.data.bytes)
                      : enc(p.name)},
                  series: [{type: 'sankey', left: 10, right: 160, top: 10, bottom: 10, emphasis: {focus: 'adjacency'},
                            data: names.map(n => ({name: n, itemStyle: {color: colour(n.replace(' (merged again)', ''))}})),
                            links: links, lineStyle: {color: 'gradient', opacity: 0.4}, label: {fontSize: 12}}]
                }, true);
                notes.textContent = skipped.length === 0 ? '' : 'Not drawn (they would close a cycle): ' + skipped.map(f =>
                    f.source + ' \\u2192 ' + f.target + ' ' + f.chunks + ' chunks, ' + bytes(f.bytes)).join('; ');
              }
              weightBox.addEventListener('change', drawFlows);
              drawFlows();

              table('slowest', ['chunk', 'lane', 'state', 'time'], data.slowest.map(s =>
                  [s.key, s.lane, s.state, seconds(s.endMillis - s.startMillis)]), [3]);

              chart('cache').setOption({
                animation: false,
                tooltip: {trigger: 'item'},
                legend: {bottom: 0},
                series: [{type: 'pie', radius: ['35%', '65%'], label: {formatter: '{b}: {c}'},
                          data: [{name: 'hits', value: data.cache.hits, itemStyle: {color: '#3ba272'}},
                                 {name: 'misses', value: data.cache.misses, itemStyle: {color: '#ee6666'}}]}]
              });
              document.getElementById('cache-facts').textContent = bytes(data.cache.hitBytes) + ' read from the chunk store'
                  + (data.cache.corrupt ? ', ' + data.cache.corrupt + ' corrupt entries recomputed' : '');

              table('failures', ['chunk', 'attempt', 'retried', 'message'], data.failures.map(f =>
                  [f.chunk, String(f.attempt), f.willRetry ? 'yes' : 'no', f.message]), [1]);

              window.addEventListener('resize', () => charts.forEach(c => c.resize()));
            })();
            </script>
            </body>
            </html>
            """;
}
