import type { Config } from '../config.ts';
import type { LoopLog } from '../ops/outage-log.ts';
import type { Db } from '../store/db.ts';
import { FaultRules } from './fault-rules.ts';
import { Journal } from './journal.ts';

/**
 * One server's part of the sandbox: its copy of the fault rules and its request journal (null with
 * `JOURNAL_SIZE=0`). Built once in buildServer and handed to the dialects (which apply faults and are journaled)
 * and to the admin API (whose writes take effect at once on this node).
 */
export interface Sandbox {
  faults: FaultRules;
  journal: Journal | null;
}

export function createSandbox(db: Db, config: Config, log: LoopLog): Sandbox {
  return {
    faults: new FaultRules(db),
    journal: config.journalSize > 0 ? new Journal(db, config.journalSize, log) : null,
  };
}
