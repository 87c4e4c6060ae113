import type { Migration } from 'kysely';
import * as core from './001_core.ts';
import * as inventory from './010_inventory.ts';
import * as reservations from './011_reservations.ts';
import * as agencies from './020_agencies.ts';
import * as cards from './030_cards.ts';
import * as notesPayments from './040_notes_payments.ts';
import * as rates from './045_rates.ts';
import * as adminTokens from './046_admin_tokens.ts';
import * as adminSearch from './047_admin_search.ts';
import * as tenantCountry from './048_tenant_country.ts';
import * as documentEncryption from './049_document_encryption.ts';
import * as outboxWebhooks from './050_outbox_webhooks.ts';
import * as idempotencyKeys from './051_idempotency_keys.ts';
import * as sandbox from './052_sandbox.ts';
import * as documentsByCustomer from './053_documents_by_customer.ts';
import * as idempotencySealed from './054_idempotency_sealed.ts';
import * as webhookSecretsSealed from './055_webhook_secrets_sealed.ts';
import * as phoneKeys00 from './056_phone_keys_00.ts';
import * as erasedStandIn from './057_erased_stand_in.ts';

/** Every migration, in order. Names are numbered so both databases apply them in the same sequence. */
export const migrations: Record<string, Migration> = {
  '001_core': core,
  '010_inventory': inventory,
  '011_reservations': reservations,
  '020_agencies': agencies,
  '030_cards': cards,
  '040_notes_payments': notesPayments,
  '045_rates': rates,
  '046_admin_tokens': adminTokens,
  '047_admin_search': adminSearch,
  '048_tenant_country': tenantCountry,
  '049_document_encryption': documentEncryption,
  '050_outbox_webhooks': outboxWebhooks,
  '051_idempotency_keys': idempotencyKeys,
  '052_sandbox': sandbox,
  '053_documents_by_customer': documentsByCustomer,
  '054_idempotency_sealed': idempotencySealed,
  '055_webhook_secrets_sealed': webhookSecretsSealed,
  '056_phone_keys_00': phoneKeys00,
  '057_erased_stand_in': erasedStandIn,
};
