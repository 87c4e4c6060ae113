import type { DomainError } from '../../core/errors.ts';

/** Every text a virtpos client can read in `info`: the one table to translate or adjust. */
export const MESSAGES = {
  missingKey: 'Не указан apikey',
  badKey: 'Неверный apikey',
  unknownMethod: 'Неизвестный метод API',
  badRequest: 'Некорректный запрос',
  tooLarge: 'Слишком большой запрос',
  internal: 'Внутренняя ошибка сервера',
  missing: (param: string) => `Не указан параметр ${param}`,
  invalid: (param: string) => `Неверное значение параметра ${param}`,
  notFound: 'Запись не найдена',
  conflict: 'Запись с такими данными уже существует',
};

/** Core messages with a sentence of their own. */
const BY_CORE_MESSAGE: Record<string, string> = {
  'customer not found': 'Клиент не найден',
  'card not found': 'Карта не найдена',
  'card type not found': 'Тип карты не найден',
  'customer group not found': 'Группа клиентов не найдена',
  'page_size above 1000': 'Параметр page_size не может быть больше 1000',
  'external_id already belongs to another customer': 'Клиент с таким external_id уже существует',
  'external_id already belongs to another card': 'Карта с таким external_id уже существует',
  'uid already belongs to another card': 'Карта с таким uid уже существует',
  'barcode already belongs to another card': 'Карта с таким штрих-кодом уже существует',
};

/** Core field names → the parameter a virtpos client sent. */
const PARAMS: Record<string, string> = {
  name: 'fname',
  surname: 'lname',
  middle_name: 'mname',
  birthday: 'birth_day/birth_month/birth_year',
};

/** The `info` of a failed domain operation. */
export function infoOf(error: DomainError): string {
  const own = Object.hasOwn(BY_CORE_MESSAGE, error.message) ? BY_CORE_MESSAGE[error.message] : undefined;
  if (own) return own;
  const param = error.field ? (PARAMS[error.field] ?? error.field) : undefined;
  switch (error.code) {
    case 'unauthorized':
      return error.message === 'missing key' ? MESSAGES.missingKey : MESSAGES.badKey;
    case 'invalid':
      if (!param) return MESSAGES.badRequest;
      return error.message.startsWith('missing') ? MESSAGES.missing(param) : MESSAGES.invalid(param);
    case 'not_found':
      return MESSAGES.notFound;
    default:
      return MESSAGES.conflict;
  }
}
