// A Kubernetes API server stub on loopback: serves pod and node lists from fixtures, records every call
// (method, path with query, content type, body) and answers deletes, patches and evictions (or, for the
// calls a test picks, never answers). Shared by the tests and `npm run verify:demo`.
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { AddressInfo } from "net";

export interface RecordedCall {
  method: string;
  path: string;
  contentType?: string;
  body?: unknown;
}

export interface StubPod {
  name: string;
  node: string;
  type?: string;
  component?: string;
  dgd?: string;
  phase?: string;
  daemonSet?: boolean;
}

export interface StubNode {
  name: string;
  zone: string;
  unschedulable?: boolean;
}

export interface KubeStub {
  url: string;
  calls: RecordedCall[];
  /** Mutating calls only (everything but GET). */
  writes(): RecordedCall[];
  /** Resolves once a call matching the predicate was recorded (bounded by the test's timeout). */
  waitFor(pred: (c: RecordedCall) => boolean): Promise<void>;
  /** Writes a kubeconfig whose only context `ctx` points at the stub; returns its path. */
  kubeconfig(ctx?: string): string;
  close(): Promise<void>;
}

export interface StubOptions {
  namespace: string;
  pods: StubPod[];
  nodes: StubNode[];
  /** Pods whose eviction answers 429 (PodDisruptionBudget). */
  evictionBlocked?: string[];
  /** Calls that are recorded but never answered (a hung API server); closed by `close()`. */
  hang?: (c: RecordedCall) => boolean;
}

function podJson(ns: string, p: StubPod) {
  const labels: Record<string, string> = {};
  if (p.type) labels["nvidia.com/dynamo-component-type"] = p.type;
  if (p.component) labels["nvidia.com/dynamo-component"] = p.component;
  if (p.dgd) labels["nvidia.com/dynamo-graph-deployment-name"] = p.dgd;
  return {
    metadata: {
      name: p.name,
      namespace: ns,
      labels,
      ...(p.daemonSet ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "ds", uid: "u", controller: true }] } : {}),
    },
    spec: { nodeName: p.node, containers: [{ name: "c", image: "i" }] },
    status: { phase: p.phase ?? "Running" },
  };
}

/** Minimal label-selector matching: `k=v` and `k in (a,b)` terms joined by commas. */
export function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const term = raw.trim();
    const inMatch = term.match(/^(\S+)\s+in\s+\(([^)]*)\)$/);
    if (inMatch) return inMatch[2].split(",").map((s) => s.trim()).includes(labels[inMatch[1]]);
    const [k, v] = term.split("=");
    return labels[k] === v;
  });
}

export async function startKubeStub(o: StubOptions): Promise<KubeStub> {
  const calls: RecordedCall[] = [];
  const waiters: { pred: (c: RecordedCall) => boolean; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const call: RecordedCall = { method: req.method ?? "", path: req.url ?? "" };
      if (req.headers["content-type"] && req.method !== "GET") call.contentType = String(req.headers["content-type"]);
      if (text) call.body = JSON.parse(text);
      calls.push(call);
      for (const w of waiters.splice(0)) {
        if (w.pred(call)) w.resolve();
        else waiters.push(w);
      }
      if (o.hang?.(call)) return;
      const u = new URL(req.url ?? "/", "http://stub");
      const send = (code: number, body: unknown) => {
        res.writeHead(code, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const podList = `/api/v1/namespaces/${o.namespace}/pods`;
      if (req.method === "GET" && u.pathname === podList) {
        const sel = u.searchParams.get("labelSelector");
        const field = u.searchParams.get("fieldSelector");
        const items = o.pods
          .map((p) => podJson(o.namespace, p))
          .filter((p) => (sel ? matchesSelector(p.metadata.labels, sel) : true))
          .filter((p) => (field ? field === `spec.nodeName=${p.spec.nodeName}` : true));
        return send(200, { apiVersion: "v1", kind: "PodList", metadata: {}, items });
      }
      if (req.method === "GET" && u.pathname === "/api/v1/nodes") {
        const items = o.nodes.map((n) => ({
          metadata: { name: n.name, labels: { "topology.kubernetes.io/zone": n.zone } },
          spec: n.unschedulable ? { unschedulable: true } : {},
        }));
        return send(200, { apiVersion: "v1", kind: "NodeList", metadata: {}, items });
      }
      if (req.method === "DELETE" && u.pathname.startsWith(`${podList}/`)) {
        return send(200, podJson(o.namespace, o.pods.find((p) => u.pathname.endsWith(`/${p.name}`)) ?? { name: "x", node: "n" }));
      }
      if (req.method === "PATCH" && u.pathname.startsWith("/api/v1/nodes/")) {
        return send(200, { apiVersion: "v1", kind: "Node", metadata: { name: u.pathname.split("/").pop() } });
      }
      if (req.method === "POST" && u.pathname.endsWith("/eviction")) {
        const name = u.pathname.split("/").slice(-2)[0];
        if (o.evictionBlocked?.includes(name)) {
          return send(429, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "TooManyRequests", code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." });
        }
        return send(201, { kind: "Status", apiVersion: "v1", status: "Success", code: 201 });
      }
      send(404, { kind: "Status", apiVersion: "v1", status: "Failure", code: 404, message: `no route ${req.method} ${u.pathname}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dirs: string[] = [];
  return {
    url,
    calls,
    writes: () => calls.filter((c) => c.method !== "GET"),
    waitFor: (pred) =>
      calls.some(pred) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pred, resolve })),
    kubeconfig(ctx = "stub") {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-kube-"));
      dirs.push(dir);
      const file = path.join(dir, "config");
      fs.writeFileSync(
        file,
        [
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          `- name: stub\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
          "users:",
          "- name: stub\n  user:\n    token: test-token",
          "contexts:",
          `- name: ${ctx}\n  context:\n    cluster: stub\n    user: stub`,
          "current-context: other",
          "",
        ].join("\n"),
      );
      return file;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
