import { fill, h } from '../dom.js';
import { heading, link } from '../ui.js';

/** A stale URL: a deleted record, another tenant's id, or a path the console does not have. */
export function notFoundPage({ main }) {
  fill(
    main,
    heading('Not found'),
    h('p', {}, 'There is nothing at this address: the record may have been deleted, or the link is wrong.'),
    h('p', {}, link('/console/tenants', 'Go to the list of tenants')),
  );
}
