import type { Generated } from 'kysely';

export interface SandboxClockTable {
  tenant_id: number;
  /** A pinned day (YYYY-MM-DD), or null. */
  today: string | null;
  /** Whole days added to the real clock, or null. */
  offset_days: number | null;
  set_at: string;
}

export interface SandboxFaultTable {
  id: Generated<number>;
  tenant_id: number;
  /** `zak:reservations/new`, `virtpos:update`, `netstorming:insert` or `*`. */
  call: string;
  status: number;
  body: string | null;
  latency_ms: number;
  probability: number;
  times_left: number | null;
  /** 1: drop the connection instead of answering. */
  reset: number;
  created_at: string;
}

export interface RequestJournalTable {
  id: Generated<number>;
  tenant_id: number;
  at: string;
  dialect: string;
  call: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  request_body: string | null;
  reply_body: string | null;
}

export interface SandboxTables {
  sandbox_clocks: SandboxClockTable;
  sandbox_faults: SandboxFaultTable;
  request_journal: RequestJournalTable;
}
