'use strict';
// The MlOps dashboard: one page, no build step and no CDN, talking to the same HTTP API as the CLI.
// Keys: in Azure the page is opened with ?code=<function key>; locally, state-changing calls ask for the API key
// once. Either key lives in this script's memory only (never in storage, cookies or the URL it writes).

const apiBase = (() => {
  const at = location.pathname.indexOf('/api/');
  return at >= 0 ? location.pathname.slice(0, at) + '/api' : '/api';
})();
const session = { key: new URLSearchParams(location.search).get('code') };
const lowerIsBetter = new Set(['logLoss', 'rmse', 'mae', 'mse', 'meanAbsoluteError', 'rootMeanSquaredError', 'meanSquaredError', 'brier']);
const palette = ['--c1', '--c2', '--c3', '--c4', '--c5', '--c6', '--c7', '--c8'].map(v => getComputedStyle(document.documentElement).getPropertyValue(v).trim() || '#2563eb');

// ---------- small DOM helpers ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const svgNs = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}
function fmt(v, digits = 4) {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
    return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : Number(v.toPrecision(digits)).toString();
  }
  return String(v);
}
function money(v, currency) {
  if (v === null || v === undefined) return '–';
  const digits = Math.abs(v) >= 1 ? 2 : Math.abs(v) >= 0.01 ? 4 : 6;
  return (currency && currency !== 'USD' ? currency + ' ' : '$') + v.toFixed(digits);
}
function when(t) { return t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' }) : '–'; }
function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
}
function statusBadge(status) {
  const st = String(status || '');
  const cls = /succeeded|applied|passed|ok|healthy|promoted/i.test(st) ? 'good'
    : /failed|rejected|error|decayed|drift|refused/i.test(st) ? 'bad'
    : /waiting|running|pending|expired|skipped|notpromoted/i.test(st) ? 'warn' : 'muted';
  return h('span', { class: 'badge ' + cls }, st);
}
function table(columns, rows, opts = {}) {
  const thead = h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : c.wrap ? 'wrap' : null }, c.title))));
  const tbody = h('tbody', {}, rows.map(r => h('tr', { class: opts.rowClass ? opts.rowClass(r) : null, 'data-key': opts.key ? opts.key(r) : null },
    columns.map(c => h('td', { class: c.num ? 'num' : c.wrap ? 'wrap' : null }, c.value(r))))));
  return h('table', { class: opts.class || null, 'data-table': opts.name || null }, thead, tbody);
}
function panel(title, ...children) { return h('section', { class: 'panel', 'data-panel': title }, h('h2', {}, title), children); }
function empty(text) { return h('p', { class: 'muted' }, text); }
function legend(names) { return h('div', { class: 'legend' }, names.map((n, i) => h('span', {}, h('i', { style: 'background:' + palette[i % palette.length] }), n))); }

// ---------- the API ----------
class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}
function headers(extra) {
  const hs = Object.assign({ accept: 'application/json' }, extra || {});
  if (session.key) { hs['x-api-key'] = session.key; hs['x-functions-key'] = session.key; }
  return hs;
}
async function request(method, path, body, retried) {
  if (method !== 'GET' && !session.key && !retried) {
    // Ask before the first state change instead of after a refusal: a refused call would only add a console error.
    const key = await askKey();
    if (!key) throw new ApiError(401, 'cancelled: this action needs the API key');
  }
  const init = { method, headers: headers(body !== undefined ? { 'content-type': 'application/json' } : null) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(apiBase + path, init);
  if (res.status === 401 && !retried && await askKey()) return request(method, path, body, true);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) throw new ApiError(res.status, (data && (data.detail || data.title)) || ('HTTP ' + res.status));
  return data;
}
async function askKey() {
  const key = await ask({ title: 'API key', text: 'This action needs the API key (locally: the file ~/.mlops/api-key, or Host:ApiKey; in Azure: a function key). It is kept in this tab\'s memory only.', caption: 'Key', secret: true });
  if (key) { session.key = key; showKeyState(); }
  return key;
}
const get = path => request('GET', path);
// Routes this host serves, from its OpenAPI document: optional panels ask only for what exists.
let served = null;
function serves(method, template) {
  served = served || get('/openapi.json').then(doc => new Set(Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map(m => m.toUpperCase() + ' ' + p))));
  return served.then(set => set.has(method + ' ' + template));
}
async function getIfServed(template, path) { return await serves('GET', template) ? get(path) : null; }
async function tryGet(path) {
  try { return await get(path); } catch (e) { if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null; throw e; }
}
async function image(path) {
  const res = await fetch(apiBase + path, { headers: headers({ accept: 'image/png' }) });
  if (!res.ok) throw new ApiError(res.status, 'plot: HTTP ' + res.status);
  return URL.createObjectURL(await res.blob());
}
const enc = encodeURIComponent;

