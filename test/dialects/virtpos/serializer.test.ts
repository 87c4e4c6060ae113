import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  list,
  render,
  renderList,
  renderListStream,
  type Format,
  type Tree,
} from '../../../src/dialects/virtpos/serializer.ts';

const head: Tree = { success: 1, type: 'customer', count: 0, note: null, info: 'Имя & <Фамилия> "x"' };
const customer = (i: number): Tree => ({
  id: i,
  fname: `Имя${i}`,
  lname: i % 3 ? `Фамилия${i}` : '',
  email: i % 2 ? null : `client${i}@example.ru`,
  cards: list('card', i % 4 ? [] : [{ number: `C${i}`, barcode: '<&>' }]),
});

async function streamed(format: Format, items: Tree[], batch: number): Promise<string> {
  const batches = Array.from({ length: Math.ceil(items.length / batch) }, (_, i) =>
    items.slice(i * batch, (i + 1) * batch),
  );
  let text = '';
  const stream = renderListStream(format, { head, name: 'customers', item: 'customer', batches });
  for await (const chunk of stream) text += chunk as string;
  return text;
}

describe('virtpos list replies', () => {
  // A page and a streamed listing are written in pieces of 50 items; each must read as the reply built in one piece.
  for (const format of ['json', 'xml'] as const)
    for (const count of [0, 1, 49, 50, 51, 200, 523])
      it(`${format}, ${count} items: a page's bytes and a stream's text are the whole reply's`, async () => {
        const items = Array.from({ length: count }, (_, i) => customer(i + 1));
        const whole = render(format, { ...head, customers: list('customer', items) });
        const page = renderList(format, { head, name: 'customers', item: 'customer', batches: [items] });
        assert.equal(page.toString('utf8'), whole);
        assert.equal(await streamed(format, items, 120), whole);
      });

  it('a JSON reply without head fields is still one object', async () => {
    const page = renderList('json', {
      head: {},
      name: 'customers',
      item: 'customer',
      batches: [[customer(1)]],
    });
    assert.deepEqual(JSON.parse(page.toString('utf8')), {
      customers: [JSON.parse(JSON.stringify(customer(1)))],
    });
    const empty = renderList('json', { head: {}, name: 'customers', item: 'customer', batches: [] });
    assert.equal(empty.toString('utf8'), '{"customers":[]}');
  });
});
