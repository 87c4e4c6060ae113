import { loadConfig } from '../config.ts';
import { openDb } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { command, parse } from './args.ts';
import { print } from './output.ts';
import { STARTUP_OPTIONS } from './store.ts';

export const migrateCommand = command(
  {
    summary: 'bring the store schema up to date (serve does it too, at start)',
    usage:
      'usage: clientele migrate [--json]\n\n--json prints {"applied": [names of the migrations applied]}.',
  },
  async (args) => {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const db = openDb(loadConfig().databaseUrl, { ...STARTUP_OPTIONS, poolSize: 1 });
    try {
      const applied = await migrateToLatest(db);
      print(values.json, { applied }, () =>
        applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date',
      );
      return 0;
    } finally {
      await db.destroy();
    }
  },
);
