import type { Generated } from 'kysely';

export interface AdminTokenTable {
  id: Generated<number>;
  name: string;
  /** The first characters of the token, kept in clear so that a token can be recognised in a list. */
  prefix: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AdminTables {
  admin_tokens: AdminTokenTable;
}
