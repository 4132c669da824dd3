/*
 * The dashboard. Everything from the API is put on the page with textContent
 * (through h()), never innerHTML: review text is untrusted input.
 */
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var role = document.body.getAttribute('data-role');
  var RANK = { viewer: 0, agent: 1, lead: 2, admin: 3 };
  var can = function (needed) { return RANK[role] >= RANK[needed]; };
  var app = document.getElementById('app');

  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
      else node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function safeUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) { return null; }
  }
  function link(url, text) {
    var safe = safeUrl(url);
    return safe ? h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer nofollow' }, text || safe) : h('span', { class: 'muted' }, url || '');
  }
  function stars(r) {
    if (r === null || r === undefined) return h('span', { class: 'muted' }, '–');
    var n = Math.round(r), s = '';
    for (var i = 1; i <= 5; i++) s += i <= n ? '\u2605' : '\u2606';
    return h('span', { class: 'stars', title: r + ' / 5' }, s);
  }
  function fmt(v, unit) { return v === null || v === undefined ? '—' : v + (unit || ''); }
  function qs(obj) {
    var p = new URLSearchParams();
    Object.keys(obj).forEach(function (k) { if (obj[k] !== '' && obj[k] !== null && obj[k] !== undefined) p.set(k, obj[k]); });
    var s = p.toString();
    return s ? '?' + s : '';
  }
  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-CSRF-Token'] = csrf;
      init.body = JSON.stringify(body || {});
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data.error || 'HTTP ' + r.status);
        return data;
      });
    });
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function flash(msg, isError) {
    var old = document.getElementById('flash');
    if (old) old.remove();
    app.insertBefore(h('p', { id: 'flash', class: isError ? 'error' : 'muted', role: 'status' }, msg), app.children[1] || null);
  }
  function select(name, values, current, labelText, emptyLabel) {
    var s = h('select', { name: name, id: 'f-' + name }, h('option', { value: '' }, emptyLabel || 'any'));
    values.forEach(function (v) { append(s, h('option', { value: v, selected: v === current }, v)); });
    return h('label', null, labelText, s);
  }

  /* ---------- inbox ---------- */
  function inbox() {
    var state = { status: '', source: '', location: '', assignee: '', selected: null };
    var filters = h('form', { class: 'filters', id: 'inbox-filters' });
    var list = h('div', { class: 'panel', id: 'task-list' });
    var detail = h('div', { class: 'panel', id: 'task-detail' }, h('p', { class: 'muted' }, 'Pick a task.'));
    append(app, filters, h('div', { class: 'split' }, list, detail));
    api('GET', '/api/tasks/filters').then(function (f) {
      append(filters,
        select('status', ['all'].concat(f.statuses), '', 'Status', 'open work'),
        select('source', f.sources, '', 'Source'),
        select('location', f.locations, '', 'Location'),
        select('assignee', ['-'].concat(f.assignees), '', 'Assignee'));
      filters.addEventListener('change', function () {
        ['status', 'source', 'location', 'assignee'].forEach(function (k) { state[k] = filters.elements[k].value; });
        load();
      });
    });
    function load() {
      api('GET', '/api/tasks' + qs({ status: state.status, source: state.source, location: state.location, assignee: state.assignee, limit: 100 })).then(function (page) {
        clear(list);
        append(list, h('p', { class: 'muted' }, page.total + ' task(s), soonest due first'));
        var body = h('tbody');
        page.items.forEach(function (t) {
          append(body, h('tr', { class: 'task' + (t.overdue ? ' overdue' : '') + (t.id === state.selected ? ' selected' : ''), 'data-task-id': t.id, onclick: function () { state.selected = t.id; show(t.id); } },
            h('td', { class: 'due' }, t.due_at.slice(0, 16).replace('T', ' ')),
            h('td', null, t.priority), h('td', { class: 'status' }, t.status), h('td', null, stars(t.mention.rating)),
            h('td', null, t.mention.source, h('br'), h('span', { class: 'muted' }, t.mention.location || '')),
            h('td', { class: 'excerpt' }, t.mention.text.length > 120 ? t.mention.text.slice(0, 120) + '…' : t.mention.text),
            h('td', null, t.customer ? t.customer.name : '—', t.churn_risk !== null ? h('div', { class: 'muted' }, 'churn ' + Math.round(t.churn_risk * 100) + '%') : null),
            h('td', null, t.assignee || '—')));
        });
        append(list, h('table', null, h('thead', null, h('tr', null, ['Due', 'Priority', 'Status', 'Rating', 'Source', 'Review', 'Customer', 'Assignee'].map(function (c) { return h('th', null, c); }))), body));
      }).catch(function (e) { flash(e.message, true); });
    }
    function run(promise) {
      return promise.then(function (task) { flash('Saved.'); render(task); load(); }).catch(function (e) { flash(e.message, true); });
    }
    function show(id) { api('GET', '/api/tasks/' + id).then(render).catch(function (e) { flash(e.message, true); }); }
    function render(t) {
      clear(detail);
      var m = t.mention;
      append(detail,
        h('h2', null, 'Task ' + t.id + ' · ', h('span', { id: 'detail-status' }, t.status)),
        h('p', null, stars(m.rating), ' ', m.source, ' · ', m.location || '', ' · ', m.author || 'anonymous', ' · ', (m.published_at || '').slice(0, 10), ' · ', link(m.url, 'open source')),
        m.title ? h('h3', { class: 'review-title' }, m.title) : null,
        h('div', { class: 'review-text', id: 'review-text' }, m.text),
        h('p', null, h('strong', null, 'Why flagged: '), t.reason, ' (', t.rule, ', ', t.priority, ')'),
        m.sentiment ? h('p', null, h('strong', null, 'Sentiment: '), m.sentiment.label + (m.sentiment.score !== null ? ' (' + m.sentiment.score.toFixed(2) + ')' : ''), m.sentiment.reasons && m.sentiment.reasons.length ? h('span', { class: 'muted' }, ' — ' + m.sentiment.reasons.join('; ')) : null) : null,
        h('p', null, h('strong', null, 'Customer: '), t.customer ? t.customer.name + (t.customer.email ? ' · ' + t.customer.email : '') + (t.customer.phone ? ' · ' + t.customer.phone : '') : 'not matched', ' · ', h('strong', null, 'churn risk: '), t.churn_risk === null ? '—' : Math.round(t.churn_risk * 100) + '%'),
        h('p', null, h('strong', null, 'Due: '), t.due_at, ' · first contact: ', fmt(t.first_contact_at), ' · resolved: ', fmt(t.resolved_at)),
        t.suggestion ? h('p', { class: 'muted' }, 'Suggestion: ' + t.suggestion) : null,
        t.dispute ? h('p', null, h('strong', null, 'Dispute: '), t.dispute.status + ' — ' + (t.dispute.reason || '')) : null,
        t.reply_draft ? h('div', null, h('strong', null, 'Reply draft'), h('textarea', { id: 'reply-draft', rows: 4, style: 'width:100%', readonly: true, text: t.reply_draft })) : null);
      if (can('agent')) {
        var statusSel = h('select', { id: 'status-select' }, ['open', 'in_progress', 'contacted', 'resolved', 'no_contact'].map(function (s) { return h('option', { value: s, selected: s === t.status }, s); }));
        var statusNote = h('input', { id: 'status-note', placeholder: 'note (optional)' });
        var who = h('input', { id: 'assignee-input', placeholder: 'name', value: t.assignee || '' });
        var note = h('input', { id: 'note-input', placeholder: 'a note' });
        var reason = h('input', { id: 'dispute-reason', placeholder: 'why it is outside our control' });
        append(detail,
          h('div', { class: 'actions' }, h('label', null, 'Status', statusSel), statusNote, h('button', { class: 'primary', id: 'status-save', type: 'button', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/status', statusNote.value ? { status: statusSel.value, note: statusNote.value } : { status: statusSel.value })); } }, 'Change status')),
          h('div', { class: 'actions' }, who, h('button', { type: 'button', id: 'assign-save', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/assign', { assignee: who.value })); } }, 'Assign')),
          h('div', { class: 'actions' }, note, h('button', { type: 'button', id: 'note-save', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/notes', { note: note.value })); } }, 'Add note')),
          t.dispute && t.dispute.status === 'requested' ? null : h('div', { class: 'actions' }, reason, h('button', { type: 'button', id: 'dispute-save', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/dispute', { reason: reason.value })); } }, 'Dispute')));
      }
      if (can('lead') && t.dispute && t.dispute.status === 'requested') {
        append(detail, h('div', { class: 'actions' },
          h('button', { class: 'primary', type: 'button', id: 'dispute-approve', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/dispute/decision', { approve: true })); } }, 'Approve dispute'),
          h('button', { type: 'button', id: 'dispute-reject', onclick: function () { run(api('POST', '/api/tasks/' + t.id + '/dispute/decision', { approve: false })); } }, 'Reject dispute')));
      }
      append(detail, h('h3', null, 'History'), h('ul', { id: 'history' }, (t.events || []).map(function (e) {
        return h('li', null, e.at.slice(0, 16).replace('T', ' ') + ' ' + e.kind + (e.to ? ' → ' + e.to : '') + ' by ' + (e.actor || '?') + (e.note ? ': ' + e.note : ''));
      })));
    }
    load();
  }

  /* ---------- marketing ---------- */
  function marketing() {
    var state = 'candidate';
    var tabs = h('div', { class: 'actions' });
    var list = h('div', { class: 'panel', id: 'marketing-list' });
    var origin = location.origin;
    append(app, tabs, list, h('div', { class: 'panel' },
      h('h2', null, 'On the company site'),
      h('p', null, 'Feed: ', h('a', { href: '/api/public/reviews' }, 'JSON'), ' · ', h('a', { href: '/api/public/reviews.csv', id: 'csv-link' }, 'CSV'), ' · ', h('a', { href: '/api/public/reviews.jsonld' }, 'JSON-LD')),
      h('p', null, 'Widget (paste anywhere):'), h('pre', { id: 'widget-snippet' }, '<script src="' + origin + '/widget.js" data-limit="6" async></script>'),
      h('p', null, 'JSON-LD for the company page:'), h('pre', { id: 'jsonld-snippet' }, '…')));
    ['candidate', 'approved', 'hidden'].forEach(function (s) {
      append(tabs, h('button', { type: 'button', id: 'tab-' + s, onclick: function () { state = s; load(); } }, s));
    });
    function decide(id, action) {
      api('POST', '/api/marketing/reviews/' + id, { action: action }).then(function () { flash('Saved.'); load(); }).catch(function (e) { flash(e.message, true); });
    }
    function load() {
      // The public copy is cached for sites; the dashboard wants the one that reflects the last click.
      fetch('/api/public/reviews.jsonld?format=script', { cache: 'no-store' }).then(function (r) { return r.text(); }).then(function (t) { document.getElementById('jsonld-snippet').textContent = t; });
      api('GET', '/api/marketing/reviews' + qs({ state: state, limit: 100 })).then(function (page) {
        clear(list);
        append(list, h('p', { class: 'muted' }, page.total + ' ' + state + ' review(s)'));
        var body = h('tbody');
        page.items.forEach(function (r) {
          append(body, h('tr', { 'data-mention-id': r.id },
            h('td', null, stars(r.rating)), h('td', null, r.author || '—', h('br'), h('span', { class: 'muted' }, r.source + ' · ' + (r.location || ''))),
            h('td', { class: 'review-cell' }, r.title ? h('strong', null, r.title) : null, h('div', null, r.text), link(r.url, 'source')),
            h('td', null, can('lead') ? [
              state !== 'approved' ? h('button', { type: 'button', class: 'primary approve', onclick: function () { decide(r.id, 'approve'); } }, 'Approve') : null,
              state !== 'hidden' ? h('button', { type: 'button', class: 'hide', onclick: function () { decide(r.id, 'hide'); } }, 'Hide') : null,
            ] : null)));
        });
        append(list, h('table', null, body));
      }).catch(function (e) { flash(e.message, true); });
    }
    load();
  }

  /* ---------- analytics ---------- */
  var charts = [];
  function analytics() {
    var today = new Date().toISOString().slice(0, 10);
    var from = new Date(Date.now() - 89 * 864e5).toISOString().slice(0, 10);
    var form = h('form', { class: 'filters', id: 'analytics-filters' },
      h('label', null, 'From', h('input', { type: 'date', name: 'from', value: from })),
      h('label', null, 'To', h('input', { type: 'date', name: 'to', value: today })),
      h('label', null, 'Per', h('select', { name: 'granularity' }, ['day', 'week', 'month'].map(function (g) { return h('option', { value: g, selected: g === 'week' }, g); }))),
      h('label', null, 'Source', h('select', { name: 'source' }, h('option', { value: '' }, 'all'))),
      h('label', null, 'Location', h('select', { name: 'location' }, h('option', { value: '' }, 'all'))));
    var kpis = h('div', { class: 'kpis', id: 'kpis' });
    var grid = h('div', { class: 'charts' });
    append(app, form, kpis, grid);
    api('GET', '/api/tasks/filters').then(function (f) {
      f.sources.forEach(function (s) { append(form.elements.source, h('option', { value: s }, s)); });
      f.locations.forEach(function (s) { append(form.elements.location, h('option', { value: s }, s)); });
    });
    form.addEventListener('change', load);
    function params(extra) {
      var p = { from: form.elements.from.value, to: form.elements.to.value, granularity: form.elements.granularity.value, source: form.elements.source.value, location: form.elements.location.value };
      Object.keys(extra || {}).forEach(function (k) { p[k] = extra[k]; });
      return p;
    }
    function card(id, title, url) {
      var canvas = h('canvas', { id: 'chart-' + id });
      append(grid, h('div', { class: 'chart' }, h('h3', null, title, ' ', h('a', { href: url + (url.indexOf('?') < 0 ? '?' : '&') + 'format=csv', class: 'csv', id: 'csv-' + id, download: '' }, 'CSV')), canvas));
      return canvas;
    }
    function seriesBy(rows, valueKey) {
      var periods = Array.from(new Set(rows.map(function (r) { return r.period; }))).sort();
      var groups = Array.from(new Set(rows.map(function (r) { return r.group; })));
      return { labels: periods, datasets: groups.map(function (g) {
        return { label: g, spanGaps: true, data: periods.map(function (p) { var r = rows.find(function (x) { return x.period === p && x.group === g; }); return r ? r[valueKey] : null; }) };
      }) };
    }
    function draw(canvas, type, data, options) {
      if (typeof Chart === 'undefined') return;
      charts.push(new Chart(canvas, { type: type, data: data, options: Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, options || {}) }));
    }
    function load() {
      charts.forEach(function (c) { c.destroy(); });
      charts = [];
      clear(kpis);
      clear(grid);
      api('GET', '/api/analytics/summary' + qs(params())).then(function (s) {
        var k = s.summary;
        [['volume', 'Mentions', ''], ['avg_rating', 'Average rating', ' ★'], ['nrr_brand', 'NRR, brand', ' %'], ['nrr_team', 'NRR, team', ' %'], ['positive_share', 'Positive share', ' %'],
          ['avg_hours_to_first_contact', 'Time to first contact', ' h'], ['within_sla_share', 'Contacted within SLA', ' %'], ['tasks', 'Tasks', '']].forEach(function (x) {
          append(kpis, h('div', { class: 'kpi', id: 'kpi-' + x[0] }, h('div', { class: 'muted' }, x[1]), h('div', { class: 'value' }, fmt(k[x[0]], x[2]))));
        });
        append(kpis, h('div', { class: 'kpi' }, h('a', { href: '/api/analytics/summary' + qs(params({ format: 'csv' })), id: 'csv-summary' }, 'Summary CSV')));
      }).catch(function (e) { flash(e.message, true); });
      var bySource = '/api/analytics/ratings' + qs(params({ group: 'source' }));
      var byLocation = '/api/analytics/ratings' + qs(params({ group: 'location' }));
      var overall = '/api/analytics/ratings' + qs(params({ group: 'none' }));
      var contact = '/api/analytics/contact' + qs(params());
      var tags = '/api/analytics/tags' + qs(params());
      var c1 = card('rating-source', 'Average rating per source', bySource);
      var c2 = card('volume-source', 'Volume per source', bySource);
      var c3 = card('rating-location', 'Average rating per location', byLocation);
      var c4 = card('nrr', 'NRR and positive share, %', overall);
      var c5 = card('contact', 'Time to first contact (h) and within SLA (%)', contact);
      var c6 = card('tags', 'Top tags of negatives per week', tags);
      api('GET', bySource).then(function (d) {
        draw(c1, 'line', seriesBy(d.rows, 'avg_rating'), { scales: { y: { min: 1, max: 5 } } });
        draw(c2, 'bar', seriesBy(d.rows, 'volume'), { scales: { x: { stacked: true }, y: { stacked: true } } });
      });
      api('GET', byLocation).then(function (d) { draw(c3, 'line', seriesBy(d.rows, 'avg_rating'), { scales: { y: { min: 1, max: 5 } } }); });
      api('GET', overall).then(function (d) {
        var labels = d.rows.map(function (r) { return r.period; });
        draw(c4, 'line', { labels: labels, datasets: [
          { label: 'NRR brand', data: d.rows.map(function (r) { return r.nrr_brand; }) },
          { label: 'NRR team', data: d.rows.map(function (r) { return r.nrr_team; }) },
          { label: 'positive share', data: d.rows.map(function (r) { return r.positive_share; }) }] });
      });
      api('GET', contact).then(function (d) {
        draw(c5, 'bar', { labels: d.rows.map(function (r) { return r.period; }), datasets: [
          { label: 'hours to first contact', data: d.rows.map(function (r) { return r.avg_hours_to_first_contact; }) },
          { label: 'within SLA %', type: 'line', data: d.rows.map(function (r) { return r.within_sla_share; }) }] });
      });
      api('GET', tags).then(function (d) {
        var weeks = Array.from(new Set(d.rows.map(function (r) { return r.week; }))).sort();
        var names = Array.from(new Set(d.rows.map(function (r) { return r.tag; })));
        draw(c6, 'bar', { labels: weeks, datasets: names.map(function (t) {
          return { label: t, data: weeks.map(function (w) { return d.rows.filter(function (r) { return r.week === w && r.tag === t; }).reduce(function (n, r) { return n + r.negatives; }, 0); }) };
        }) }, { scales: { x: { stacked: true }, y: { stacked: true } } });
        var table = h('table', { id: 'tags-table' }, h('tr', null, ['Week', 'Source', 'Tag', 'Negatives'].map(function (c) { return h('th', null, c); })),
          d.rows.map(function (r) { return h('tr', null, h('td', null, r.week), h('td', null, r.source), h('td', null, r.tag), h('td', null, r.negatives)); }));
        c6.parentNode.appendChild(table);
      });
    }
    load();
  }

  /* ---------- sources ---------- */
  function sources() {
    var box = h('div', { class: 'panel', id: 'sources' });
    append(app, h('p', null, h('a', { href: '/api/sources?format=csv' }, 'CSV')), box);
    api('GET', '/api/sources').then(function (d) {
      var cols = ['id', 'source', 'health', 'last_crawl_at', 'last_ok_at', 'last_status', 'last_items_seen', 'last_items_new', 'items_found', 'runs', 'failed_runs', 'last_error'];
      append(box, h('table', null, h('tr', null, cols.map(function (c) { return h('th', null, c.replace(/_/g, ' ')); })),
        d.rows.map(function (r) {
          return h('tr', { 'data-target-id': r.id }, cols.map(function (c) { return h('td', c === 'health' ? { class: 'health-' + r.health } : null, r[c] === null ? '—' : r[c]); }));
        })));
    }).catch(function (e) { flash(e.message, true); });
  }

  var pages = { inbox: inbox, marketing: marketing, analytics: analytics, sources: sources };
  var page = pages[document.body.getAttribute('data-page')];
  if (page) page();
})();
