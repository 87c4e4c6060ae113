import cluster from 'node:cluster';
import client from 'prom-client';

/**
 * With `WORKERS=N` a scrape of `/metrics` reaches one worker, chosen by the cluster: that worker asks the primary,
 * which collects every worker's registry through prom-client's `AggregatorRegistry` and answers with the sum. A
 * scraper so sees the whole server, whichever worker answered.
 */
const ASK = 'clientele:metrics?';
const ANSWER = 'clientele:metrics';
const WAIT_MS = 10_000;

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** In the primary: answers the workers' requests for the metrics of all workers. */
export function answerClusterMetrics(): void {
  const aggregator = new client.AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== ASK) return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/** In a worker: lends its registry to the primary's collection; returns how to ask for the whole server's. */
export function askClusterMetrics(registry: client.Registry): () => Promise<string> {
  // prom-client installs the worker's side of the collection in this constructor.
  new client.AggregatorRegistry();
  client.AggregatorRegistry.setRegistries([registry]);
  const pending = new Map<number, (answer: Answer) => void>();
  let next = 0;
  process.on('message', (message: Answer) => {
    if (message?.type === ANSWER) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(
        () => settle({ type: ANSWER, id, error: 'the primary did not answer' }),
        WAIT_MS,
      );
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        pending.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(`metrics of the workers: ${answer.error}`));
      };
      pending.set(id, settle);
      process.send?.({ type: ASK, id });
    });
}
