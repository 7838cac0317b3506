// The DR peer's store, read from the peer's stack outputs through a StackReference (never from a
// name built here). Peer first: a peer that is not deployed has no outputs, and the run stops with
// one line naming the stack to `pulumi up` first, before any replication resource takes a value.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../core/config/schema";
import { PeerStore, peerStore, PeerStoreExpectation, peerStackRef } from "../core/storage-plan";

/** `peerStack` is a stack of this project and organization (`<org>/<project>/<peerStack>`). */
export function readPeerStore(peerStack: string, want: PeerStoreExpectation, opts?: pulumi.CustomResourceOptions): pulumi.Output<PeerStore> {
  const ref = peerStackRef(pulumi.getOrganization(), pulumi.getProject(), peerStack);
  const sr = new pulumi.StackReference(`peer-${peerStack}`, { name: ref }, opts);
  // `outputs`, not requireOutput: a missing name must become our one line, not the SDK's error.
  // A reference the engine answers without outputs (an undeployed stack) reads as none.
  const outputs = (sr.outputs as pulumi.Output<Record<string, unknown> | undefined>).apply((o) => o ?? {});
  return outputs.apply((o) => {
    try {
      return peerStore(want, ref, o);
    } catch (e) {
      if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
      throw e;
    }
  });
}
