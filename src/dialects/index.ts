import type { Dialect } from './types.ts';
import { netstorming } from './netstorming/plugin.ts';
import { virtpos } from './virtpos/plugin.ts';
import { zak } from './zak/plugin.ts';

/** Every dialect the server speaks, each mounted under its own paths. */
export const dialects: Dialect[] = [zak, netstorming, virtpos];
