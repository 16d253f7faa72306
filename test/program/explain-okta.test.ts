// explain on an Okta stack: the same report as for Entra, with the group itself where Entra shows
// a nesting path, and a note that Okta groups do not nest.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { oktaDemoOrg } from "../../bench/demo/okta-org";
import type { OktaEmulator } from "../../bench/emulators/okta";
import { explainPerson } from "../../program/explain";
import { renderExplanation } from "../../report/explain-render";
import { CLIENT_ID, registeredKey, startTestOkta } from "../sources/okta/okta-setup";

const projectDir = path.resolve(__dirname, "..", "..", "..");
let em: OktaEmulator;

before(async () => {
  em = await startTestOkta(oktaDemoOrg());
});
after(() => em.close());

test("a member of an Okta group: the group itself, said to be flat where Entra shows a path; the Password Safe role it gives", async () => {
  const config: Record<string, string> = {
    directory: "okta",
    oktaOrgUrl: em.url,
    oktaClientId: CLIENT_ID,
    oktaKeyId: "k1",
    oktaPrivateKey: registeredKey.privateKeyPem,
    mappings: "stacks/okta-demo/mappings/access.yaml",
    now: "2026-07-10T09:00:00Z",
  };
  const e = await explainPerson({
    person: "dan.kim@northwind.example",
    stack: "okta-demo",
    projectDir,
    get: (k) => config[k],
    machineNow: () => assert.fail("read the machine's clock"),
  });
  assert.equal(e.person?.userPrincipalName, "dan.kim@northwind.example");
  const auditors = e.sources.find((s) => s.source === "auditors");
  assert.deepEqual(auditors?.paths, ["PS Auditors → dan.kim@northwind.example (direct member: Okta groups do not nest)"]);
  const ps = e.targets.find((t) => t.target === "passwordsafe");
  assert.ok(
    ps?.grants.some((g) => g.name === "Auditor"),
    JSON.stringify(ps?.grants),
  );
  assert.match(renderExplanation(e), /Okta groups do not nest/);
});
