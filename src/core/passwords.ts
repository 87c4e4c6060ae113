import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * Agency passwords are stored only as scrypt hashes, `scrypt$N$r$p$salt$hash` (salt and hash base64url).
 * scrypt is memory-hard: N=16384, r=8 needs 16 MiB per hash (128·N·r bytes) and about 40 ms of one core, which
 * is what makes a leaked table expensive to attack. N comes from configuration (PASSWORD_SCRYPT_N) and is
 * written into every hash, so raising it later leaves old hashes verifiable.
 */
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Hashes in flight at once: one per core, so that a Netstorming insert, whose cost is its hashes, uses the whole
 * machine. Node's async scrypt runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise),
 * off the event loop, which keeps serving other requests between its turns. The queue is bounded: a batch hashes
 * its chunk of at most 100 items with this many in flight, never its whole list at once.
 */
export const HASH_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, N, SCRYPT_R, SCRYPT_P);
  return ['scrypt', N, SCRYPT_R, SCRYPT_P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Hashes every password, at most `concurrency` at a time; the result is in input order. */
export async function hashPasswords(
  passwords: string[],
  N: number,
  concurrency = HASH_CONCURRENCY,
): Promise<string[]> {
  const hashes = new Array<string>(passwords.length);
  let next = 0;
  const worker = async () => {
    while (next < passwords.length) {
      const index = next++;
      hashes[index] = await hashPassword(passwords[index] as string, N);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, passwords.length) }, worker));
  return hashes;
}
