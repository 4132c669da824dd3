/*
 * repwatch reviews widget. Embed with one tag:
 *   <script src="https://YOUR-REPWATCH/widget.js" data-limit="6" async></script>
 * Optional: data-target="element-id" renders into that element instead of after the tag.
 * Review text comes from the internet: it is only ever set as text, never as HTML,
 * and only http(s) links become links.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(script.src, document.baseURI).origin;
  var limit = Math.min(Math.max(parseInt(script.getAttribute('data-limit') || '6', 10) || 6, 1), 50);
  var targetId = script.getAttribute('data-target');
  var host = (targetId && document.getElementById(targetId)) || null;
  if (!host) {
    host = document.createElement('div');
    script.parentNode.insertBefore(host, script.nextSibling);
  }
  host.classList.add('repwatch-widget');
  // A shadow root keeps the host page's CSS out and ours in.
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function safeUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function stars(rating) {
    var n = Math.round(Number(rating) || 0);
    var s = '';
    for (var i = 1; i <= 5; i++) s += i <= n ? '\u2605' : '\u2606';
    return s;
  }

  var style = el('style');
  style.textContent =
    ':host{display:block;font:14px/1.4 system-ui,sans-serif;color:#222}' +
    '.rw-list{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}' +
    '.rw-review{border:1px solid #ddd;border-radius:8px;padding:12px;background:#fff}' +
    '.rw-stars{color:#f5a623;font-size:16px;letter-spacing:1px}.rw-author{font-weight:600}' +
    '.rw-meta{color:#777;font-size:12px}.rw-summary{margin:0 0 8px}';
  root.appendChild(style);

  fetch(base + '/api/public/reviews?limit=' + limit, { credentials: 'omit' })
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    })
    .then(function (feed) {
      if (feed.aggregate && feed.aggregate.rating_value !== null) {
        var summary = el('p', 'rw-summary');
        summary.appendChild(el('span', 'rw-stars', stars(feed.aggregate.rating_value)));
        summary.appendChild(document.createTextNode(' ' + feed.aggregate.rating_value + ' / 5 \u00b7 ' + feed.aggregate.review_count + ' reviews'));
        root.appendChild(summary);
      }
      var list = el('div', 'rw-list');
      (feed.reviews || []).forEach(function (review) {
        var card = el('article', 'rw-review');
        var starLine = el('div', 'rw-stars', stars(review.rating));
        starLine.setAttribute('aria-label', (review.rating || 0) + ' out of 5');
        card.appendChild(starLine);
        if (review.title) card.appendChild(el('div', 'rw-title', review.title));
        card.appendChild(el('p', 'rw-text', review.text));
        var meta = el('div', 'rw-meta');
        meta.appendChild(el('span', 'rw-author', review.author || 'Anonymous'));
        if (review.published_at) meta.appendChild(document.createTextNode(' \u00b7 ' + String(review.published_at).slice(0, 10)));
        var link = safeUrl(review.url);
        if (link) {
          var a = el('a', 'rw-link', 'source');
          a.href = link;
          a.rel = 'nofollow noopener noreferrer ugc';
          a.target = '_blank';
          meta.appendChild(document.createTextNode(' \u00b7 '));
          meta.appendChild(a);
        }
        card.appendChild(meta);
        list.appendChild(card);
      });
      root.appendChild(list);
      host.setAttribute('data-state', 'ready');
    })
    .catch(function () {
      host.setAttribute('data-state', 'error');
    });
})();
