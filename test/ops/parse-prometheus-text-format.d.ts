declare module 'parse-prometheus-text-format' {
  /** Prometheus' text format as prom2json's objects: families with their samples. */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
