import { describe, expect, it } from 'vitest';
import { alertHtml, alertLines, alertPriority, alertTags, alertTitle, redact, safeLink, stars, truncate } from '../../../src/act/channels/format.ts';
import { everyKind, flagged, HOSTILE, mention } from './fixtures.ts';

describe('channel text formatting', () => {
  it('draws stars and cuts long text by character, keeping Russian and English as they are', () => {
    expect(stars(2)).toBe('★★☆☆☆');
    expect(stars(4.6)).toBe('★★★★★');
    expect(stars(null)).toBe('');
    const long = 'Ужасно '.repeat(200);
    const cut = truncate(long, 600);
    expect(Array.from(cut)).toHaveLength(600);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncate('Холодный кофе. Cold coffee.')).toBe('Холодный кофе. Cold coffee.');
    expect(Array.from(truncate('😡'.repeat(10), 3))).toEqual(['😡', '😡', '…']);
  });

  it('titles a flagged review with its rating, label, source and title or first words', () => {
    expect(alertTitle(flagged({ mention: mention({ title: 'Ужасный сервис' }) }))).toBe('1★ negative review on generic-html: Ужасный сервис');
    const title = alertTitle(flagged({ mention: mention({ text: 'Очень долго ждали заказ, а потом ещё и нахамили на кассе, никогда больше не придём сюда' }) }));
    expect(title).toMatch(/^1★ negative review on generic-html: Очень долго ждали заказ, а потом ещё и нахамили на кассе,…$/);
    expect(alertTitle(flagged({ mention: mention({ rating: null, text: 'line one\nline two' }) }))).toBe('negative mention on generic-html: line one line two');
  });

  it('formats every alert kind as text and escaped HTML', () => {
    for (const message of everyKind) {
      const lines = alertLines(message);
      expect(lines[0], message.kind).toBe(alertTitle(message));
      expect(lines.length, message.kind).toBeGreaterThan(2);
      const html = alertHtml(message);
      expect(html, message.kind).not.toMatch(/<script|<div|<!channel|<b>\s*<\/b>/);
    }
    expect(alertTitle(everyKind[1]!)).toBe('daily digest: 2 flagged mentions');
    expect(alertLines(everyKind[1]!).join('\n')).toContain('2. 2★ negative review on generic-html: Never again');
    expect(alertTitle(everyKind[2]!)).toBe('source generic-html for shop is layout_changed (was ok)');
    expect(alertTitle(everyKind[3]!)).toBe('12 negative mentions of shop in 6 h');
    expect(alertTitle(everyKind[4]!)).toBe('average rating of shop dropped by 0.75');
    expect(alertTitle(everyKind[5]!)).toMatch(/^SLA breached on task #42: Кофе холодный/);
  });

  it('keeps review text as text: quoted in plain lines, escaped in HTML', () => {
    const text = alertLines(flagged()).join('\n');
    expect(text).toContain(`> ${HOSTILE}`);
    expect(text).toContain('★☆☆☆☆ (1/5)');
    expect(text).toContain('Task: #42');
    const html = alertHtml(flagged());
    expect(html).toContain('Кофе холодный &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp; &#39;apostrophes&#39;');
    expect(html).toContain('<b>Author:</b> Иван &lt;b&gt;');
    expect(html).toContain('<a href="https://reviews.example/r/7?a=1&amp;b=2">');
  });

  it('links only http(s) URLs', () => {
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(alertHtml(flagged({ mention: mention({ url: 'javascript:alert(1)' }) }))).not.toContain('javascript:');
  });

  it('turns alerts into ticket priorities and filter-friendly tags', () => {
    expect(everyKind.map(alertPriority)).toEqual(['high', 'urgent', 'normal', 'high', 'high', 'high']);
    expect(alertTags(flagged())).toEqual(['repwatch', 'repwatch_mention_flagged', 'low-rating', 'generic-html', 'shop']);
  });

  it('redacts secrets, also URL-encoded', () => {
    expect(redact('GET /bot12:a/b?x=12%3Aa%2Fb', ['12:a/b'])).toBe('GET /bot[redacted]?x=[redacted]');
  });
});
