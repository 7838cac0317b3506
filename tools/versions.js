// Printed first by `npm test`: which Node and Pulumi SDK the suite actually ran on.
const sdk = require("@pulumi/pulumi/package.json").version;
const [major] = process.versions.node.split(".").map(Number);
console.log(`node ${process.version} (${process.execPath}); @pulumi/pulumi ${sdk}`);
if (major < 22) {
  console.error(`node ${process.version} is too old for @pulumi/pulumi ${sdk} (needs >= 22); run through npm so node_modules/.bin/node is used`);
  process.exit(1);
}
