import { readFileSync } from 'node:fs';

/** This build's version, from package.json: printed by `clientele --version`, logged at start. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
