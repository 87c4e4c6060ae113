import type { AdminTables } from './schema/admin.ts';
import type { AgencyTables } from './schema/agencies.ts';
import type { CardTables } from './schema/cards.ts';
import type { CoreTables } from './schema/core.ts';
import type { GuestDataTables } from './schema/guest-data.ts';
import type { IdempotencyTables } from './schema/idempotency.ts';
import type { NotePaymentTables } from './schema/notes-payments.ts';
import type { RateTables } from './schema/rates.ts';
import type { ReservationTables } from './schema/reservations.ts';
import type { SandboxTables } from './schema/sandbox.ts';
import type { WebhookTables } from './schema/webhooks.ts';

/**
 * Every table of the store. Each aggregate declares its tables in schema/<aggregate>.ts and is added here:
 * `export type Database = CoreTables & ReservationTables & …`.
 */
export type Database = CoreTables &
  ReservationTables &
  AgencyTables &
  CardTables &
  GuestDataTables &
  NotePaymentTables &
  RateTables &
  AdminTables &
  WebhookTables &
  SandboxTables &
  IdempotencyTables;