// ---------- dialogs and banners ----------
function ask({ title, text, caption, value, secret }) {
  const dialog = document.getElementById('ask');
  document.getElementById('ask-title').textContent = title;
  document.getElementById('ask-text').textContent = text || '';
  document.getElementById('ask-caption').textContent = caption || '';
  const input = document.getElementById('ask-input');
  input.type = secret ? 'password' : 'text';
  input.value = value || '';
  return new Promise(resolve => {
    dialog.onclose = () => resolve(dialog.returnValue === 'ok' && input.value.trim() ? input.value.trim() : null);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
function banner(text, ok) {
  const el = document.getElementById('banner');
  el.textContent = text;
  el.className = 'banner' + (ok ? ' ok' : '');
  el.hidden = !text;
}
function showKeyState() { document.getElementById('key-state').textContent = session.key ? 'key set for this tab' : 'read-only until a key is given'; }
async function act(label, fn) {
  try { banner(''); await fn(); banner(label + ': done', true); render(); } catch (e) { banner(label + ': ' + e.message); }
}

// ---------- charts (SVG, no library) ----------
function barChart(items, { width = 560, unit = '', color = palette[0], signed = false } = {}) {
  if (!items.length) return empty('Nothing to plot.');
  const row = 22, labelW = 170, pad = 60, H = items.length * row + 10;
  const max = Math.max(...items.map(i => Math.abs(i.value)), 1e-12);
  const zero = signed ? labelW + (width - labelW - pad) / 2 : labelW;
  const scale = (signed ? (width - labelW - pad) / 2 : width - labelW - pad) / max;
  return s('svg', { class: 'chart', viewBox: `0 0 ${width} ${H}`, width, height: H, role: 'img', 'data-chart': 'bars', 'data-points': items.length },
    items.map((it, i) => {
      const w = Math.abs(it.value) * scale, y = i * row + 4, x = it.value < 0 ? zero - w : zero;
      return s('g', {},
        s('text', { x: labelW - 6, y: y + 13, 'text-anchor': 'end' }, it.label.length > 26 ? it.label.slice(0, 25) + '…' : it.label),
        s('rect', { x, y, width: Math.max(w, 1), height: row - 8, rx: 2, fill: it.color || (it.value < 0 ? palette[4] : color) }, s('title', {}, `${it.label}: ${fmt(it.value)}${unit}`)),
        s('text', { x: (it.value < 0 ? x : x + w) + 4, y: y + 13 }, fmt(it.value) + unit));
    }),
    s('line', { class: 'axis', x1: zero, x2: zero, y1: 0, y2: H }));
}
function timeline(steps, runStart) {
  const t0 = new Date(runStart || (steps[0] && steps[0].startedAt)).getTime();
  const ends = steps.map(st => new Date(st.endedAt || st.startedAt).getTime());
  const total = Math.max(...ends.map(e => e - t0), 1);
  const width = 760, labelW = 90, row = 26, H = steps.length * row + 24, scale = (width - labelW - 80) / total;
  return s('svg', { class: 'chart', viewBox: `0 0 ${width} ${H}`, width, height: H, role: 'img', 'data-chart': 'timeline', 'data-points': steps.length },
    steps.map((st, i) => {
      const start = new Date(st.startedAt).getTime() - t0, ms = st.durationMs ?? ((st.endedAt ? new Date(st.endedAt).getTime() : Date.now()) - new Date(st.startedAt).getTime());
      const y = i * row + 4, x = labelW + start * scale, w = Math.max(ms * scale, 2);
      const color = /failed|rejected/i.test(st.status) ? palette[4] : /running/i.test(st.status) ? palette[6] : palette[i % 4];
      return s('g', { 'data-stage': st.name },
        s('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end' }, st.name),
        s('rect', { x, y, width: w, height: row - 10, rx: 3, fill: color }, s('title', {}, `${st.name}: ${duration(ms)} (${st.status})`)),
        s('text', { x: x + w + 4, y: y + 14 }, duration(ms)));
    }),
    s('text', { x: labelW, y: H - 4 }, '0'), s('text', { x: width - 80, y: H - 4, 'text-anchor': 'end' }, duration(total)));
}
function stackedBars(categories, series, { width = 760, unit = '$' } = {}) {
  if (!categories.length || !series.length) return empty('Nothing to plot.');
  const H = 240, left = 64, bottom = 40, top = 10, plotH = H - bottom - top;
  const totals = categories.map((_, i) => series.reduce((a, se) => a + (se.values[i] || 0), 0));
  const max = Math.max(...totals, 1e-12), slot = (width - left - 10) / categories.length, barW = Math.max(Math.min(slot * 0.7, 48), 4);
  const ticks = [0, 0.5, 1].map(f => f * max);
  return s('svg', { class: 'chart', viewBox: `0 0 ${width} ${H}`, width, height: H, role: 'img', 'data-chart': 'stacked', 'data-points': categories.length },
    ticks.map(t => s('g', {}, s('line', { class: 'axis', x1: left, x2: width - 10, y1: top + plotH - t / max * plotH, y2: top + plotH - t / max * plotH }),
      s('text', { x: left - 6, y: top + plotH - t / max * plotH + 4, 'text-anchor': 'end' }, unit === '$' ? money(t) : fmt(t)))),
    categories.map((c, i) => {
      let y = top + plotH;
      const x = left + i * slot + (slot - barW) / 2;
      return s('g', {},
        series.map((se, k) => {
          const v = se.values[i] || 0, hgt = v / max * plotH;
          y -= hgt;
          return v > 0 ? s('rect', { x, y, width: barW, height: Math.max(hgt, 0.5), fill: palette[k % palette.length] }, s('title', {}, `${c} · ${se.name}: ${unit === '$' ? money(v) : fmt(v)}`)) : null;
        }),
        (categories.length <= 16 || i % Math.ceil(categories.length / 16) === 0) ? s('text', { x: x + barW / 2, y: H - bottom + 14, 'text-anchor': 'middle' }, c.length > 10 ? c.slice(5) : c) : null);
    }));
}
function lineChart(series, { width = 560, height = 200 } = {}) {
  const points = series.flatMap(se => se.points);
  if (!points.length) return empty('Nothing to plot.');
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1), y0 = Math.min(...ys), y1 = Math.max(...ys, y0 + 1e-9);
  const left = 52, bottom = 24, pw = width - left - 10, ph = height - bottom - 10;
  const X = x => left + (x - x0) / (x1 - x0) * pw, Y = y => 10 + ph - (y - y0) / (y1 - y0) * ph;
  return s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'data-chart': 'line', 'data-points': points.length },
    s('line', { class: 'axis', x1: left, x2: left + pw, y1: 10 + ph, y2: 10 + ph }),
    s('text', { x: left - 6, y: 14, 'text-anchor': 'end' }, fmt(y1, 3)), s('text', { x: left - 6, y: 10 + ph, 'text-anchor': 'end' }, fmt(y0, 3)),
    series.map((se, k) => s('g', {},
      s('polyline', { fill: 'none', stroke: palette[k % palette.length], 'stroke-width': 2, 'stroke-dasharray': se.dashed ? '5 4' : null, points: se.points.map(p => `${X(p.x)},${Y(p.y)}`).join(' ') }),
      se.points.map(p => s('circle', { cx: X(p.x), cy: Y(p.y), r: 3, fill: palette[k % palette.length] }, s('title', {}, `${se.name}: ${fmt(p.y)}`))))));
}

