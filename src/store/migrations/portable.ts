import type { CreateTableBuilder, Kysely } from 'kysely';
import { kindOf } from '../db.ts';

/** Adds an auto-incrementing integer primary key `id`, spelled the way each database wants it. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return kindOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
