/**
 * A method the call does not serve: 405 with `Allow` (the methods it does serve), in the dialect's own shape. Among
 * them HEAD on a call that writes: HEAD must not change anything, and answering it "as GET would" means running the
 * write to learn the reply, so such calls refuse it, with `Allow: GET, POST` (POST for Netstorming) and without a
 * body, as for every HEAD. HEAD on a read is answered as GET would be. Any other method (PUT, PATCH, DELETE,
 * OPTIONS…) reaches the dialect's not-found handler for its prefix, which refuses it so (see unrouted.ts).
 */
export class MethodNotAllowed extends Error {
  readonly statusCode = 405;
  readonly code = 'METHOD_NOT_ALLOWED';
  constructor(readonly allow: string) {
    super('method not allowed');
  }
}