// ---------- metrics ----------
const preferredMetrics = ['auc', 'accuracy', 'balancedAccuracy', 'f1', 'macroF1', 'logLoss', 'rSquared', 'r2', 'rmse', 'mae'];
function metricNames(records) {
  const all = new Set(records.flatMap(r => Object.keys(r || {})));
  const first = preferredMetrics.filter(m => all.has(m));
  return first.concat([...all].filter(m => !first.includes(m)).sort()).slice(0, 7);
}
function deltaCell(metric, delta) {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '–';
  const better = lowerIsBetter.has(metric) ? delta < 0 : delta > 0;
  return h('span', { class: 'delta ' + (delta === 0 ? '' : better ? 'good' : 'bad') }, (delta > 0 ? '+' : '') + fmt(delta));
}

// ---------- pages ----------
async function pageModels() {
  const models = await get('/models');
  const root = h('div', {}, h('h1', {}, 'Models'), h('p', { class: 'muted' }, 'Every model with the version production serves. Upload a dataset to datasets/{model}/ to start a run.'));
  root.append(h('div', { class: 'cards' },
    card('models', models.length), card('in production', models.filter(m => m.productionVersion).length), card('versions', models.reduce((a, m) => a + (m.versions || 0), 0))));
  root.append(panel('Models', models.length ? table([
    { title: 'model', value: m => h('a', { href: '#/models/' + enc(m.model), 'data-model': m.model }, m.model) },
    { title: 'production', value: m => m.productionVersion ? h('span', { class: 'badge good', 'data-production': m.productionVersion }, 'v' + m.productionVersion) : h('span', { class: 'badge muted' }, 'none') },
    { title: 'latest', value: m => m.latestVersion ? 'v' + m.latestVersion : '–' },
    { title: 'versions', num: true, value: m => m.versions },
    { title: '', value: m => [h('a', { href: `#/models/${enc(m.model)}/monitoring` }, 'monitoring'), ' · ', h('a', { href: `#/cost/${enc(m.model)}` }, 'cost')] },
  ], models, { name: 'models' }) : empty('No models yet.')));
  return root;
}
function card(label, value) { return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, fmt(value))); }

async function pageModel(model) {
  const [info, runs, history, hasCard] = await Promise.all([get('/models/' + enc(model)), tryGet(`/models/${enc(model)}/runs`), tryGet(`/models/${enc(model)}/history`), serves('GET', cardRoute)]);
  const production = info.aliases && info.aliases.production;
  const versions = info.versions || [];
  const metrics = metricNames(versions.map(v => v.metrics));
  const picked = [];
  const compareButton = h('button', { disabled: true, 'data-action': 'compare', onclick: () => { location.hash = `#/models/${enc(model)}/compare/${picked[0]}/${picked[1]}`; } }, 'Compare selected');
  const pick = (version, box) => {
    if (box.checked) picked.push(version); else picked.splice(picked.indexOf(version), 1);
    while (picked.length > 2) { const drop = picked.shift(); const other = document.querySelector(`input[data-pick="${drop}"]`); if (other) other.checked = false; }
    compareButton.disabled = picked.length !== 2;
  };
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', model),
    h('h1', {}, model),
    h('div', { class: 'actions' },
      Object.entries(info.aliases || {}).map(([a, v]) => h('span', { class: 'badge ' + (a === 'production' ? 'good' : ''), 'data-alias': a }, `${a} → v${v}`)),
      h('a', { href: `#/models/${enc(model)}/monitoring` }, 'monitoring'), h('a', { href: `#/cost/${enc(model)}` }, 'cost'),
      info.specVersion ? h('span', { class: 'muted' }, 'spec v' + info.specVersion) : null));
  root.append(panel('Versions',
    h('div', { class: 'actions' }, compareButton,
      h('button', { class: 'danger', 'data-action': 'rollback', disabled: !production, onclick: () => rollback(model) }, 'Roll back production')),
    versions.length ? table([
      { title: '', value: v => h('input', { type: 'checkbox', 'data-pick': v.version, onchange: e => pick(v.version, e.target) }) },
      { title: 'version', value: v => [h('a', { href: `#/models/${enc(model)}/versions/${v.version}` }, 'v' + v.version),
        hasCard ? [' ', h('a', { href: `#/models/${enc(model)}/versions/${v.version}/card`, 'data-card': v.version, class: 'muted' }, 'card')] : null] },
      { title: 'aliases', value: v => Object.entries(info.aliases || {}).filter(([, n]) => n === v.version).map(([a]) => h('span', { class: 'badge ' + (a === 'production' ? 'good' : '') }, a)) },
      { title: 'trainer', value: v => v.trainer },
      ...metrics.map(m => ({ title: m, num: true, value: v => fmt(v.metrics && v.metrics[m]) })),
      { title: 'created', value: v => when(v.createdAt) },
      { title: 'run', value: v => v.runId ? h('a', { href: '#/runs/' + enc(v.runId) }, 'run') : '–' },
      { title: '', value: v => v.version === production ? '' : h('button', { 'data-action': 'promote', 'data-version': v.version, onclick: () => promote(model, v.version) }, 'Promote') },
    ], versions, { name: 'versions', rowClass: v => v.version === production ? 'selected' : null }) : empty('No versions registered yet.')));
  root.append(panel('Runs', runs && runs.length ? table([
    { title: 'run', value: r => h('a', { href: '#/runs/' + enc(r.runId), 'data-run': r.runId }, r.runId.length > 28 ? r.runId.slice(0, 27) + '…' : r.runId) },
    { title: 'status', value: r => statusBadge(r.status) },
    { title: 'trigger', value: r => r.trigger },
    { title: 'started', value: r => when(r.startedAt) },
    { title: 'duration', num: true, value: r => r.endedAt ? duration(new Date(r.endedAt) - new Date(r.startedAt)) : '…' },
    { title: 'version', value: r => r.modelVersion ? 'v' + r.modelVersion : '–' },
    { title: 'reason', wrap: true, value: r => r.reason || '' },
  ], runs, { name: 'runs' }) : empty('No runs yet.')));
  root.append(panel('Promotion history', history && history.length ? table([
    { title: 'when', value: p => when(p.at) },
    { title: 'alias', value: p => p.alias },
    { title: 'from', value: p => p.fromVersion ? 'v' + p.fromVersion : '–' },
    { title: 'to', value: p => 'v' + p.toVersion },
    { title: 'by', value: p => p.by },
    { title: 'outcome', value: p => statusBadge(p.outcome) },
    { title: 'reason', wrap: true, value: p => p.reason },
  ], history, { name: 'history' }) : empty('No promotions yet.')));
  return root;
}
async function promote(model, version) {
  const reason = await ask({ title: `Promote v${version} to production`, text: 'The alias moves only if production did not change meanwhile; the move is recorded in the history.', caption: 'Reason' });
  if (!reason) return;
  await act(`Promote v${version}`, () => request('PUT', `/models/${enc(model)}/aliases/production`, { version, reason, by: 'dashboard' }));
}
async function rollback(model) {
  const reason = await ask({ title: 'Roll back production', text: 'Production goes back to the version it served before.', caption: 'Reason' });
  if (!reason) return;
  await act('Rollback', () => request('POST', `/models/${enc(model)}/rollback`, { reason, by: 'dashboard' }));
}

