import type { CreateTableBuilder, Kysely } from 'kysely';
import { kindOf } from '../db.ts';

/** Adds an auto-incrementing integer primary key `id`, spelled the way each database wants it. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return kindOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** The same with a 64-bit key on PostgreSQL, for tables that only grow (SQLite's integer keys are 64-bit already). */
export function withBigId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return kindOf(db) === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
