// One run of a policy pack as the Pulumi CLI runs it: the SDK's launcher (`run-policy-pack <engine>
// <pack>`; the pack ships compiled, so nothing is type-checked at start) prints its gRPC port; the engine side then
// speaks the analyzer protocol to it. A loopback Engine service answers the launcher's engine address.
import { ChildProcess, spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as grpc from "@grpc/grpc-js";
import { ResourceRecord } from "../records";
import { Level, PolicyMeta, PolicySetting } from "./config";
import { analyzerGrpc, analyzerPb, enginePb, engineGrpc, Struct } from "./proto";
import { readPort, stopChild } from "./launcher";
import { analyzable, analyzeRequestBytes, analyzeStackRequestBytes, propertiesField, providerIndex } from "./wire";
import { PROJECT_ROOT } from "../../../stacks/project-root";

export const DEFAULT_PACK_DIR = path.join(PROJECT_ROOT, "policy");

export interface Diagnostic {
  policy: string;
  level: Level;
  urn: string;
  message: string;
}

export interface SessionOptions {
  packDir?: string;
  project: string;
  stack: string;
  /** Startup bound (default 120 s). */
  startTimeoutMs?: number;
  /** Bound for each RPC (default 60 s). */
  callTimeoutMs?: number;
  /**
   * The launcher script, run with this Node in `packDir` as `<launcher> <engine address> .`; it must
   * print the pack's port. @default the SDK's `@pulumi/pulumi/cmd/run-policy-pack`, as the CLI runs it
   */
  launcher?: string;
}

export interface PackInfo {
  name: string;
  version: string;
  policies: PolicyMeta[];
  initialConfig: Record<string, PolicySetting>;
}

const MAX_MSG = 400 * 1024 * 1024;
/** pulumirpc.EnforcementLevel numbers. */
const LEVEL_OF: Record<number, Level> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_CODE: Record<Level, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

export class AnalyzerSession {
  readonly logs: string[] = [];
  /** How long the last AnalyzeStack call took (ms), for the benchmark. */
  lastAnalyzeStackMs = 0;
  private stderr = "";
  private constructor(
    private readonly child: ChildProcess,
    private readonly engine: grpc.Server,
    private readonly client: grpc.Client,
    private readonly callTimeoutMs: number,
  ) {}

  /** Starts the pack through the launcher; on any failure everything started is stopped again. */
  static async start(o: SessionOptions): Promise<AnalyzerSession> {
    const packDir = o.packDir ?? DEFAULT_PACK_DIR;
    const logs: string[] = [];
    const engine = await startEngine(logs);
    let child: ChildProcess | undefined;
    let client: grpc.Client | undefined;
    try {
      const launcher = o.launcher ?? require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
      child = spawn(process.execPath, [launcher, `127.0.0.1:${engine.port}`, "."], {
        cwd: packDir,
        // As the CLI's analyzer host sets them (stack config would go in PULUMI_CONFIG).
        // NODE_COMPILE_CACHE: the pack's modules are compiled once per machine, not on every start.
        env: { NODE_COMPILE_CACHE: path.join(os.tmpdir(), "node-compile-cache"), ...process.env, PULUMI_CONFIG: "{}", PULUMI_NODEJS_PROJECT: o.project, PULUMI_NODEJS_STACK: o.stack, PULUMI_NODEJS_DRY_RUN: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // A spawn or kill failure is an 'error' event, which would crash this process if nobody listened.
      // readPort turns one before the port into a rejection; later ones join the stderr tail that
      // RPC errors quote.
      const spawned = child;
      const started: { session?: AnalyzerSession } = {};
      const tail = (text: string) => {
        if (started.session) started.session.stderr = (started.session.stderr + text).slice(-8000);
      };
      spawned.on("error", (e: Error) => tail(`\npolicy pack launcher: ${e.message}\n`));
      const port = await readPort(spawned, o.startTimeoutMs ?? 120_000);
      client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MSG,
        "grpc.max_send_message_length": MAX_MSG,
      });
      const s = (started.session = new AnalyzerSession(spawned, engine.server, client, o.callTimeoutMs ?? 60_000));
      s.logs.push(...logs);
      spawned.stderr?.on("data", (d: Buffer) => tail(d.toString()));
      await s.handshake(packDir, engine.port);
      return s;
    } catch (e) {
      client?.close();
      if (child) await stopChild(child);
      engine.server.forceShutdown();
      throw e;
    }
  }

  /** @param encode the request's wire encoder; the method's own unless the request comes encoded. */
  private call<Req, Res>(method: keyof typeof analyzerGrpc.AnalyzerService, req: Req, encode?: (r: Req) => Buffer): Promise<Res> {
    const def = analyzerGrpc.AnalyzerService[method] as unknown as grpc.MethodDefinition<Req, Res>;
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + this.callTimeoutMs);
      this.client.makeUnaryRequest(def.path, encode ?? def.requestSerialize, def.responseDeserialize, req, new grpc.Metadata(), { deadline }, (e, r) => {
        if (e) reject(Object.assign(new Error(`${String(method)}: ${e.details || e.message}${this.stderr ? `\n${this.stderr.trim()}` : ""}`), { code: e.code }));
        else resolve(r as Res);
      });
    });
  }

  /** Newer engines hand the analyzer its engine address here; packs that predate it answer UNIMPLEMENTED. */
  private async handshake(packDir: string, enginePort: number): Promise<void> {
    const req = new analyzerPb.AnalyzerHandshakeRequest();
    req.setEngineAddress(`127.0.0.1:${enginePort}`);
    req.setRootDirectory(packDir);
    req.setProgramDirectory(packDir);
    try {
      await this.call("handshake", req);
    } catch (e) {
      if ((e as { code?: number }).code !== grpc.status.UNIMPLEMENTED) throw e;
    }
  }

  async info(): Promise<PackInfo> {
    // The request is google.protobuf.Empty from the SDK's own protobuf copy.
    const def = analyzerGrpc.AnalyzerService.getAnalyzerInfo as unknown as { requestType: new () => unknown };
    const res = await this.call<unknown, analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new def.requestType());
    const initialConfig: Record<string, PolicySetting> = {};
    res.getInitialconfigMap().forEach((v, k) => {
      initialConfig[k] = { level: LEVEL_OF[v.getEnforcementlevel()] ?? "advisory", props: (v.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown> };
    });
    return {
      name: res.getName(),
      version: res.getVersion(),
      initialConfig,
      policies: res.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          enforcementLevel: LEVEL_OF[p.getEnforcementlevel()] ?? "advisory",
          properties: (schema?.getProperties()?.toJavaScript() ?? {}) as PolicyMeta["properties"],
          required: schema?.getRequiredList() ?? [],
        };
      }),
    };
  }

  async configureStack(project: string, stack: string): Promise<void> {
    const req = new analyzerPb.AnalyzerStackConfigureRequest();
    req.setProject(project);
    req.setStack(stack);
    req.setDryRun(true);
    await this.call("configureStack", req);
  }

  async configure(settings: Map<string, PolicySetting>): Promise<void> {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const m = req.getPolicyconfigMap();
    for (const [name, s] of settings) {
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_CODE[s.level] as analyzerPb.EnforcementLevel);
      pc.setProperties(Struct.fromJavaScript(s.props as Record<string, never>));
      m.set(name, pc);
    }
    await this.call("configure", req);
  }

  /** `Analyze` for every resource (bounded concurrency), then one `AnalyzeStack` with all of them. */
  async analyze(records: readonly ResourceRecord[], concurrency = 64): Promise<Diagnostic[]> {
    const provider = providerIndex(records);
    const todo = analyzable(records);
    const properties = todo.map((r) => propertiesField(r.inputs));
    const perResource: Diagnostic[][] = new Array(todo.length);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const i = next++;
        const res = await this.call<Buffer, analyzerPb.AnalyzeResponse>("analyze", analyzeRequestBytes(todo[i], provider, properties[i]), (b) => b);
        perResource[i] = diagnostics(res, todo[i].urn);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    // The engine encodes its request before it calls (in Go); encoding here first keeps this client's
    // encoder out of the time, which measures the pack: transfer, decode, policies.
    const encoded = analyzeStackRequestBytes(todo, provider, properties);
    const t = performance.now();
    const stackRes = await this.call<Buffer, analyzerPb.AnalyzeResponse>("analyzeStack", encoded, (b) => b);
    this.lastAnalyzeStackMs = performance.now() - t;
    return [...perResource.flat(), ...diagnostics(stackRes, "")];
  }

  /** Signals the pack to stop without waiting (for a process that is exiting); `close` is the orderly way. */
  terminate(): void {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    this.engine.forceShutdown();
  }

  /** Stops the pack process and the engine service; safe to call twice. */
  async close(): Promise<void> {
    this.client.close();
    await stopChild(this.child);
    this.engine.forceShutdown();
  }
}

