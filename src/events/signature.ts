import { createHmac } from 'node:crypto';

/**
 * `X-Clientele-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the webhook's
 * secret (its text, as printed by `webhook add`). The timestamp is signed with the body, so a receiver that refuses
 * old timestamps refuses a replayed request; every attempt is signed anew.
 */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
