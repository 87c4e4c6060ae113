import { postForm, type Reply } from '../../helper.ts';

/** Calls `/kp/<group>/<call>` as the vendor's curl examples do: a form body and the `x-api-key` header. */
export function zakClient(base: string, key: string) {
  return <T = { data?: unknown; error?: string }>(
    path: string,
    fields: Record<string, string | object> = {},
  ): Promise<Reply<T>> => {
    const form = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    return postForm<T>(`${base}/kp/${path}`, form, { 'x-api-key': key });
  };
}
