import { phoneKey, emailKey } from '../../../src/core/phones.ts';
import { insertCustomersInBulk } from '../../../src/store/customer-bulk.ts';
import type { Db } from '../../../src/store/db.ts';

/** A virtpos URL with its query string; `apikey` first, as the vendor's examples write it. */
export function url(base: string, path: string, query: Record<string, string>): string {
  return `${base}${path}?${new URLSearchParams(query).toString()}`;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text of every `<tag>` element in document order (empty elements as ''), entities decoded. */
export function xmlValues(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}>([^<]*)</${tag}>|<${tag}/>`, 'g');
  return [...xml.matchAll(pattern)].map((m) =>
    (m[1] ?? '').replace(/&(\w+);/g, (_, e: string) => ENTITIES[e] ?? '?'),
  );
}

/** Element names of a document in order: the structure a golden file pins down. */
export function xmlElementNames(xml: string): string[] {
  return [...xml.matchAll(/<([a-z_]+)\/?>/g)].map((m) => m[1] ?? '');
}

/** Full years on today's UTC date, computed independently of the server's own function. */
export function ageToday(birthday: string): number {
  const now = new Date();
  const birth = new Date(`${birthday}T00:00:00Z`);
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** `n` customers named `Name<i>`/`Surname<i>`, the i-th with phone `+7 900 000-<i>` when `phones` is set. */
export async function seedCustomers(
  db: Db,
  tenantId: number,
  n: number,
  options: { phones?: boolean; emails?: boolean } = {},
): Promise<void> {
  const at = new Date().toISOString();
  function* rows() {
    for (let i = 1; i <= n; i++) {
      const phone = options.phones ? `+7 900 ${String(i).padStart(7, '0')}` : null;
      const email = options.emails ? `User${i}@Example.com` : null;
      yield {
        tenant_id: tenantId,
        name: `Name${i}`,
        surname: `Surname${i}`,
        phone,
        phone_key: phoneKey(phone),
        email,
        email_key: emailKey(email),
        created_at: at,
        updated_at: at,
      };
    }
  }
  await insertCustomersInBulk(db, rows());
}
