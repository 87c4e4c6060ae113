import type { Selectable } from 'kysely';
import { preparedRead } from './prepared.ts';
import type { Db } from './db.ts';
import { insertRates, RATE_TABLES, type RateRows } from './rates.ts';
import type {
  ExtraTable,
  ProductTable,
  PropertySettingsTable,
  RoomTable,
  RoomTypeTable,
} from './schema/reservations.ts';

type Row<T> = Omit<Selectable<T>, 'tenant_id'>;
export type RoomType = Row<RoomTypeTable>;
export type Product = Row<ProductTable>;
export type Extra = Row<ExtraTable>;
export type PropertySettings = Row<PropertySettingsTable>;
/** A room with its tags parsed (stored as JSON text). */
export type Room = Omit<Row<RoomTable>, 'tags'> & { tags: string[] };

/** The settings of a tenant that never imported an inventory: no VAT, no tourist tax. */
export const NO_SETTINGS: PropertySettings = {
  vat_rooms_bp: 0,
  vat_meals_bp: 0,
  vat_extras_bp: 0,
  tourist_tax_cents: null,
  tourist_tax_max_nights: null,
};

export interface InventoryRows extends RateRows {
  prefix: string;
  timezone: string;
  currency: string;
  /** Absent: the tenant keeps its country. */
  country?: string;
  settings: PropertySettings;
  roomTypes: RoomType[];
  rooms: Room[];
  products: Product[];
  extras: Extra[];
}

const INVENTORY_TABLES = [
  ...RATE_TABLES,
  'room_types',
  'rooms',
  'products',
  'extras',
  'property_settings',
] as const;

/** Inside a transaction: deletes the tenant's inventory and writes the given one. */
export async function replaceInventory(trx: Db, tenantId: number, inv: InventoryRows): Promise<void> {
  for (const table of INVENTORY_TABLES) {
    await trx.deleteFrom(table).where('tenant_id', '=', tenantId).execute();
  }
  await trx
    .updateTable('tenants')
    .set({
      prefix: inv.prefix,
      timezone: inv.timezone,
      currency: inv.currency,
      ...(inv.country === undefined ? {} : { country: inv.country }),
    })
    .where('id', '=', tenantId)
    .execute();
  await trx
    .insertInto('property_settings')
    .values({ ...inv.settings, tenant_id: tenantId })
    .execute();
  const withTenant = <T>(rows: T[]) => rows.map((row) => ({ ...row, tenant_id: tenantId }));
  if (inv.roomTypes.length) await trx.insertInto('room_types').values(withTenant(inv.roomTypes)).execute();
  if (inv.rooms.length) {
    const rooms = inv.rooms.map((r) => ({ ...r, tags: JSON.stringify(r.tags), tenant_id: tenantId }));
    await trx.insertInto('rooms').values(rooms).execute();
  }
  if (inv.products.length) await trx.insertInto('products').values(withTenant(inv.products)).execute();
  if (inv.extras.length) await trx.insertInto('extras').values(withTenant(inv.extras)).execute();
  await insertRates(trx, tenantId, inv);
}

/** Rooms of the tenant with at least one booked night. */
export async function bookedRoomIds(db: Db, tenantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('room_nights')
    .select('room_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((r) => r.room_id);
}

export async function findSettings(db: Db, tenantId: number): Promise<PropertySettings | undefined> {
  return db
    .selectFrom('property_settings')
    .select(['vat_rooms_bp', 'vat_meals_bp', 'vat_extras_bp', 'tourist_tax_cents', 'tourist_tax_max_nights'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

export async function listRoomTypes(db: Db, tenantId: number): Promise<RoomType[]> {
  return db
    .selectFrom('room_types')
    .select(['id', 'name', 'shortname', 'capacity', 'price_cents'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

const toRoom = (r: { id: number; room_type_id: number; name: string; tags: string }): Room => ({
  ...r,
  tags: JSON.parse(r.tags) as string[],
});

export async function listRooms(db: Db, tenantId: number): Promise<Room[]> {
  const rows = await db
    .selectFrom('rooms')
    .select(['id', 'room_type_id', 'name', 'tags'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map(toRoom);
}

export async function listProducts(db: Db, tenantId: number): Promise<Product[]> {
  return db
    .selectFrom('products')
    .select(['id', 'room_type_id', 'name', 'master', 'rate_id', 'price_cents'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

export async function listExtras(db: Db, tenantId: number): Promise<Extra[]> {
  return db
    .selectFrom('extras')
    .select(['id', 'name', 'price_cents', 'vat_bp'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

export async function loadInventory(db: Db, tenantId: number) {
  return {
    settings: await findSettings(db, tenantId),
    roomTypes: await listRoomTypes(db, tenantId),
    rooms: await listRooms(db, tenantId),
    products: await listProducts(db, tenantId),
    extras: await listExtras(db, tenantId),
  };
}

// The point reads of every booking: compiled once (see prepared.ts), and on SQLite read beside the writer.
const roomById = preparedRead('room_by_id', 2, (db, tenantId: number, id: number) =>
  db
    .selectFrom('rooms')
    .select(['id', 'room_type_id', 'name', 'tags'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id),
);

const roomTypeById = preparedRead('room_type_by_id', 2, (db, tenantId: number, id: number) =>
  db
    .selectFrom('room_types')
    .select(['id', 'name', 'shortname', 'capacity', 'price_cents'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id),
);

const productById = preparedRead('product_by_id', 2, (db, tenantId: number, id: number) =>
  db
    .selectFrom('products')
    .select(['id', 'room_type_id', 'name', 'master', 'rate_id', 'price_cents'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id),
);

export async function findRoom(db: Db, tenantId: number, id: number): Promise<Room | undefined> {
  const [row] = await roomById(db, tenantId, id);
  return row && toRoom(row);
}

export async function findRoomType(db: Db, tenantId: number, id: number): Promise<RoomType | undefined> {
  const [row] = await roomTypeById(db, tenantId, id);
  return row;
}

export async function findProduct(db: Db, tenantId: number, id: number): Promise<Product | undefined> {
  const [row] = await productById(db, tenantId, id);
  return row;
}

export async function findExtra(db: Db, tenantId: number, id: number): Promise<Extra | undefined> {
  return db
    .selectFrom('extras')
    .select(['id', 'name', 'price_cents', 'vat_bp'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tenant's booking settings (prefix, time zone, currency) and property settings, in one query. */
const bookingSettingsOf = preparedRead('booking_settings', 1, (db, tenantId: number) =>
  db
    .selectFrom('tenants as t')
    .leftJoin('property_settings as s', 's.tenant_id', 't.id')
    .select([
      't.prefix',
      't.timezone',
      't.currency',
      's.vat_rooms_bp',
      's.vat_meals_bp',
      's.vat_extras_bp',
      's.tourist_tax_cents',
      's.tourist_tax_max_nights',
    ])
    .where('t.id', '=', tenantId),
);

export async function findBookingSettings(db: Db, tenantId: number) {
  const [row] = await bookingSettingsOf(db, tenantId);
  if (!row) return undefined;
  const { prefix, timezone, currency, ...settings } = row;
  return {
    tenant: { prefix, timezone, currency },
    settings: settings.vat_rooms_bp === null ? NO_SETTINGS : (settings as PropertySettings),
  };
}
