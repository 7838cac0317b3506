import * as assert from "assert";
import { isOpenToEveryone, openRange } from "../../components/core/config/checks/open-cidr";

describe("API server ranges open to everyone (pure)", () => {
  it("finds prefix-0 ranges of either family and nothing else", () => {
    for (const c of ["0.0.0.0/0", "::/0", " 0.0.0.0/00 "]) assert.ok(isOpenToEveryone(c), c);
    for (const c of ["203.0.113.0/24", "10.0.0.0/8", "0.0.0.0/1", "2001:db8::/32", "10.0.0.0/10"]) assert.ok(!isOpenToEveryone(c), c);
    assert.strictEqual(openRange(["203.0.113.0/24", "0.0.0.0/0"]), "0.0.0.0/0");
    assert.strictEqual(openRange(["203.0.113.0/24"]), undefined);
  });
});
