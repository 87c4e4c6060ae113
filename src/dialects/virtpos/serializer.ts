import { Readable } from 'node:stream';
import { lastValue } from '../../http/last-value.ts';
import { utf8 } from '../../http/utf8.ts';

/**
 * The one place that knows XML from JSON. Handlers build reply trees; this module writes them in the format the
 * client asked for. In XML a tree is `<root>` with one element per key, lists repeat their item element and null
 * values are empty elements; JSON mirrors the same tree, lists as arrays. Trees are plain JSON-ready objects, so
 * JSON is V8's own serializer (it runs for every listed customer); builders write an empty value as null.
 */
export type Format = 'xml' | 'json';
export type Scalar = string | number | null;
const ITEM = Symbol('xml item element');
/** A list: an array that also names its XML item element (a symbol key, which JSON leaves out). */
export type ListValue = Tree[] & { readonly [ITEM]: string };
export type Value = Scalar | Tree | ListValue;
export interface Tree {
  [key: string]: Value;
}

/** A list reply: `head` fields, then the list `name` of `item` elements, fed batch by batch. */
export interface ListReply {
  head: Tree;
  name: string;
  item: string;
  batches: AsyncIterable<Tree[]> | Iterable<Tree[]>;
}

export const list = (item: string, items: Tree[]): ListValue => Object.assign(items, { [ITEM]: item });

const isList = (value: Tree | ListValue): value is ListValue => Array.isArray(value);

/** `xml` unless `json` is asked for (any case); any other value falls back to XML, as the vendor does. */
export function readFormat(value: unknown): Format {
  const raw = lastValue(value);
  return typeof raw === 'string' && raw.trim().toLowerCase() === 'json' ? 'json' : 'xml';
}

export function contentType(format: Format): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=UTF-8';
}

const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF) are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Most values need no escaping at all; one test spares them both replacements.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[<>&"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '').replace(/[<>&"']/g, (c) => XML_ESCAPES[c] ?? c);
}

interface Tag {
  /** Around a value: `\t<name>` … `</name>\n`. */
  open: string;
  close: string;
  /** Around children, each on its own lines. */
  openBlock: string;
  closeBlock: string;
  empty: string;
}

/** Each element's indented tags, made once per name and depth: a page writes each of them hundreds of times. */
const TAGS: Map<string, Tag>[] = [];

function tagOf(name: string, depth: number): Tag {
  const byName = (TAGS[depth] ??= new Map());
  let tag = byName.get(name);
  if (!tag) {
    const pad = '\t'.repeat(depth);
    tag = {
      open: `${pad}<${name}>`,
      close: `</${name}>\n`,
      openBlock: `${pad}<${name}>\n`,
      closeBlock: `${pad}</${name}>\n`,
      empty: `${pad}<${name}/>\n`,
    };
    byName.set(name, tag);
  }
  return tag;
}

function xmlElement(name: string, value: Value, depth: number): string {
  const tag = tagOf(name, depth);
  if (value === null || value === '') return tag.empty;
  if (typeof value !== 'object')
    return tag.open + escapeXml(typeof value === 'string' ? value : String(value)) + tag.close;
  let children = '';
  if (isList(value)) {
    for (const item of value) children += xmlElement(value[ITEM], item, depth + 1);
  } else {
    for (const key in value) children += xmlElement(key, value[key] ?? null, depth + 1);
  }
  return children === '' ? tag.empty : tag.openBlock + children + tag.closeBlock;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A whole reply document. */
export function render(format: Format, tree: Tree): string {
  if (format === 'json') return JSON.stringify(tree);
  return XML_DECLARATION + xmlElement('root', tree, 0);
}

function xmlHead(tree: Tree): string {
  let out = '';
  for (const key in tree) out += xmlElement(key, tree[key] ?? null, 1);
  return out;
}

/**
 * A streamed listing is written in pieces of at most this many items (about 40 KB), handed to the socket as strings
 * (the stream's `utf8` encoding keeps it from copying each into a Buffer). A whole batch of 500 as one chunk, several
 * hundred KB and copied into a Buffer, outlived V8's young generation: the old one grew to about 100 MB between full
 * collections, which was most of the export's peak memory. Small string pieces die young.
 */
const PIECE = 50;

function* pieces(batch: Tree[]): Generator<Tree[]> {
  for (let at = 0; at < batch.length; at += PIECE) yield batch.slice(at, at + PIECE);
}

/**
 * The text of a list reply piece by piece, the same for a page and for a streamed listing: `piece` writes some of
 * the items (the reply's head before the first), `end` what follows the last. An XML list without items is an empty
 * element, as in a reply built in one piece.
 */
interface ListText {
  piece(items: Tree[]): string;
  end(): string;
}

function xmlText(reply: ListReply): ListText {
  const head = `${XML_DECLARATION}<root>\n${xmlHead(reply.head)}`;
  let opened = false;
  return {
    piece(items) {
      let text = opened ? '' : `${head}\t<${reply.name}>\n`;
      for (const item of items) text += xmlElement(reply.item, item, 2);
      opened = true;
      return text;
    },
    end: () => (opened ? `\t</${reply.name}>\n</root>\n` : `${head}\t<${reply.name}/>\n</root>\n`),
  };
}

function jsonText(reply: ListReply): ListText {
  const fields = JSON.stringify(reply.head);
  const head = `${fields === '{}' ? '{' : `${fields.slice(0, -1)},`}${JSON.stringify(reply.name)}:[`;
  let opened = false;
  return {
    piece(items) {
      const text = (opened ? ',' : head) + JSON.stringify(items).slice(1, -1);
      opened = true;
      return text;
    },
    end: () => (opened ? ']}' : `${head}]}`),
  };
}

const listText = (format: Format, reply: ListReply) => (format === 'json' ? jsonText : xmlText)(reply);

async function* chunks(format: Format, reply: ListReply): AsyncGenerator<string> {
  const text = listText(format, reply);
  for await (const batch of reply.batches) for (const piece of pieces(batch)) yield text.piece(piece);
  yield text.end();
}

/**
 * A list reply written as it is read, in small pieces of each batch, so a listing of any size holds one batch in
 * memory. The stream pulls the next piece only when the client has taken the previous one.
 */
export function renderListStream(format: Format, reply: ListReply): Readable {
  return Readable.from(chunks(format, reply), {
    objectMode: false,
    encoding: 'utf8',
  });
}

/**
 * A list reply already in memory (one page), as UTF-8 bytes: written in the stream's pieces, never as one long
 * text, which cost V8 more to flatten than the page took to render (see `utf8`).
 */
export function renderList(format: Format, reply: ListReply & { batches: Tree[][] }): Buffer {
  const text = listText(format, reply);
  const out: string[] = [];
  for (const batch of reply.batches) for (const piece of pieces(batch)) out.push(text.piece(piece));
  out.push(text.end());
  return utf8(out);
}
