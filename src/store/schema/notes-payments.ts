import type { Generated } from 'kysely';

export interface ReservationNoteTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  remarks: string;
  created_at: string;
}

export interface ReservationPaymentTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  /** The payment's calendar day (ISO). */
  day: string;
  amount_cents: number;
  currency: string;
  pay_type: string;
  remarks: string;
  created_at: string;
}

export interface NotePaymentTables {
  reservation_notes: ReservationNoteTable;
  reservation_payments: ReservationPaymentTable;
}
