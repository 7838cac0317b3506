// The schema validator the other specs rely on must itself reject invalid objects.
import * as assert from "assert";
import { validateObject, validatePodTemplate } from "./fixtures";

describe("k8s test validator (kubernetes-models)", () => {
  it("accepts valid objects and rejects invalid ones", async () => {
    await validateObject({ apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: { ports: [{ port: 80 }] } });
    await assert.rejects(validateObject({ apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: { ports: [{ port: "eighty" }] } }));
    await validatePodTemplate({ spec: { containers: [{ name: "main", image: "x:1" }] } });
    await assert.rejects(validatePodTemplate({ spec: { containers: [{ name: "main", livenessProbe: { periodSeconds: "ten" } }] } }));
  });
});
