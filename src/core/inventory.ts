import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/inventory.ts';
import { rekeyPhones } from '../store/customers.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { fromBasisPoints, fromCents, toBasisPoints, toCents } from './money.ts';
import { exportRateSections, validateRateSections, type RateSections } from './rates.ts';
import { getTenant, validateCountry, validateTenantSettings } from './tenants.ts';
import { count, id, list, name, object, uniqueIds, type Obj } from './file-fields.ts';

/** A tenant's property, validated, with money in cents and VAT rates in hundredths of a percent. */
export interface Inventory {
  prefix: string;
  timezone: string;
  currency: string;
  country?: string;
  settings: store.PropertySettings;
  roomTypes: store.RoomType[];
  rooms: store.Room[];
  products: store.Product[];
  extras: store.Extra[];
  rates: RateSections['rates'];
  rateValues: RateSections['rateValues'];
  mealBoards: RateSections['mealBoards'];
}

function tenantFields(file: Obj) {
  const text = (key: string) => (typeof file[key] === 'string' ? (file[key] as string) : '');
  const settings = validateTenantSettings({
    prefix: text('prefix'),
    timezone: text('timezone'),
    currency: text('currency'),
  });
  // Optional: a file written before countries leaves the tenant's as it is.
  return file.country === undefined ? settings : { ...settings, country: validateCountry(text('country')) };
}

function settings(file: Obj): store.PropertySettings {
  const vat = object(file.vat ?? {}, 'vat');
  const tax = file.tourist_tax == null ? null : object(file.tourist_tax, 'tourist_tax');
  return {
    vat_rooms_bp: toBasisPoints(vat.rooms ?? 0, 'vat.rooms'),
    vat_meals_bp: toBasisPoints(vat.meals ?? 0, 'vat.meals'),
    vat_extras_bp: toBasisPoints(vat.extras ?? 0, 'vat.extras'),
    tourist_tax_cents: tax ? toCents(tax.per_guest_per_night, 'tourist_tax.per_guest_per_night') : null,
    tourist_tax_max_nights:
      tax?.max_nights == null ? null : count(tax.max_nights, 'tourist_tax.max_nights', 1, 365),
  };
}

/** Checks a whole inventory file; the first problem is an `invalid` error naming where it is. */
export function validateInventory(raw: unknown): Inventory {
  const file = object(raw, 'inventory');
  const roomTypes = uniqueIds(
    list(file, 'room_types').map((t, i) => ({
      id: id(t.id, `room_types[${i}].id`),
      name: name(t.name, `room_types[${i}].name`),
      shortname: name(t.shortname ?? t.name, `room_types[${i}].shortname`),
      capacity: count(t.capacity, `room_types[${i}].capacity`, 1, 50),
      price_cents: toCents(t.price ?? 0, `room_types[${i}].price`),
    })),
    'room_types',
  );
  const typeIds = new Set(roomTypes.map((t) => t.id));
  const roomType = (value: unknown, where: string) => {
    if (!typeIds.has(id(value, where))) throw invalid(`${where}: unknown room type ${String(value)}`, where);
    return value as number;
  };
  const rooms = uniqueIds(
    list(file, 'rooms').map((r, i) => ({
      id: id(r.id, `rooms[${i}].id`),
      room_type_id: roomType(r.room_type, `rooms[${i}].room_type`),
      name: name(r.name, `rooms[${i}].name`),
      tags: tags(r.tags, `rooms[${i}].tags`),
    })),
    'rooms',
  );
  const products = uniqueIds(
    list(file, 'products').map((p, i) => ({
      id: id(p.id, `products[${i}].id`),
      room_type_id: roomType(p.room_type, `products[${i}].room_type`),
      name: name(p.name, `products[${i}].name`),
      master: p.master === true ? 1 : 0,
      rate_id: p.rate_id === undefined ? 1 : id(p.rate_id, `products[${i}].rate_id`),
      price_cents: toCents(p.price, `products[${i}].price`),
    })),
    'products',
  );
  const extras = uniqueIds(
    list(file, 'extras').map((e, i) => ({
      id: id(e.id, `extras[${i}].id`),
      name: name(e.name, `extras[${i}].name`),
      price_cents: toCents(e.price, `extras[${i}].price`),
      vat_bp: e.vat_rate == null ? null : toBasisPoints(e.vat_rate, `extras[${i}].vat_rate`),
    })),
    'extras',
  );
  const tenant = tenantFields(file);
  const rateSections = validateRateSections(file, products, tenant.currency);
  return { ...tenant, settings: settings(file), roomTypes, rooms, products, extras, ...rateSections };
}

