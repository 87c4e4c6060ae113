import {
  createCustomer,
  getCustomerWithDocuments,
  updateCustomer,
  type CustomerInput,
} from '../../core/customers.ts';
import { saveDocument } from '../../core/documents.ts';
import type { CallTable } from './call.ts';
import { customerInput, documentInput } from './customer-input.ts';
import { renderCustomer } from './customer-render.ts';
import { jsonObject, requiredId } from './params.ts';

export const customerCalls: CallTable = {
  fetch_one: async ({ db, scope, params }) => {
    const { customer, documents } = await getCustomerWithDocuments(db, scope, requiredId(params, 'id'));
    return renderCustomer(customer, documents);
  },

  add_one: async ({ db, scope, params }) => {
    const input: CustomerInput = customerInput(jsonObject(params, 'custdata'));
    return createCustomer(db, scope, input);
  },

  update_custdata: async ({ db, scope, params }) => {
    const id = requiredId(params, 'id');
    return updateCustomer(db, scope, id, customerInput(jsonObject(params, 'custdata')));
  },

  upload_docdata: async ({ db, scope, params }) => {
    const id = requiredId(params, 'id');
    await saveDocument(db, scope, id, documentInput(jsonObject(params, 'docdata')));
    return id;
  },
};