const cardRoute = '/api/models/{model}/versions/{version}/card';
async function pageVersion(model, version) {
  const [v, hasCard] = await Promise.all([get(`/models/${enc(model)}/versions/${version}`), serves('GET', cardRoute)]);
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', h('a', { href: '#/models/' + enc(model) }, model), ' / v' + version),
    h('h1', {}, `${model} v${version}`),
    h('p', { class: 'muted' }, `${v.trainer} · created ${when(v.createdAt)} · sha256 ${String(v.sha256 || '').slice(0, 12)}…`,
      hasCard ? [' · ', h('a', { href: `#/models/${enc(model)}/versions/${version}/card`, 'data-link': 'card' }, 'model card')] : null));
  root.append(h('div', { class: 'grid' },
    panel('Test metrics', table([{ title: 'metric', value: e => e[0] }, { title: 'value', num: true, value: e => fmt(e[1]) }], Object.entries(v.metrics || {}), { name: 'metrics' })),
    panel('Feature importance', barChart((v.importance || []).slice(0, 15).map(i => ({ label: i.feature, value: i.importance })), { signed: true }))));
  if (v.confusionMatrix) root.append(panel('Confusion matrix', confusion(v.confusionMatrix)));
  root.append(panel('Parameters', table([{ title: 'parameter', value: e => e[0] }, { title: 'value', num: true, value: e => fmt(e[1]) }], Object.entries(v.parameters || {}))));
  return root;
}
async function pageCard(model, version) {
  const c = await get(`/models/${enc(model)}/versions/${version}/card`);
  const d = c.data || {}, t = c.training || {}, e = c.evaluation || {};
  const fields = (name, entries) => table([{ title: 'field', value: x => x[0] }, { title: 'value', wrap: true, value: x => x[1] === null || x[1] === undefined ? '–' : typeof x[1] === 'number' ? fmt(x[1]) : String(x[1]) }],
    entries, { name });
  const spread = e.crossValidation && e.crossValidation.metrics || {};
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', h('a', { href: '#/models/' + enc(model) }, model), ' / ',
      h('a', { href: `#/models/${enc(model)}/versions/${version}` }, 'v' + version), ' / card'),
    h('h1', {}, `Model card: ${model} v${version}`),
    h('p', { class: 'muted' }, `${c.task || ''} · label ${c.label || '–'} · ${t.trainer} · created ${when(c.createdAt)} · run `, h('a', { href: '#/runs/' + enc(c.runId) }, c.runId)));
  root.append(h('div', { class: 'grid' },
    panel('Data', fields('card-data', [['container', d.container], ['blob', d.blob], ['dataset version', d.datasetVersion ? d.datasetVersion.slice(0, 12) + '…' : null], ['rows', d.rows], ['labelled rows', d.labelledRows],
      ['columns', d.columns], ...(d.splits ? [['train rows', d.splits.train], ['validation rows', d.splits.validation], ['test rows', d.splits.test]] : [])])),
    panel('Training choices', fields('card-training', [['trainer', t.trainer], ['parameters', Object.entries(t.parameters || {}).map(([k, v]) => `${k}=${fmt(v)}`).join(', ') || 'defaults'],
      ['trainers searched', (t.trainersSearched || []).join(', ') || 'the task\'s defaults'], ['selection metric', t.selectionMetric], ['threshold rule', t.thresholdRule],
      ['class weights', t.classWeights], ['folds', t.folds], ['seed', t.seed], ['spec version', t.specVersion]]))));
  root.append(panel('Personal data', (d.personalData || []).length ? table([
    { title: 'column', value: p => p.column }, { title: 'pattern', value: p => p.pattern }, { title: 'share', num: true, value: p => fmt(p.share) },
    { title: 'decision', value: p => p.decision || 'undecided' }], d.personalData, { name: 'card-pii' }) : empty('No column looked personal.')));
  root.append(h('div', { class: 'grid' },
    panel('Metrics', table([
      { title: 'metric', value: m => m[0] }, { title: 'test', num: true, value: m => fmt(m[1]) },
      { title: 'CV mean', num: true, value: m => fmt(spread[m[0]] && spread[m[0]].mean) }, { title: 'CV std', num: true, value: m => fmt(spread[m[0]] && spread[m[0]].standardDeviation) },
    ], Object.entries(e.metrics || {}), { name: 'card-metrics' }),
      e.threshold !== undefined && e.threshold !== null ? h('p', {}, `Decision threshold ${fmt(e.threshold)}`) : null,
      e.overfit ? h('p', {}, `Overfit check: ${e.overfit.metric} train ${fmt(e.overfit.train)} vs test ${fmt(e.overfit.test)}, gap ${fmt(e.overfit.gap)} (max ${fmt(e.overfit.maxGap)})`) : null),
    panel('Feature importance', barChart((e.importance || []).slice(0, 15).map(i => ({ label: i.feature, value: i.importance })), { signed: true }))));
  root.append(panel('Known limitations', (c.limitations || []).length ? table([
    { title: 'found by', value: l => l.kind }, { title: 'column', value: l => l.column || '' }, { title: 'when', value: l => l.at ? when(l.at) : '' },
    { title: 'what', wrap: true, value: l => l.message }], c.limitations, { name: 'card-limitations' }) : empty('The checks found nothing to report.')));
  root.append(panel('Drift history', (c.driftHistory || []).length ? table([
    { title: 'window', value: r => r.id }, { title: 'rows', num: true, value: r => fmt(r.rows) },
    { title: 'drifted', value: r => `${r.columnsDrifted} of ${r.columnsCompared}` }, { title: 'dataset', value: r => statusBadge(r.datasetDrifted ? 'drifted' : 'stable') },
    { title: 'most drifted', wrap: true, value: r => (r.mostDrifted || []).join(', ') }], c.driftHistory, { name: 'card-drift' }) : empty('No drift report about this version.')));
  if (c.decision) root.append(panel('Decision', h('p', {}, statusBadge(c.decision.status), ' ', c.decision.reason || ''), c.decision.gate ? gate(c.decision.gate) : null));
  root.append(panel('Promotions', (c.promotions || []).length ? table([
    { title: 'when', value: p => when(p.at) }, { title: 'alias', value: p => p.alias }, { title: 'from', value: p => p.fromVersion ? 'v' + p.fromVersion : '–' },
    { title: 'to', value: p => 'v' + p.toVersion }, { title: 'by', value: p => p.by }, { title: 'outcome', value: p => statusBadge(p.outcome) },
    { title: 'reason', wrap: true, value: p => p.reason }], c.promotions, { name: 'card-promotions' }) : empty('No alias ever pointed at this version.')));
  return root;
}
function confusion(cm) {
  const max = Math.max(...cm.counts.flat(), 1);
  return h('table', { class: 'matrix', 'data-table': 'confusion' },
    h('thead', {}, h('tr', {}, h('th', {}, 'true \\ predicted'), cm.classes.map(c => h('th', {}, c)))),
    h('tbody', {}, cm.counts.map((row, i) => h('tr', {}, h('th', {}, cm.classes[i]),
      row.map((n, j) => h('td', { style: `background: rgba(${i === j ? '22,163,74' : '220,38,38'}, ${0.08 + 0.6 * n / max})` }, n))))));
}

