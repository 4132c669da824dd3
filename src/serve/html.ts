import { escapeHtml } from '../text/escape-html.ts';

export { escapeHtml };

/** No inline script anywhere: even a missed escape could not run code. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const NAV = [
  { path: '/inbox', label: 'Inbox' },
  { path: '/marketing', label: 'Marketing' },
  { path: '/analytics', label: 'Analytics' },
  { path: '/sources', label: 'Sources' },
] as const;

export function pageHtml(page: { path: string; title: string; user: { name: string; role: string }; csrf: string; charts: boolean }): string {
  const nav = NAV.map((n) => `<a href="${n.path}"${n.path === page.path ? ' aria-current="page"' : ''}>${n.label}</a>`).join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeHtml(page.csrf)}">
<title>repwatch · ${escapeHtml(page.title)}</title><link rel="stylesheet" href="/assets/app.css"></head>
<body data-page="${escapeHtml(page.path.slice(1))}" data-role="${escapeHtml(page.user.role)}">
<header><strong>repwatch</strong> <nav>${nav}</nav>
<span class="who">${escapeHtml(page.user.name)} (${escapeHtml(page.user.role)})</span>
<form method="post" action="/logout" class="logout"><input type="hidden" name="_csrf" value="${escapeHtml(page.csrf)}"><button type="submit">Log out</button></form></header>
<main id="app"><h1>${escapeHtml(page.title)}</h1></main>
${page.charts ? '<script src="/assets/chart.umd.js"></script>\n' : ''}<script src="/assets/app.js"></script>
</body></html>`;
}

export function loginHtml(error: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>repwatch · Log in</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="login"><main><h1>repwatch</h1>
<form method="post" action="/login"><label>API token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Log in</button></form>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p class="hint">Create one with <code>repwatch token create --role agent --name you</code>.</p></main></body></html>`;
}
