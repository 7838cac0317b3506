// Parses PromQL with Prometheus' own grammar (the lezer parser its web UI uses) and reads the tree.
import { parser } from "@prometheus-io/lezer-promql";

export interface Parsed {
  /** Source snippets of every error node ("⚠"). */
  errors: string[];
  /** Metric names: Identifier nodes that are the name of a VectorSelector. */
  metrics: string[];
}

export function parsePromQL(expr: string): Parsed {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const metrics: string[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) errors.push(`at ${n.from}: ${JSON.stringify(expr.slice(Math.max(0, n.from - 20), n.to + 20))}`);
      if (n.name === "Identifier" && n.node.parent?.name === "VectorSelector") metrics.push(expr.slice(n.from, n.to));
    },
  });
  return { errors, metrics };
}