async function pageRun(runId) {
  const [status, candidates, validation] = await Promise.all([get('/runs/' + enc(runId)), tryGet(`/runs/${enc(runId)}/candidates`), tryGet(`/runs/${enc(runId)}/validation`)]);
  const run = status.run, steps = (status.steps || []).slice().sort((a, b) => a.order - b.order);
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', h('a', { href: '#/models/' + enc(run.model) }, run.model), ' / run'),
    h('h1', {}, 'Run ', h('code', {}, run.runId)),
    h('div', { class: 'actions' }, statusBadge(run.status), h('span', { class: 'muted' }, `${run.trigger} · ${run.datasetBlob} · started ${when(run.startedAt)}`),
      run.modelVersion ? h('a', { href: `#/models/${enc(run.model)}/versions/${run.modelVersion}` }, 'v' + run.modelVersion) : null));
  if (run.reason) root.append(h('p', { 'data-reason': true }, run.reason));
  if (run.status === 'waitingForApproval') {
    root.append(h('div', { class: 'actions' },
      h('button', { class: 'primary', 'data-action': 'approve', onclick: () => decide(runId, 'approve') }, 'Approve'),
      h('button', { class: 'danger', 'data-action': 'reject', onclick: () => decide(runId, 'reject') }, 'Reject')));
  }
  const costs = run.cost || null;
  root.append(h('div', { class: 'cards' },
    card('stages', steps.length),
    card('duration', run.endedAt ? duration(new Date(run.endedAt) - new Date(run.startedAt)) : '…'),
    card('candidates', candidates ? candidates.length : '–'),
    costs && costs.total !== undefined ? h('div', { class: 'card', 'data-cost': 'total' }, h('div', { class: 'label' }, 'cost'), h('div', { class: 'value' }, money(costs.total, costs.currency))) : null));
  root.append(panel('Stage timeline', steps.length ? [timeline(steps, run.startedAt), table([
    { title: 'stage', value: st => st.name },
    { title: 'status', value: st => statusBadge(st.status) },
    { title: 'duration', num: true, value: st => duration(st.durationMs) },
    { title: 'cost', num: true, value: st => stageCost(costs, st.name) },
    { title: 'detail', wrap: true, value: st => st.error || st.detail || '' },
  ], steps, { name: 'stages' })] : empty('No stage has started yet.')));
  if (candidates && candidates.length) root.append(panel('Candidate leaderboard', leaderboard(candidates)));
  if (run.decision) root.append(panel('Gate decision', gate(run.decision)));
  if (validation) root.append(panel('Validation report', validationReport(validation)));
  return root;
}
function stageCost(costs, stage) {
  if (!costs) return '–';
  const byStage = costs.byStage || costs.stages || {};
  const v = byStage[stage];
  return v === undefined ? '–' : money(typeof v === 'number' ? v : v.cost, costs.currency);
}
function leaderboard(candidates) {
  const metricsOf = c => c.validationMetrics || {};
  const names = metricNames(candidates.map(metricsOf));
  const primary = names[0];
  const sorted = candidates.slice().sort((a, b) => {
    const av = metricsOf(a)[primary], bv = metricsOf(b)[primary];
    if (av === undefined) return 1; if (bv === undefined) return -1;
    return lowerIsBetter.has(primary) ? av - bv : bv - av;
  });
  return table([
    { title: '#', num: true, value: c => c.index },
    { title: 'trainer', value: c => [c.candidate.trainer, c.selected ? h('span', { class: 'badge good' }, 'chosen') : null] },
    { title: 'parameters', wrap: true, value: c => Object.entries(c.candidate.parameters || {}).map(([k, v]) => `${k}=${fmt(v)}`).join(', ') || 'defaults' },
    ...names.map(m => ({ title: m, num: true, value: c => fmt(metricsOf(c)[m]) })),
    { title: 'duration', num: true, value: c => duration(c.durationMs) },
    { title: 'cost', num: true, value: c => c.cost !== undefined && c.cost !== null ? money(typeof c.cost === 'number' ? c.cost : c.cost.cost) : '–' },
    { title: 'status', value: c => statusBadge(c.status) },
    { title: 'failure', wrap: true, value: c => c.error || '' },
  ], sorted, { name: 'leaderboard', key: c => c.index, rowClass: c => c.selected ? 'selected' : null });
}
function gate(d) {
  const names = Object.keys(d.challenger || {});
  return [
    h('p', {}, statusBadge(d.passed ? 'passed' : 'refused'), ' ', d.rule, d.championVersion ? ` (champion v${d.championVersion})` : ''),
    h('ul', {}, (d.reasons || []).map(r => h('li', {}, r))),
    names.length ? table([
      { title: 'metric', value: m => m + (m === d.primaryMetric ? ' (primary)' : '') },
      { title: 'challenger', num: true, value: m => fmt(d.challenger[m]) },
      { title: 'champion', num: true, value: m => fmt(d.champion && d.champion[m]) },
      { title: 'delta', num: true, value: m => deltaCell(m, d.deltas && d.deltas[m]) },
    ], names, { name: 'gate' }) : null,
  ];
}
function validationReport(report) {
  const parts = [];
  const splits = report.splits || report.splitSizes || report.split;
  const summary = Object.entries(report).filter(([, v]) => v === null || typeof v !== 'object');
  if (summary.length) parts.push(table([{ title: 'field', value: e => e[0] }, { title: 'value', wrap: true, value: e => fmt(e[1]) }], summary, { name: 'validation-summary' }));
  if (splits && typeof splits === 'object') parts.push(h('h3', {}, 'Split sizes'), table([{ title: 'split', value: e => e[0] }, { title: 'rows', num: true, value: e => fmt(typeof e[1] === 'object' ? e[1].rows : e[1]) }], Object.entries(splits), { name: 'splits' }));
  const findings = report.findings || [];
  parts.push(h('h3', {}, `Findings (${findings.length})`));
  parts.push(findings.length ? table([
    { title: 'severity', value: f => statusBadge(f.severity) },
    { title: 'rule', value: f => f.rule || f.code || '' },
    { title: 'column', value: f => f.column || '' },
    { title: 'message', wrap: true, value: f => f.message || f.detail || '' },
  ], findings, { name: 'findings' }) : empty('No findings.'));
  const columns = (report.profile && (report.profile.columns || report.profile)) || report.columns;
  if (Array.isArray(columns) && columns.length) {
    parts.push(h('h3', {}, `Profile (${columns.length} columns)`));
    parts.push(table([
      { title: 'column', value: c => c.name },
      { title: 'kind', value: c => c.kind || c.type || '' },
      { title: 'missing', num: true, value: c => fmt(c.missing ?? c.missingCount) },
      { title: 'distinct', num: true, value: c => fmt(c.distinct ?? c.distinctCount ?? c.cardinality) },
      { title: 'mean', num: true, value: c => fmt(c.mean) },
      { title: 'std', num: true, value: c => fmt(c.std ?? c.standardDeviation) },
      { title: 'min', num: true, value: c => fmt(c.min) },
      { title: 'max', num: true, value: c => fmt(c.max) },
    ], columns, { name: 'profile' }));
  }
  return parts;
}
async function decide(runId, verb) {
  const reason = await ask({ title: verb === 'approve' ? 'Approve this run' : 'Reject this run', caption: 'Reason' });
  if (!reason) return;
  await act(verb === 'approve' ? 'Approval' : 'Rejection', () => request('POST', `/runs/${enc(runId)}/${verb}`, { reason, by: 'dashboard' }));
}

