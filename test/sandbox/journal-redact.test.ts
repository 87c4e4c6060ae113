import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED } from '../../src/http/redact.ts';
import { redactText } from '../../src/sandbox/journal-redact.ts';

describe("the journal's redaction of a text", () => {
  it('keeps a text holding no secret exactly as it was, a `ck_` inside a word included', () => {
    const page = '{"customers": [{"id": 1, "block_date": "2024-01-01", "blocked": false}]}';
    assert.equal(redactText(page), page);
  });

  it('redacts the secret fields of JSON cut short (a long reply kept only in part), plain or escaped', () => {
    assert.equal(
      redactText('{"name": "Ann", "doc_number": "AB12'),
      `{"name": "Ann", "doc_number": "${REDACTED}"`,
    );
    assert.equal(
      redactText('{"custdata": "{\\"psw\\": \\"s3cret\\", \\"n'),
      `{"custdata": "{\\"psw\\": \\"${REDACTED}\\", \\"n`,
    );
    assert.equal(redactText('[{"doc_number": 12345, "a": ['), `[{"doc_number": "${REDACTED}", "a": [`);
  });

  it('keeps the spelling of a whole JSON reply, every document number in it redacted, quotes in values included', () => {
    const reply =
      '{"data": {"doc_data": [{"doc_type": "p", "doc_number" : "AB\\"1"}, {"DOC_NUMBER":"CD2", "doc_issuer": "Roma"}]}}';
    assert.equal(
      redactText(reply),
      `{"data": {"doc_data": [{"doc_type": "p", "doc_number" : "${REDACTED}"}, {"DOC_NUMBER":"${REDACTED}", "doc_issuer": "${REDACTED}"}]}}`,
    );
  });

  it('still finds an API key, a JSON secret field and an XML one', () => {
    const key = `ck_${'a'.repeat(32)}`;
    assert.equal(redactText(`the key ${key} was sent`), `the key ${REDACTED} was sent`);
    assert.deepEqual(JSON.parse(redactText('{"doc_number": "AB123", "name": "Ann"}')), {
      doc_number: REDACTED,
      name: 'Ann',
    });
    assert.equal(
      redactText('<customer><doc_number>AB123</doc_number><psw>s3cret</psw></customer>'),
      `<customer><doc_number>${REDACTED}</doc_number><psw>${REDACTED}</psw></customer>`,
    );
  });
});
