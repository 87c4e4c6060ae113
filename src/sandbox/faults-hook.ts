import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { faultFor } from '../core/faults.ts';
import type { Scope } from '../core/tenants.ts';
import { sandboxCall } from './call-names.ts';
import { sendFault, type FaultReply } from './fault-replies.ts';
import type { Sandbox } from './sandbox.ts';

/**
 * A dialect's auth step and the sandbox's fault rules, as one `preHandler`: the key is verified (its scope, or the
 * failure, kept on the request for the handler, which throws the failure at its own point so every dialect's order
 * of errors stays as it was), then the tenant's fault rules are applied. With no rule for the tenant, which is the
 * common case, this costs a map lookup: the rules are read from the store at most once a second per node.
 *
 * A faulted request never reaches its handler, so it writes nothing. `reset` drops the connection; a rule with
 * only a latency delays the call, which then runs.
 */
export function authAndFaults(
  sandbox: Sandbox,
  authenticate: (request: FastifyRequest) => Promise<Scope>,
  dialectReply: FaultReply,
): preHandlerHookHandler {
  return (request, reply, done) => {
    authenticate(request).then(
      (scope) => {
        request.scope = scope;
        request.tenantId = scope.tenantId;
        const rules = sandbox.faults.fresh(scope.tenantId);
        if (rules !== undefined && rules.length === 0) return done();
        applyFaults(sandbox, request, reply, scope.tenantId, dialectReply).then(
          (answered) => (answered ? undefined : done()),
          done,
        );
      },
      (error: unknown) => {
        request.authFailure = error;
        done();
      },
    );
  };
}

/** True when the rule answered the request (or dropped it), so the handler must not run. */
async function applyFaults(
  sandbox: Sandbox,
  request: FastifyRequest,
  reply: FastifyReply,
  tenantId: number,
  dialectReply: FaultReply,
): Promise<boolean> {
  const rules = sandbox.faults.fresh(tenantId) ?? (await sandbox.faults.load(tenantId));
  if (rules.length === 0) return false;
  const { dialect, call } = sandboxCall(request);
  const rule = await faultFor(sandbox.faults.db, rules, `${dialect}:${call}`);
  if (!rule) return false;
  if (rule.latency_ms > 0) await sleep(rule.latency_ms);
  if (rule.reset) {
    sandbox.journal?.record(request, reply, null, 0);
    reply.hijack();
    request.raw.socket.destroy();
    return true;
  }
  if (rule.status === null) return false;
  sendFault(request, reply, rule, dialectReply);
  return true;
}