async function pageCompare(model, a, b) {
  const [cmp, va, vb] = await Promise.all([get(`/models/${enc(model)}/compare?a=${a}&b=${b}`), get(`/models/${enc(model)}/versions/${a}`), get(`/models/${enc(model)}/versions/${b}`)]);
  const runB = vb.runId ? await tryGet('/runs/' + enc(vb.runId)) : null;
  const names = Object.keys(Object.assign({}, va.metrics, vb.metrics)).sort();
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', h('a', { href: '#/models/' + enc(model) }, model), ' / compare'),
    h('h1', {}, `${model}: v${a} vs v${b}`),
    h('p', { class: 'muted' }, cmp.note || ''));
  root.append(panel('Metrics', table([
    { title: 'metric', value: m => m },
    { title: 'v' + a, num: true, value: m => fmt(va.metrics && va.metrics[m]) },
    { title: 'v' + b, num: true, value: m => fmt(vb.metrics && vb.metrics[m]) },
    { title: 'delta (b − a)', num: true, value: m => deltaCell(m, cmp.metricDeltas && cmp.metricDeltas[m]) },
  ], names, { name: 'compare' }),
  h('p', { class: 'muted' }, `same data: ${cmp.sameData ? 'yes' : 'no'} · same spec: ${cmp.sameSpec ? 'yes' : 'no'} · trainers: ${va.trainer} → ${vb.trainer}`)));
  root.append(h('div', { class: 'grid' },
    panel('Feature importance v' + a, barChart((va.importance || []).slice(0, 12).map(i => ({ label: i.feature, value: i.importance })), { signed: true })),
    panel('Feature importance v' + b, barChart((vb.importance || []).slice(0, 12).map(i => ({ label: i.feature, value: i.importance })), { signed: true, color: palette[1] }))));
  if (va.confusionMatrix || vb.confusionMatrix) {
    root.append(h('div', { class: 'grid' },
      panel('Confusion matrix v' + a, va.confusionMatrix ? confusion(va.confusionMatrix) : empty('Not recorded.')),
      panel('Confusion matrix v' + b, vb.confusionMatrix ? confusion(vb.confusionMatrix) : empty('Not recorded.'))));
  }
  root.append(panel(`Gate decision for v${b}`, runB && runB.run.decision ? gate(runB.run.decision) : empty('No gate decision recorded for this version\'s run.')));
  return root;
}

