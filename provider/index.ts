// The component provider's entry (PulumiPlugin.yaml): `pulumi package add <git url>` launches it to read
// the schema and generate an SDK, and programs in any Pulumi language construct the components through it.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { PACKAGE_NAME, PROVIDED_COMPONENTS, PROVIDER_DIR } from "./components";

void componentProviderHost({ name: PACKAGE_NAME, components: PROVIDED_COMPONENTS, dirname: PROVIDER_DIR });
