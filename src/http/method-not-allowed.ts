/**
 * A HEAD request on a call that writes. HEAD must not change anything, and answering it "as GET would" means running
 * the write to learn the reply, so such calls refuse it: 405 with `Allow: GET, POST` (POST for Netstorming), in the
 * dialect's own shape (without a body, as for every HEAD). HEAD on a read is answered as GET would be.
 */
export class MethodNotAllowed extends Error {
  readonly statusCode = 405;
  readonly code = 'METHOD_NOT_ALLOWED';
  constructor(readonly allow: string) {
    super('method not allowed');
  }
}
