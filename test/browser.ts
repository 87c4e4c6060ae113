import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run), driven by playwright-core: the browser of every page test. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why a page test is skipped: no Chromium here, outside CI (on CI a missing browser fails instead). */
export const SKIP_WITHOUT_BROWSER = !existsSync(CHROMIUM) && !process.env.CI && `no ${CHROMIUM}`;

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
