/**
 * The virtpos examples: the vendor's page (shared/seeds/003_…, in Russian) and the card calls it describes
 * without examples. A request example and its reply share a name; the contract test runs them in the document's
 * order on a tenant with two customers, adding its own `apikey`.
 */
export interface VirtposExample {
  name: string;
  summary: string;
  method: 'get' | 'post';
  query: Record<string, string>;
  body?: Record<string, string>;
  media?: 'form' | 'multipart';
  status: number;
  format: 'xml' | 'json';
  /** The reply: XML text, or the JSON value. */
  reply: unknown;
}

/** The vendor's list reply (with `external_id`, which Clientele writes after `last_update_by`). */
export const SEED_LIST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<root>
	<success>1</success>
	<type>customer</type>
	<count>1</count>
	<customers>
		<customer>
			<id>1</id>
			<fname>Сергей</fname>
			<lname>Иванов</lname>
			<mname>Степанович</mname>
			<age>24</age>
			<email/>
			<phone/>
			<gender>F</gender>
			<custom_information>очень требовательный</custom_information>
			<birth_day>24</birth_day>
			<birth_month>10</birth_month>
			<birth_year>1992</birth_year>
			<register_date>2016-07-18 13:54:37</register_date>
			<accumulated_sales>15200</accumulated_sales>
			<send_push>1</send_push>
			<send_email>1</send_email>
			<send_sms>1</send_sms>
			<group_id/>
			<group_name/>
			<created_date>2016-07-18 13:54:37</created_date>
			<created_by>2</created_by>
			<last_update_date>2016-07-18 13:54:37</last_update_date>
			<last_update_by>2</last_update_by>
			<external_id/>
		</customer>
	</customers>
</root>
`;

const xml = (fields: Record<string, string | number>) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<root>\n${Object.entries(fields)
    .map(([k, v]) => `\t<${k}>${v}</${k}>\n`)
    .join('')}</root>\n`;
const failure = (info: string) => xml({ success: 0, info });

const CARD = {
  id: 1,
  external_id: null,
  uid: '400638133393',
  uid_ean13: '4006381333931',
  barcode: '4006381333931',
  medium: 'PLASTIC',
  status: 'ACTIVE',
  block_date: null,
  activate_date: '2026-12-01',
  type_id: '1',
  type_name: 'Золотая',
  customer_id: '3',
  created_date: '2026-12-01 10:00:00',
  last_update_date: '2026-12-01 10:05:00',
};
const CUSTOMER = {
  id: 3,
  fname: 'Сергей',
  lname: 'Иванов',
  mname: null,
  age: null,
  email: 's.ivanov@example.ru',
  phone: '+7 (999) 123-45-67',
  gender: null,
  custom_information: null,
  birth_day: null,
  birth_month: null,
  birth_year: null,
  register_date: '2026-12-01 10:00:00',
  accumulated_sales: '0',
  send_push: '0',
  send_email: '0',
  send_sms: '0',
  group_id: '1',
  group_name: 'VIP',
  created_date: '2026-12-01 10:00:00',
  created_by: '1',
  last_update_date: '2026-12-01 10:00:00',
  last_update_by: '1',
  external_id: '1C-0001',
  cards: [CARD],
  bonuses: { balance: '0' },
};
const UID = '400638133393';

export const VIRTPOS_EXAMPLES: Record<string, VirtposExample[]> = {
  customers: [
    {
      name: 'seed',
      summary: 'The vendor’s example: every customer, in XML',
      method: 'get',
      query: { format: 'xml' },
      status: 200,
      format: 'xml',
      reply: SEED_LIST_XML,
    },
    {
      name: 'paged',
      summary: 'The vendor’s example: one page of 200',
      method: 'get',
      query: { format: 'xml', page: '1', page_size: '200' },
      status: 200,
      format: 'xml',
      reply: SEED_LIST_XML,
    },
    {
      name: 'badPage',
      summary: 'A page that does not exist',
      method: 'get',
      query: { format: 'json', page: '0' },
      status: 200,
      format: 'json',
      reply: { success: 0, info: 'Неверное значение параметра page' },
    },
    {
      name: 'phone',
      summary: 'A phone in another spelling, in JSON with cards and bonuses, by POST',
      method: 'post',
      query: { format: 'json' },
      body: { phone: '8 900 000-00-01', cards: '1', bonuses: '1' },
      status: 200,
      format: 'json',
      reply: { success: 1, type: 'customer', count: 1, customers: [CUSTOMER] },
    },
  ],
  update: [
    {
      name: 'seed',
      summary: 'The vendor’s example URL: without an id nor create_if_not_exist, nothing to update',
      method: 'get',
      query: { create_if_not_exist: '0' },
      status: 200,
      format: 'xml',
      reply: failure('Не указан параметр id'),
    },
    {
      name: 'create',
      summary: 'A new customer (the vendor’s reply)',
      method: 'post',
      query: { create_if_not_exist: '1' },
      body: {
        external_id: '1C-0001',
        fname: 'Сергей',
        lname: 'Иванов',
        phone: '+7 (999) 123-45-67',
        group_name: 'VIP',
      },
      status: 200,
      format: 'xml',
      reply: xml({ success: 1, id: 11, isnew: 1 }),
    },
    {
      name: 'email',
      summary: 'A change of customer 1, as a multipart form, in JSON',
      method: 'post',
      query: { id: '1', format: 'json' },
      body: { email: 's.ivanov@example.ru' },
      media: 'multipart',
      status: 200,
      format: 'json',
      reply: { success: 1, id: 1, isnew: 0 },
    },
  ],
  insertCard: [
    {
      name: 'gold',
      summary: 'A card for customer 1C-0001',
      method: 'post',
      query: { uid: UID, format: 'json' },
      body: { customer_external_id: '1C-0001', type_name: 'Золотая' },
      status: 200,
      format: 'json',
      reply: { success: 1, id: 1, isnew: 1 },
    },
    {
      name: 'again',
      summary: 'The same uid again',
      method: 'get',
      query: { uid: UID, format: 'json' },
      status: 200,
      format: 'json',
      reply: { success: 0, info: 'Карта с таким uid уже существует' },
    },
  ],
  updateCard: [
    {
      name: 'activate',
      summary: 'Activate the card',
      method: 'get',
      query: { uid: UID, status: 'ACTIVE', format: 'json' },
      status: 200,
      format: 'json',
      reply: { success: 1, id: 1, isnew: 0 },
    },
    {
      name: 'block',
      summary: 'Block it, the status in a form body',
      method: 'post',
      query: { uid: UID },
      body: { status: 'BLOCKED' },
      status: 200,
      format: 'xml',
      reply: xml({ success: 1, id: 1, isnew: 0 }),
    },
  ],
  deleteCard: [
    {
      name: 'byUid',
      summary: 'Delete the card',
      method: 'get',
      query: { uid: UID },
      status: 200,
      format: 'xml',
      reply: xml({ success: 1, id: 1 }),
    },
    {
      name: 'unknown',
      summary: 'A card that does not exist',
      method: 'post',
      query: { card_id: '999' },
      status: 200,
      format: 'xml',
      reply: failure('Карта не найдена'),
    },
  ],
};
