// Prints what a refresh of many PRA users costs: requests per user (the design's target is
// about one list call per page, not one read per object), time, and the size of the
// serialized `__provider` stub every resource carries in state.
import * as pulumi from "@pulumi/pulumi";
import { startPraEmulator } from "../emulators/pra";
import { newPraProcess } from "../../providers/pra/context";
import { praScimUserProviderFor, PraScimUsers } from "../../providers/pra/scim-user";

const USERS = Number(process.argv[2] ?? 2_000);

/** The `__provider` text every PRA user batch carries (the dynamic-resource factory's reference). */
function stubSize(): number {
  return PraScimUsers.providerReference.length;
}

async function main(): Promise<void> {
  const scimUsers = Array.from({ length: USERS }, (_, i) => ({
    userName: `user${i}@contoso.com`,
    externalId: `e-${i}`,
    displayName: `User ${i}`,
    active: true,
  }));
  const pra = await startPraEmulator({ seed: { scimUsers }, rateLimitPerSecond: 1_000_000, rateLimitPerHour: 1_000_000_000 });
  try {
    const values: Record<string, string> = {
      praUrl: pra.url,
      praScimToken: pra.scimToken,
      praClientId: pra.clientId,
      praClientSecret: pra.clientSecret,
      caBundle: pra.caFile,
    };
    const get = (key: string) => values[key.replace(/^pam-reconciler:/, "")];
    // A provider process of its own, as a refresh would start.
    const praScimUserProvider = praScimUserProviderFor(newPraProcess());
    await praScimUserProvider.configure({ config: { get, require: get } });
    const ids = [...pra.state.scimUsers()].map((u) => u.scim!.id);
    pra.requests.length = 0;
    const started = performance.now();
    let found = 0;
    for (const id of ids) if ((await praScimUserProvider.read(id, { onRemove: "deactivate" } as never)).id) found++;
    const ms = performance.now() - started;
    const requests = pra.requests.length;
    console.log(
      `refresh of ${USERS} PRA SCIM users: ${found} read back with ${requests} HTTP requests (${(requests / USERS).toFixed(3)} per user; page size 100 → minimum ${Math.ceil(USERS / 100)}) in ${ms.toFixed(0)} ms`,
    );
    console.log(`serialized __provider stub: ${stubSize()} characters per resource`);
  } finally {
    await pra.close();
  }
  void pulumi;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
