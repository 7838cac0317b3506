import * as assert from "assert";
import { ConfigError } from "../../components/core/config";
import { checkObservability } from "../../components/core/config/checks/observability";
import { config, PASSWORD } from "./fixtures";

describe("observability config rules", () => {
  it("installing the Prometheus stack without a Grafana password is a one-line config error", () => {
    const c = config({ observability: { installPrometheusStack: true } });
    assert.throws(() => checkObservability(c), (e: Error) => e instanceof ConfigError && /^dynamo-ha:observability\.grafanaAdminPassword: is required/.test(e.message) && !e.message.includes("\n"));
  });

  it("accepts the stack with a secret password, and no stack without one", () => {
    checkObservability(config({ observability: { installPrometheusStack: true, grafanaAdminPassword: PASSWORD } }));
    checkObservability(config());
  });

  it("refuses installing the stack with observability off", () => {
    const c = config({ observability: { enabled: false, installPrometheusStack: true, grafanaAdminPassword: PASSWORD } });
    assert.throws(() => checkObservability(c), /observability\.installPrometheusStack: needs observability\.enabled true/);
  });

  it("thresholds are range-checked by the schema", () => {
    assert.throws(() => config({ observability: { errorRatioThreshold: 2 } }), /errorRatioThreshold: must be a number ≥ 0.001 and ≤ 1, got 2/);
  });
});