async function pageMonitoring(model) {
  const [drift, decay, monitors, alerts, health] = await Promise.all([
    tryGet(`/models/${enc(model)}/drift`), tryGet(`/models/${enc(model)}/decay`), tryGet(`/models/${enc(model)}/monitors`),
    tryGet(`/models/${enc(model)}/alerts`), getIfServed('/api/models/{model}/serving-health', `/models/${enc(model)}/serving-health`)]);
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), ' / ', h('a', { href: '#/models/' + enc(model) }, model), ' / monitoring'),
    h('h1', {}, `${model}: monitoring`),
    h('div', { class: 'actions' }, h('button', { class: 'primary', 'data-action': 'monitor', onclick: () => act('Monitor', () => request('POST', `/models/${enc(model)}/monitor`)) }, 'Run monitors now')));
  const driftPanel = panel('Drift', drift && drift.length ? table([
    { title: 'window end', value: d => when(d.window && d.window.end) },
    { title: 'version', value: d => d.version ? 'v' + d.version : '–' },
    { title: 'rows', num: true, value: d => fmt(d.rows) },
    { title: 'drifted', num: true, value: d => `${d.columnsDrifted}/${d.columnsCompared}` },
    { title: 'dataset', value: d => statusBadge(d.datasetDrifted ? 'drift' : 'ok') },
    { title: 'prediction', value: d => d.predictionDrifted === undefined || d.predictionDrifted === null ? '–' : statusBadge(d.predictionDrifted ? 'drift' : 'ok') },
    { title: 'most drifted', wrap: true, value: d => (d.mostDrifted || []).join(', ') },
  ], drift, { name: 'drift' }) : empty('No drift report yet.'));
  root.append(driftPanel);
  const withPlot = (drift || []).find(d => d.plotBlob);
  if (withPlot) {
    const img = h('img', { class: 'plot', alt: 'drift plot of window ' + withPlot.window.id, 'data-plot': withPlot.window.id });
    driftPanel.append(h('h3', {}, 'Newest plot'), img);
    image(`/models/${enc(model)}/drift/${enc(withPlot.window.id)}/plot`).then(url => { img.src = url; }, e => banner(e.message));
  }
  root.append(panel('Decay', decay && decay.length ? [
    lineChart([
      { name: 'live', points: decay.filter(d => d.live !== null && d.live !== undefined).reverse().map(d => ({ x: new Date(d.window.end).getTime(), y: d.live })) },
      { name: 'test', dashed: true, points: decay.filter(d => d.test !== null && d.test !== undefined).reverse().map(d => ({ x: new Date(d.window.end).getTime(), y: d.test })) },
    ]), legend(['live', 'test']),
    table([
      { title: 'window end', value: d => when(d.window && d.window.end) },
      { title: 'metric', value: d => d.metric },
      { title: 'live', num: true, value: d => fmt(d.live) },
      { title: 'test', num: true, value: d => fmt(d.test) },
      { title: 'labelled', num: true, value: d => fmt(d.labelled) },
      { title: 'verdict', value: d => statusBadge(d.verdict) },
      { title: 'reason', wrap: true, value: d => d.reason },
    ], decay, { name: 'decay' })] : empty('No decay report yet (it needs late labels).')));
  root.append(panel('Serving health', servingHealth(health)));
  root.append(panel('Monitor runs', monitors && monitors.length ? table([
    { title: 'started', value: m => when(m.startedAt) },
    { title: 'version', value: m => m.version ? 'v' + m.version : '–' },
    { title: 'drifted', value: m => statusBadge(m.drifted ? 'drift' : 'ok') },
    { title: 'decay', value: m => m.decayVerdict || '–' },
    { title: 'retrain', wrap: true, value: m => [m.retrainDecision || '', m.retrainRunId ? [' ', h('a', { href: '#/runs/' + enc(m.retrainRunId) }, 'run')] : null] },
    { title: 'outcome', wrap: true, value: m => m.retrainOutcome || '' },
  ], monitors, { name: 'monitors' }) : empty('No monitor run yet.')));
  root.append(panel('Alerts', alerts && alerts.length ? table([
    { title: 'when', value: a => when(a.at) },
    { title: 'kind', value: a => a.kind },
    { title: 'severity', value: a => statusBadge(a.severity) },
    { title: 'message', wrap: true, value: a => a.message },
    { title: 'run', value: a => a.runId ? h('a', { href: '#/runs/' + enc(a.runId) }, 'run') : '' },
  ], alerts, { name: 'alerts' }) : empty('No alerts.')));
  return root;
}
function servingHealth(health) {
  const reports = Array.isArray(health) ? health : health && (health.reports || health.versions || [health]);
  if (!reports || !reports.length) return empty('No serving-health report yet.');
  const rows = reports.flatMap(r => r.versions ? r.versions.map(v => Object.assign({ window: r.window }, v)) : [r]);
  return table([
    { title: 'window end', value: r => when(r.window && r.window.end) },
    { title: 'version', value: r => r.version ? 'v' + r.version : '–' },
    { title: 'requests', num: true, value: r => fmt(r.requests) },
    { title: 'error rate', num: true, value: r => r.errorRate === undefined ? '–' : (100 * r.errorRate).toFixed(2) + ' %' },
    { title: 'p50 ms', num: true, value: r => fmt(r.p50Ms ?? r.p50) },
    { title: 'p95 ms', num: true, value: r => fmt(r.p95Ms ?? r.p95) },
    { title: 'p99 ms', num: true, value: r => fmt(r.p99Ms ?? r.p99) },
  ], rows, { name: 'serving-health' });
}

