import { existsSync } from 'node:fs';

/** Flags this machine's Chromium needs: no sandbox as root, no background calls to the closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const INSTALL_HINT = 'no Chromium found: install it with `apt-get install -y chromium` (or set chromium_path / REPWATCH_CHROMIUM) to crawl JavaScript-rendered pages';

/** The system browser; repwatch never downloads one of its own. */
export function findChromium(explicit?: string): string | null {
  const candidates = explicit ? [explicit] : CANDIDATES;
  return candidates.find((path) => existsSync(path)) ?? null;
}