function diagnostics(res: analyzerPb.AnalyzeResponse, urn: string): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: LEVEL_OF[d.getEnforcementlevel()] ?? "advisory",
    urn: d.getUrn() || urn,
    // The pack prefixes each message with the policy description; the report shows it once per policy elsewhere.
    message: stripPrefix(d.getMessage(), `${d.getDescription()}\n`),
  }));
}

function stripPrefix(s: string, prefix: string): string {
  return prefix.length > 1 && s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/** A loopback Engine service: the launcher is handed its address; Log calls are kept. */
async function startEngine(logs: string[]): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  const svc = engineGrpc.EngineService as unknown as Record<string, { responseType: new () => unknown }>;
  const empty = (m: string) => new svc[m].responseType();
  server.addService(engineGrpc.EngineService as unknown as grpc.ServiceDefinition, {
    log: (call: grpc.ServerUnaryCall<enginePb.LogRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      logs.push(call.request.getMessage());
      cb(null, empty("log"));
    },
    getRootResource: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, new enginePb.GetRootResourceResponse()),
    setRootResource: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, new enginePb.SetRootResourceResponse()),
    startDebugging: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, empty("startDebugging")),
    requirePulumiVersion: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, new enginePb.RequirePulumiVersionResponse()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { server, port };
}
