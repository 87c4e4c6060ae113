import { addDataKey, currentKeyId, openDataKeys } from '../core/data-keys.ts';
import { sealDocuments, documentsLeft } from '../core/document-seal.ts';
import { sealSecrets, secretsLeft } from '../core/webhook-secrets.ts';
import { LockedError, withLockFile } from '../lib/lock-file.ts';
import { CommandFailed, UsageError, command, parse } from './args.ts';
import { openServersDataKeys, withStore } from './store.ts';

const USAGE = 'data-key rotate [--json]';

/**
 * `data-key rotate`: adds a data key to DATA_KEY_FILE and re-encrypts every document with it, in batches, then
 * every webhook signing secret, in one transaction (few rows), while servers keep running (they read the file again
 * when it changes). A rotation that was interrupted is finished by running the command again: documents or secrets
 * left under an older key say so, and it continues with the key it had added instead of adding another. One
 * rotation at a time: two would each add a key under the same id, and the rows of the key that lost the file would
 * never decrypt again. The lock file beside the key file says who rotates; a killed rotation's is taken over.
 */
async function rotate(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rotate') throw new UsageError(`usage: clientele ${USAGE}`);
  const { values } = parse(rest, { json: { type: 'boolean' } }, USAGE);
  return withStore(async (db, config) => {
    const path = config.dataKeyFile;
    openServersDataKeys(config);
    const { keyId, moved, secrets, resumed } = await withLockFile(`${path}.lock`, async () => {
      // Read again under the lock: a rotation that held it until now has added a key since.
      openDataKeys(path);
      // Rows outside the newest key, documents or webhook secrets: a rotation that was interrupted.
      const left = (await documentsLeft(db, currentKeyId())) + (await secretsLeft(db, currentKeyId()));
      const resumed = left > 0 && currentKeyId() > 1;
      const keyId = resumed ? currentKeyId() : addDataKey(path);
      const moved = await sealDocuments(db, (n) => {
        if (!values.json) process.stderr.write(`re-encrypted ${n} documents\r`);
      });
      const secrets = await sealSecrets(db);
      return { keyId, moved, secrets, resumed };
    }).catch((error: unknown) => {
      if (error instanceof LockedError)
        throw new CommandFailed(`another data-key rotate is running (${error.message}): let it finish`);
      throw error;
    });
    if (values.json)
      console.log(JSON.stringify({ key: keyId, documents: moved, webhooks: secrets, resumed }));
    else
      console.log(
        `${resumed ? 'finished rotating to' : 'rotated to'} data key ${keyId}: ${moved} documents and ` +
          `${secrets} webhook signing secrets re-encrypted`,
      );
    return 0;
  });
}

export const dataKeyCommand = command(
  {
    summary: 're-encrypt identity documents and webhook secrets with a new data key',
    usage: [
      `usage: clientele ${USAGE}`,
      '',
      'Adds a key to DATA_KEY_FILE and re-encrypts every identity document (in batches) and every webhook signing',
      'secret with it, while servers run. Run it again to finish a rotation that was interrupted. One runs at a',
      'time (DATA_KEY_FILE.lock).',
      'docs/guest-data.md tells more.',
    ].join('\n'),
  },
  rotate,
);