async function pageCost(model) {
  const data = model ? await getIfServed('/api/models/{model}/cost', `/models/${enc(model)}/cost`) : await getIfServed('/api/cost', '/cost');
  const root = h('div', {},
    h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Models'), model ? [' / ', h('a', { href: '#/models/' + enc(model) }, model)] : null, ' / cost'),
    h('h1', {}, model ? `${model}: cost` : 'Cost'));
  if (!data) { root.append(empty('No cost figures are available from this host.')); return root; }
  const entries = data.days || data.entries || data.rows || [];
  const currency = data.currency || 'USD';
  const byDay = new Map();
  for (const e of entries) {
    const day = String(e.day || e.date || e.usageDate || '').slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day).push(e);
  }
  const days = [...byDay.keys()].sort();
  const seriesBy = key => {
    const names = [...new Set(entries.map(e => e[key] || 'other'))].sort();
    return names.map(n => ({ name: n, values: days.map(d => byDay.get(d).filter(e => (e[key] || 'other') === n).reduce((a, e) => a + (e.cost || 0), 0)) }));
  };
  const total = data.total ?? entries.reduce((a, e) => a + (e.cost || 0), 0);
  root.append(h('div', { class: 'cards' }, h('div', { class: 'card', 'data-cost': 'total' }, h('div', { class: 'label' }, 'total'), h('div', { class: 'value' }, money(total, currency))),
    card('days', days.length), data.priceSheetVersion ? card('price sheet', data.priceSheetVersion) : null));
  const byModel = seriesBy('model'), byStage = seriesBy('stage');
  root.append(h('div', { class: 'grid' },
    panel('Cost per day by model', stackedBars(days, byModel), legend(byModel.map(x => x.name))),
    panel('Cost per day by stage', stackedBars(days, byStage), legend(byStage.map(x => x.name)))));
  root.append(panel('Entries', entries.length ? table([
    { title: 'day', value: e => String(e.day || e.date || '').slice(0, 10) },
    { title: 'model', value: e => e.model || '' },
    { title: 'stage', value: e => e.stage || '' },
    { title: 'cost', num: true, value: e => money(e.cost, currency) },
  ], entries, { name: 'cost' }) : empty('No cost recorded in this period.')));
  return root;
}

async function pageApi() {
  const doc = await get('/openapi.json');
  const root = h('div', {}, h('h1', {}, doc.info.title + ' ', h('span', { class: 'muted' }, doc.info.version)), h('p', { class: 'muted' }, doc.info.description || ''),
    h('p', {}, h('a', { href: apiBase + '/openapi.json' }, 'openapi.json'), ` · OpenAPI ${doc.openapi}`));
  const list = h('section', { class: 'panel', 'data-panel': 'endpoints' });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      list.append(h('div', { class: 'endpoint', 'data-endpoint': method.toUpperCase() + ' ' + path },
        h('span', { class: 'method ' + method }, method.toUpperCase()), ' ', h('code', {}, path), ' ', h('span', { class: 'muted' }, op.summary || ''),
        (op.parameters || []).length ? h('div', { class: 'muted' }, 'parameters: ', op.parameters.map(p => `${p.name} (${p.in}${p.required ? ', required' : ''})`).join(', ')) : null,
        h('div', { class: 'muted' }, 'responses: ', Object.keys(op.responses || {}).join(', '))));
    }
  }
  root.append(list);
  return root;
}

// ---------- routing ----------
const routes = [
  [/^#?\/?$/, pageModels, 'models'],
  [/^#\/models\/([^/]+)$/, pageModel, 'models'],
  [/^#\/models\/([^/]+)\/versions\/(\d+)$/, pageVersion, 'models'],
  [/^#\/models\/([^/]+)\/versions\/(\d+)\/card$/, pageCard, 'models'],
  [/^#\/models\/([^/]+)\/compare\/(\d+)\/(\d+)$/, pageCompare, 'models'],
  [/^#\/models\/([^/]+)\/monitoring$/, pageMonitoring, 'models'],
  [/^#\/runs\/([^/]+)$/, pageRun, 'models'],
  [/^#\/cost(?:\/([^/]+))?$/, pageCost, 'cost'],
  [/^#\/api$/, pageApi, 'api'],
];
let renderCount = 0;
async function render() {
  const ticket = ++renderCount;
  const hash = location.hash || '#/';
  const main = document.getElementById('main');
  for (const [pattern, page, nav] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === nav));
    try {
      const content = await page(...m.slice(1).map(x => x === undefined ? undefined : decodeURIComponent(x)));
      if (ticket !== renderCount) return;
      main.replaceChildren(content);
      main.dataset.page = page.name;
    } catch (e) {
      if (ticket !== renderCount) return;
      main.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, 'Could not load this page'), h('p', {}, e.message)));
      main.dataset.page = 'error';
    }
    return;
  }
  main.replaceChildren(empty('No such page.'));
}
window.addEventListener('hashchange', () => { banner(''); render(); });
showKeyState();
render();
