/** A reply stored under an Idempotency-Key, replayed to a repeat of its request until `expires_at`. */
export interface IdempotencyKeyTable {
  /** 0 for admin calls that name no tenant. */
  tenant_id: number;
  key: string;
  /** A hash of the request's method, path and parsed parameters (src/core/idempotency.ts). */
  fingerprint: string;
  /** `POST /kp/reservations/new`: for people reading the table. */
  call: string;
  status: number;
  /** The reply's headers that are replayed, as a JSON object (its content type). */
  headers: string;
  /** Sealed with the data key `body_key_id` (src/core/data-keys.ts); in clear when null (stored before 054). */
  body: string;
  body_key_id: number | null;
  created_at: string;
  expires_at: string;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeyTable;
}
