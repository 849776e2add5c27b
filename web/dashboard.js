// Rampart gateway dashboard. Polls api/dashboard once a second and redraws.
// Every value shown comes from requests (model names, categories, routes), so it is inserted with
// textContent only, never parsed as markup, and the page's CSP forbids inline script besides.
/* global document, fetch, setTimeout, window */
'use strict';

(function () {
  const POLL_MS = 1000;
  const MAX_ROWS = 100;
  const KNOWN_ACTIONS = ['allow', 'flag', 'redact', 'require_approval', 'block'];
  const CIRCUIT_STATES = ['closed', 'open', 'half_open'];

  const $ = (id) => document.getElementById(id);

  /** Creates an element with text content and optional class / data attributes. */
  function el(tag, text, className, data) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    if (data) for (const [k, v] of Object.entries(data)) node.dataset[k] = String(v);
    return node;
  }

  const num = (n) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
  // Milliseconds: whole from 100 up, else at most two decimals and no trailing zeros (57 → "57", 0.41 → "0.41").
  const ms = (n) => {
    const v = num(n);
    return String(v >= 100 ? Math.round(v) : Number(v.toFixed(2)));
  };
  // For the browser test of the format (the page's only global).
  window.rampartMs = ms;
  const time = (ts) => new Date(num(ts)).toLocaleTimeString();
  // Only known actions/states become class names; anything else is shown but not styled.
  const actionClass = (a) => (KNOWN_ACTIONS.includes(a) ? `action action-${a}` : 'action');

  function renderTotals(totals) {
    $('total-requests').textContent = String(num(totals.requests));
    $('total-blocked').textContent = String(num(totals.blocked));
    $('total-flagged').textContent = String(num(totals.flagged));
    $('total-redacted').textContent = String(num(totals.redacted));
    $('total-errors').textContent = String(num(totals.errors));
  }

  function renderDecisions(recent) {
    const rows = recent.slice(0, MAX_ROWS).map((d) => {
      const tr = el('tr', null, null, { id: d.id, action: d.action, stage: d.stage });
      tr.append(
        el('td', time(d.ts)),
        el('td', d.route),
        el('td', d.model, 'wrap'),
        el('td', d.stage),
        el('td', d.action, actionClass(d.action), { testid: 'action' }),
        el('td', (d.categories || []).join(', '), 'categories', { testid: 'categories' }),
        el('td', ms(d.latencyMs), 'num'),
        el('td', d.status, 'num'),
        // The id the gateway sent in the x-rampart-decision header (and the audit row's request id).
        el('td', d.id, 'decision-id', { testid: 'decision-id' }),
      );
      return tr;
    });
    $('decisions').tBodies[0].replaceChildren(...rows);
    $('decisions-empty').hidden = rows.length > 0;
  }

  function renderCategories(byCategory) {
    const kinds = ['blocked', 'flagged', 'redacted', 'approval'];
    const totalOf = (c) => kinds.reduce((sum, k) => sum + num(c[k]), 0);
    const max = byCategory.reduce((m, c) => Math.max(m, totalOf(c)), 0);
    const rows = byCategory
      .filter((c) => totalOf(c) > 0)
      .map((c) => {
        const row = el('div', null, 'bar-row', { category: c.category });
        const bar = el('div', null, 'bar');
        for (const k of kinds) {
          if (num(c[k]) === 0) continue;
          const seg = el('span', null, `seg ${k}`);
          // CSSOM property writes are allowed under style-src 'self' (unlike style attributes).
          seg.style.width = `${(num(c[k]) / max) * 100}%`;
          seg.title = `${k}: ${num(c[k])}`;
          bar.append(seg);
        }
        row.append(el('span', c.category, 'bar-label'), bar, el('span', totalOf(c), 'bar-count num'));
        return row;
      });
    $('category-chart').replaceChildren(...rows);
    $('categories-empty').hidden = rows.length > 0;
  }

  function renderScanners(scanners) {
    const rows = scanners.map((s) => {
      const tr = el('tr', null, null, { scanner: s.name });
      tr.append(
        el('td', s.name),
        el('td', num(s.count), 'num'),
        el('td', ms(s.meanMs), 'num'),
        el('td', ms(s.p50Ms), 'num'),
        el('td', ms(s.p99Ms), 'num'),
        el('td', ms(s.maxMs), 'num'),
      );
      return tr;
    });
    $('scanners').tBodies[0].replaceChildren(...rows);
  }

  function renderUpstreams(upstreams, error) {
    const rows = upstreams.map((u) => {
      const tr = el('tr', null, null, { upstream: u.name, state: u.state });
      const stateClass = CIRCUIT_STATES.includes(u.state) ? `circuit circuit-${u.state}` : 'circuit';
      tr.append(
        el('td', u.name, 'wrap'),
        el('td', u.state, stateClass),
        el('td', num(u.failures), 'num'),
        el('td', u.lastError || '', 'wrap'),
        el('td', u.lastLatencyMs === undefined ? '' : ms(u.lastLatencyMs), 'num'),
      );
      return tr;
    });
    $('upstreams').tBodies[0].replaceChildren(...rows);
    const note = $('upstreams-error');
    note.textContent = error || '';
    note.hidden = !error;
  }

  // Pending approvals: every field (tool name, session, reason, arguments) may be attacker-written text — the
  // arguments come from a model that read hostile data — so all of it is inserted with textContent.
  const answering = new Set();

  async function answer(id, verb) {
    answering.add(id);
    try {
      const res = await fetch(`api/dashboard/approvals/${encodeURIComponent(id)}/${verb}`, {
        method: 'POST',
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { 'x-rampart-dashboard': '1' },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      setConnection('error', `answer failed (${err instanceof Error ? err.message : 'error'})`);
    } finally {
      answering.delete(id);
      pollApprovals();
    }
  }

  function renderApprovals(data) {
    const body = $('approvals').querySelector('tbody');
    body.replaceChildren();
    const pending = Array.isArray(data.pending) ? data.pending : [];
    for (const p of pending.slice(0, MAX_ROWS)) {
      const tr = el('tr', undefined, undefined, { id: String(p.id) });
      tr.append(
        el('td', time(p.createdAt)),
        el('td', p.tool),
        el('td', p.sessionId),
        el('td', p.principal ? `${p.principal.type}::${p.principal.id}` : ''),
        el('td', p.reason),
      );
      const args = el('td');
      args.append(el('pre', JSON.stringify(p.args, null, 1), 'args'));
      tr.append(args, el('td', time(p.expiresAt)));
      const buttons = el('td');
      for (const [verb, label] of [
        ['approve', 'Approve'],
        ['deny', 'Deny'],
      ]) {
        const b = el('button', label, `answer-${verb}`, { verb });
        b.type = 'button';
        b.disabled = answering.has(p.id);
        b.addEventListener('click', () => {
          b.disabled = true;
          answer(String(p.id), verb);
        });
        buttons.append(b);
      }
      tr.append(buttons);
      body.append(tr);
    }
    const empty = $('approvals-empty');
    empty.textContent = data.enabled ? 'Nothing waits for approval.' : 'No approval queue on this gateway.';
    empty.hidden = pending.length > 0;
    $('approvals').hidden = pending.length === 0;
    document.body.dataset.approvalsLoaded = 'true';
  }

  async function pollApprovals() {
    try {
      const res = await fetch('api/dashboard/approvals', { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      renderApprovals(await res.json());
    } catch {
      // The main poll reports the connection state.
    }
  }

  function setConnection(state, text) {
    const node = $('connection');
    node.dataset.state = state;
    node.textContent = text;
  }

  function render(data) {
    const feed = data.feed;
    renderTotals(feed.totals);
    renderDecisions(feed.recent);
    renderCategories(feed.byCategory);
    renderScanners(feed.scanners);
    renderUpstreams(data.upstreams, data.upstreamsError);
    $('server-time').textContent = `updated ${time(data.serverTime)}`;
    document.body.dataset.loaded = 'true';
  }

  async function poll() {
    try {
      const res = await fetch('api/dashboard', { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      render(await res.json());
      setConnection('live', 'live');
      await pollApprovals();
    } catch (err) {
      setConnection('error', `disconnected (${err instanceof Error ? err.message : 'error'})`);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
