import type { DomainError, Reason } from '../../core/errors.ts';

/** Every text a virtpos client can read in `info`: the one table to translate or adjust. */
export const MESSAGES = {
  missingKey: 'Не указан apikey',
  badKey: 'Неверный apikey',
  unknownMethod: 'Неизвестный метод API',
  badRequest: 'Некорректный запрос',
  tooLarge: 'Слишком большой запрос',
  internal: 'Внутренняя ошибка сервера',
  unavailable: 'Сервис временно недоступен, повторите запрос позже',
  timeout: 'Истекло время ожидания запроса',
  methodNotAllowed: 'Метод HTTP не поддерживается',
  missing: (param: string) => `Не указан параметр ${param}`,
  invalid: (param: string) => `Неверное значение параметра ${param}`,
  notFound: 'Запись не найдена',
  conflict: 'Запись с такими данными уже существует',
};

/** Core field names → the parameter a virtpos client sent. */
const PARAMS: Record<string, string> = {
  name: 'fname',
  surname: 'lname',
  middle_name: 'mname',
  birthday: 'birth_day/birth_month/birth_year',
};

const param = (error: DomainError) => (error.field ? (PARAMS[error.field] ?? error.field) : undefined);

/**
 * The `info` of each reason a core operation can fail with. Keyed by the core's closed set of reasons, never by
 * its English messages: a reason added to the core without a line here does not compile.
 */
export const INFO: Record<Reason, (error: DomainError) => string> = {
  missing_key: () => MESSAGES.missingKey,
  bad_key: () => MESSAGES.badKey,
  bad_owner: () => MESSAGES.badKey,
  missing_value: (e) => (param(e) ? MESSAGES.missing(param(e)!) : MESSAGES.badRequest),
  invalid_value: (e) => (param(e) ? MESSAGES.invalid(param(e)!) : MESSAGES.badRequest),
  page_size_too_large: () => 'Параметр page_size не может быть больше 1000',
  unknown_method: () => MESSAGES.unknownMethod,
  not_found: () => MESSAGES.notFound,
  customer_not_found: () => 'Клиент не найден',
  card_not_found: () => 'Карта не найдена',
  card_type_not_found: () => 'Тип карты не найден',
  customer_group_not_found: () => 'Группа клиентов не найдена',
  conflict: () => MESSAGES.conflict,
  customer_external_id_taken: () => 'Клиент с таким external_id уже существует',
  card_external_id_taken: () => 'Карта с таким external_id уже существует',
  card_uid_taken: () => 'Карта с таким uid уже существует',
  card_barcode_taken: () => 'Карта с таким штрих-кодом уже существует',
  room_taken: () => MESSAGES.conflict,
  stay_restricted: () => MESSAGES.conflict,
  product_sold_out: () => MESSAGES.conflict,
  guest_in_room: () => MESSAGES.conflict,
  erased_stand_in: () => 'Клиент заменяет удалённого по запросу клиента: эта операция с ним запрещена',
  idempotency_key_invalid: () => 'Неверный заголовок Idempotency-Key (от 1 до 255 печатных символов ASCII)',
  idempotency_key_unsupported: () => 'Idempotency-Key не поддерживается этим методом',
  idempotency_key_busy: () => 'Запрос с этим Idempotency-Key ещё выполняется',
  idempotency_key_reused: () => 'Idempotency-Key уже использован для другого запроса',
};

/** The `info` of a failed domain operation. */
export function infoOf(error: DomainError): string {
  return INFO[error.reason](error);
}