function tags(value: unknown, where: string): string[] {
  const raw = value ?? [];
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string')) {
    throw invalid(`${where} must be a list of texts`, where);
  }
  return raw as string[];
}

/**
 * Replaces the tenant's whole inventory in one transaction, so importing the same file twice changes nothing.
 * A room that still has booked nights cannot disappear.
 */
export async function importInventory(db: Db, tenantId: number, inventory: Inventory): Promise<void> {
  const tenant = await getTenant(db, tenantId);
  const replace = async (trx: Db) => {
    const kept = new Set(inventory.rooms.map((r) => r.id));
    const booked = (await store.bookedRoomIds(trx, tenantId)).filter((roomId) => !kept.has(roomId));
    if (booked.length) throw conflict(`rooms with reservations cannot be removed: ${booked.join(', ')}`);
    await store.replaceInventory(trx, tenantId, inventory);
    // Phone keys depend on the country: a new one reads the numbers already stored with its rules.
    if (inventory.country !== undefined && inventory.country !== tenant.country) {
      await rekeyPhones(trx, tenantId, inventory.country);
    }
  };
  // Inside a caller's transaction (the first start's) it is part of that one.
  await inTransaction(db, replace);
}

/** A tenant setting an inventory file would change: `prefix`, `timezone`, `currency` or `country`, from → to. */
export interface SettingChange {
  setting: 'prefix' | 'timezone' | 'currency' | 'country';
  from: string;
  to: string;
}

/** What importing `inventory` would change of the tenant's own settings (nothing when they agree). */
export async function settingChanges(
  db: Db,
  tenantId: number,
  inventory: Inventory,
): Promise<SettingChange[]> {
  const tenant = await getTenant(db, tenantId);
  return (['prefix', 'timezone', 'currency', 'country'] as const)
    .filter((setting) => inventory[setting] !== undefined && tenant[setting] !== inventory[setting])
    .map((setting) => ({ setting, from: tenant[setting], to: inventory[setting]! }));
}

/** The tenant's inventory in the file format `validateInventory` reads. */
export async function exportInventory(db: Db, tenantId: number) {
  const tenant = await getTenant(db, tenantId);
  const inv = await store.loadInventory(db, tenantId);
  const s = inv.settings ?? store.NO_SETTINGS;
  return {
    prefix: tenant.prefix,
    timezone: tenant.timezone,
    currency: tenant.currency,
    country: tenant.country,
    vat: {
      rooms: fromBasisPoints(s.vat_rooms_bp),
      meals: fromBasisPoints(s.vat_meals_bp),
      extras: fromBasisPoints(s.vat_extras_bp),
    },
    tourist_tax:
      s.tourist_tax_cents === null
        ? null
        : { per_guest_per_night: fromCents(s.tourist_tax_cents), max_nights: s.tourist_tax_max_nights },
    room_types: inv.roomTypes.map((t) => ({
      id: t.id,
      name: t.name,
      shortname: t.shortname,
      capacity: t.capacity,
      price: fromCents(t.price_cents),
    })),
    rooms: inv.rooms.map((r) => ({ id: r.id, room_type: r.room_type_id, name: r.name, tags: r.tags })),
    products: inv.products.map((p) => ({
      id: p.id,
      room_type: p.room_type_id,
      name: p.name,
      master: p.master === 1,
      rate_id: p.rate_id,
      price: fromCents(p.price_cents),
    })),
    extras: inv.extras.map((e) => ({
      id: e.id,
      name: e.name,
      price: fromCents(e.price_cents),
      ...(e.vat_bp === null ? {} : { vat_rate: fromBasisPoints(e.vat_bp) }),
    })),
    ...(await exportRateSections(db, tenantId)),
  };
}

export const propertySettings = async (db: Db, tenantId: number) =>
  (await store.findSettings(db, tenantId)) ?? store.NO_SETTINGS;

/** The tenant's prefix, time zone and currency with its property settings, in one query. */
export async function bookingSettings(db: Db, tenantId: number) {
  const found = await store.findBookingSettings(db, tenantId);
  if (!found) throw notFound(`tenant ${tenantId} not found`);
  return found;
}
export const listRooms = (db: Db, tenantId: number) => store.listRooms(db, tenantId);
export const listRoomTypes = (db: Db, tenantId: number) => store.listRoomTypes(db, tenantId);
export const listProducts = (db: Db, tenantId: number) => store.listProducts(db, tenantId);
