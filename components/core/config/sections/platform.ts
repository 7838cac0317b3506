import { SIZE } from "../grammar";
import { bool, int, obj, str } from "../schema";

const quorum = (what: string) =>
  obj(
    {
      enabled: bool({ doc: `Install bundled ${what}.`, default: false }),
      replicas: int({ doc: `${what} replicas (odd, ≥ 3 for quorum).`, default: 3, min: 1, max: 9 }),
      storageSize: str({ doc: `${what} volume size.`, default: "10Gi", grammar: SIZE }),
    },
    { doc: `Bundled ${what} (off: Dynamo uses Kubernetes discovery and TCP by default).`, optional: true },
  );

/** `dynamo-ha:platform` — the Dynamo operator and its optional stores. */
export const platformSection = obj(
  {
    operatorReplicas: int({ doc: "Operator replicas (its admission webhook is fail-closed: ≥ 2 in HA mode).", default: 2, min: 1, max: 5 }),
    etcd: quorum("etcd"),
    nats: quorum("NATS"),
    grove: bool({ doc: "Install Grove (version-locked to the platform).", default: false }),
    kaiScheduler: bool({ doc: "Install the KAI scheduler (version-locked to the platform).", default: false }),
    protectCrds: bool({
      doc: "Protect the Dynamo CRDs (`protect`); they are always retained on delete, since deleting a CRD deletes every graph. Set false only to let `pulumi destroy` finish; the CRDs then stay in the cluster.",
      default: true,
    }),
    helmTimeoutSeconds: int({ doc: "How long the platform Helm release may take to install or upgrade.", default: 900, min: 60, max: 3600 }),
  },
  { doc: "Dynamo platform chart.", optional: true },
);
