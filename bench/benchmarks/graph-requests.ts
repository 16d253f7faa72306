// How many Graph requests a directory read costs against a generated 10,000-user tenant, next to
// the least it could cost: one look-up per group reference plus one page per 999 objects of each
// group's transitiveMembers. Run: node .build/graph/bench/graph-requests.js
import { performance } from "node:perf_hooks";
import { generateTenant, startGraphEmulator } from "../emulators/graph";
import { DirectoryView } from "../emulators/graph/directory";
import { GRAPH_MAX_PAGE_SIZE } from "../emulators/graph/odata";
import { entraSettingsFromConfig, readDirectory } from "../../sources/entra";
import type { SourceRequest } from "../../sources/snapshot";

const CLIENT_ID = "1b40edc3-4f55-43b7-800d-8ee204f01e50";
const CLIENT_SECRET = "bench-only-secret";
const shape = { users: 10_000, groups: 20, nestingDepth: 2, seed: 20261122, devices: 50, servicePrincipals: 10, contacts: 10 };
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function main(): Promise<void> {
  const tenant = generateTenant(shape);
  const em = await startGraphEmulator({ tenant, clientSecrets: { [CLIENT_ID]: CLIENT_SECRET } });
  try {
    const config: Record<string, string> = {
      entraTenantId: em.tenantId,
      entraClientId: CLIENT_ID,
      entraCredential: "clientSecret",
      entraClientSecret: CLIENT_SECRET,
      entraAuthorityHost: em.url,
      graphBaseUrl: em.url,
      caBundle: em.caFile,
    };
    const settings = entraSettingsFromConfig((key) => config[key], {});
    const request: SourceRequest = {
      groups: tenant.groups.map((g) => ({ displayName: g.displayName })),
      applications: [],
      userAttributes: ["employeeId"],
    };

    const view = new DirectoryView(tenant);
    const memberPages = tenant.groups.reduce((sum, g) => sum + Math.max(1, Math.ceil(view.transitiveMembers(g).length / GRAPH_MAX_PAGE_SIZE)), 0);
    const minimum = request.groups.length + memberPages;

    const started = performance.now();
    const snapshot = await readDirectory(request, settings, { concurrency });
    const elapsedMs = performance.now() - started;

    const tokenRequests = em.requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length;
    console.log(
      `Graph read of a generated tenant: ${shape.users} users, ${shape.groups} groups (nesting depth ${shape.nestingDepth}), concurrency ${concurrency}`,
    );
    console.log(`  users in snapshot:       ${Object.keys(snapshot.users).length}`);
    console.log(`  ignored objects:         ${JSON.stringify(snapshot.stats.ignored)}`);
    console.log(`  Graph requests:          ${snapshot.stats.requests}`);
    console.log(
      `  theoretical minimum:     ${minimum} (${request.groups.length} group look-ups + ${memberPages} member pages of up to ${GRAPH_MAX_PAGE_SIZE})`,
    );
    console.log(`  token requests:          ${tokenRequests}`);
    console.log(`  elapsed:                 ${elapsedMs.toFixed(0)} ms`);
  } finally {
    await em.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
