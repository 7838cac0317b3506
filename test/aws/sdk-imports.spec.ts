// components/aws/sdk/* take each provider class from its own file, skipping the service index's
// mixins. Each name must be the very class (or function) the index exports, so a provider upgrade that
// moves or renames a file fails here, not in a user's `pulumi up`.
import * as assert from "assert";
import * as cloudwatch from "../../components/aws/sdk/cloudwatch";
import * as ec2 from "../../components/aws/sdk/ec2";
import * as iam from "../../components/aws/sdk/iam";
import * as s3 from "../../components/aws/sdk/s3";

const SERVICES: Record<string, object> = { cloudwatch, ec2, iam, s3 };

describe("provider classes imported file by file (components/aws/sdk)", () => {
  for (const [service, mod] of Object.entries(SERVICES)) {
    it(`${service}: every name is the @pulumi/aws/${service} index's own export`, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const index = require(`@pulumi/aws/${service}`) as Record<string, unknown>;
      const names = Object.keys(mod).filter((k) => k !== "__esModule");
      assert.ok(names.length > 0);
      for (const name of names) {
        const own = (mod as Record<string, unknown>)[name];
        assert.strictEqual(typeof own, "function", `${service}.${name}`);
        assert.strictEqual(own, index[name], `${service}.${name} is the index's ${name}`);
      }
    });
  }
});
