import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFileOnce, replaceFile } from '../lib/file-writes.ts';

// The keys that protect identity documents at rest. One file (DATA_KEY_FILE, readable by its owner only) holds:
// `index`, the HMAC key of the blind index that finds a document by its number without decrypting anything, and
// `keys`, the AES-256-GCM data keys by id; the highest id encrypts, the others still decrypt the rows they wrote
// until `clientele data-key rotate` has moved every row to the newest. The file is read again when it changes, so a
// rotation run beside a server is seen by the server within a second.

export class DataKeyError extends Error {}

const KEY_BYTES = 32;
const RECHECK_MS = 1000;

interface KeyFile {
  index: string;
  keys: Array<{ id: number; key: string }>;
}

interface Keyring {
  path: string;
  index: Buffer;
  keys: Map<number, Buffer>;
  currentId: number;
  mtimeMs: number;
  checkedAt: number;
}

let active: Keyring | undefined;

function decodeKey(value: unknown, what: string, path: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length !== KEY_BYTES)
    throw new DataKeyError(`${path}: ${what} must be ${KEY_BYTES} bytes in base64`);
  return bytes;
}

function read(path: string): Keyring {
  const stat = statSync(path);
  if ((stat.mode & 0o077) !== 0) {
    throw new DataKeyError(`${path} must be readable by its owner only (chmod 600 ${path})`);
  }
  let file: KeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch {
    throw new DataKeyError(`${path} is not a data key file (JSON with "index" and "keys")`);
  }
  if (!Array.isArray(file?.keys) || file.keys.length === 0)
    throw new DataKeyError(`${path}: no data key in "keys"`);
  const keys = new Map<number, Buffer>();
  for (const entry of file.keys) {
    if (!Number.isSafeInteger(entry?.id) || entry.id < 1)
      throw new DataKeyError(`${path}: a key id must be 1 or more`);
    keys.set(entry.id, decodeKey(entry.key, `key ${entry.id}`, path));
  }
  return {
    path,
    index: decodeKey(file.index, 'index', path),
    keys,
    currentId: Math.max(...keys.keys()),
    mtimeMs: stat.mtimeMs,
    checkedAt: Date.now(),
  };
}

const text = (file: KeyFile) => `${JSON.stringify(file, null, 2)}\n`;

const newKey = () => randomBytes(KEY_BYTES).toString('base64');

/**
 * Loads the key file (creating it when missing) and makes it the process's keyring; `created` says whether this
 * call made it. Of two processes starting at once on a missing file, one makes it and both use it.
 */
export function openDataKeys(path: string): { path: string; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    created = createFileOnce(path, text({ index: newKey(), keys: [{ id: 1, key: newKey() }] }), 0o600);
  }
  active = read(path);
  return { path, created };
}

/**
 * Adds a data key to the file, which becomes the one that encrypts; returns its id. The file is replaced in one
 * step: a server that reads it meanwhile, or a rotation killed meanwhile, sees the old keys or the new, never half.
 * One writer at a time: `clientele data-key rotate` holds the file's lock (commands/data-key.ts).
 */
export function addDataKey(path: string): number {
  const current = read(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  const id = current.currentId + 1;
  replaceFile(path, text({ index: file.index, keys: [...file.keys, { id, key: newKey() }] }), 0o600);
  active = read(path);
  return id;
}

function keyring(): Keyring {
  if (!active) throw new DataKeyError('no data key file is open');
  const now = Date.now();
  if (now - active.checkedAt >= RECHECK_MS) {
    active.checkedAt = now;
    if (statSync(active.path).mtimeMs !== active.mtimeMs) active = read(active.path);
  }
  return active;
}

function keyOf(id: number): Buffer {
  let ring = keyring();
  if (!ring.keys.has(id)) ring = active = read(ring.path);
  const key = ring.keys.get(id);
  if (!key)
    throw new DataKeyError(`a document is encrypted with data key ${id}, which ${ring.path} does not hold`);
  return key;
}

export const currentKeyId = (): number => keyring().currentId;

/** Whether the open key file holds every key id in `ids`; the first missing one otherwise. */
export function missingKeyId(ids: number[]): number | undefined {
  const ring = keyring();
  return ids.find((id) => !ring.keys.has(id));
}

/** The blind index of a document number inside a tenant: an HMAC, equal for equal numbers (spaces and case aside). */
export function blindIndex(tenantId: number, number: string): string {
  const normal = number.replace(/\s+/g, '').toUpperCase();
  return createHmac('sha256', keyring().index).update(`${tenantId}:${normal}`).digest('base64url');
}

/**
 * `text` encrypted with the current data key, bound to the tenant (so a value copied to another tenant's row does
 * not decrypt): base64url of IV, ciphertext and tag, dot-separated.
 */
export function seal(tenantId: number, text: string): { value: string; keyId: number } {
  const keyId = currentKeyId();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keyId), iv);
  cipher.setAAD(Buffer.from(String(tenantId)));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { value: [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.'), keyId };
}

/** `value` (from `seal`) in clear, with the key `keyId` and bound to `tenantId`. */
export function open(tenantId: number, keyId: number, value: string): string {
  const [iv, body, tag] = value.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyOf(keyId), iv!);
  decipher.setAAD(Buffer.from(String(tenantId)));
  decipher.setAuthTag(tag!);
  try {
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  } catch {
    throw new DataKeyError(`a document does not decrypt with data key ${keyId}: wrong key file?`);
  }
}
