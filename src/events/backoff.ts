/** The longest pause between two attempts, whatever the base and the attempt number. */
const MAX_DELAY_MS = 24 * 3600 * 1000;

/**
 * The pause before the attempt that follows attempt `attempt` (1 for the first): base × 2^(attempt − 1), of which
 * a random half is kept ("equal jitter"), so that deliveries failing together do not all come back together.
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(full / 2 + (full / 2) * random());
}
