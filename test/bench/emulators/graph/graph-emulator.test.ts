// The Graph emulator against the vendor contract, over plain HTTPS: routes, paging, $select,
// $filter, error bodies and the token endpoint's checks.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { request } from "undici";
import { trustCaBundle } from "../../../../lib/ca-bundle";
import { demoTenant, demoTenantV2Path, startGraphEmulator, type GraphEmulator } from "../../../../bench/emulators/graph";

const CLIENT_ID = "1b40edc3-4f55-43b7-800d-8ee204f01e50";
const SECRET = "emulator-test-secret~value";
const ids = {
  linuxAdmins: "ac37f319-bfb3-4247-ade8-a06b9ab8ea2d",
  platformSre: "a280cc06-fbd1-402a-b3bb-d3b9c27bdb43",
  windowsOperators: "3c6fe58b-417d-45c9-aca6-ce44decaa1ee",
  alice: "2249d617-3e3a-4242-8940-0085c0179da7",
  bob: "325e34c1-b834-4b23-aa89-60958d532619",
  carol: "560dcfc5-3ba4-457e-9a85-b5084edb1171",
  device: "670f0664-176e-441f-908b-f9b32b6be6b2",
  deployBot: "2be7f382-85ba-4f0e-9fd2-45265e1022ac",
  praServicePrincipal: "3f31373e-aafe-4c40-a645-e0b9fda38a56",
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

async function call(url: string, init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await request(url, { method: init.method ?? "GET", headers: init.headers, body: init.body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function tokenRequest(em: GraphEmulator, fields: Record<string, string>, tenant = em.tenantId): Promise<Answer> {
  return call(`${em.url}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const secretGrant = (overrides: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: CLIENT_ID,
  client_secret: SECRET,
  scope: "https://graph.microsoft.com/.default",
  ...overrides,
});

function jwt(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part(header)}.${part(payload)}.${Buffer.from("not-verified").toString("base64url")}`;
}

const now = () => Math.floor(Date.now() / 1000);

function assertAadError(answer: Answer, status: number, error: string, aadsts: number): void {
  assert.equal(answer.status, status);
  assert.equal(answer.body.error, error);
  assert.deepEqual(answer.body.error_codes, [aadsts]);
  assert.match(answer.body.error_description, new RegExp(`^AADSTS${aadsts}: `));
  for (const field of ["timestamp", "trace_id", "correlation_id"]) assert.equal(typeof answer.body[field], "string", field);
}

function assertGraphError(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status);
  assert.equal(answer.body.error.code, code);
  assert.equal(typeof answer.body.error.message, "string");
  const inner = answer.body.error.innerError;
  assert.match(inner.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(inner["request-id"], answer.headers["request-id"]);
  assert.equal(typeof inner["client-request-id"], "string");
}

describe("Graph emulator", () => {
  let em: GraphEmulator;
  let bearer: Record<string, string>;
  const graph = (pathAndQuery: string, headers = bearer) => call(`${em.url}/v1.0${pathAndQuery}`, { headers });
  /** The values of this page and every page its nextLinks lead to. */
  const everyPage = async (first: Answer): Promise<Record<string, any>[]> => {
    assert.equal(first.status, 200);
    const values = [...first.body.value];
    let next: string | undefined = first.body["@odata.nextLink"];
    while (next) {
      const page = await call(next, { headers: bearer });
      values.push(...page.body.value);
      next = page.body["@odata.nextLink"];
    }
    return values;
  };

  before(async () => {
    em = await startGraphEmulator({ tenant: demoTenant(), pageSizeCap: 2, clientSecrets: { [CLIENT_ID]: SECRET } });
    trustCaBundle(em.caFile);
    const issued = await tokenRequest(em, secretGrant());
    assert.equal(issued.status, 200);
    bearer = { authorization: `Bearer ${issued.body.access_token}` };
  });
  after(() => em.close());

  describe("identity platform", () => {
    test("token endpoint issues a bearer token for the right secret, also for a verified domain as tenant", async () => {
      const byDomain = await tokenRequest(em, secretGrant(), "contoso.com");
      assert.equal(byDomain.status, 200);
      assert.equal(byDomain.body.token_type, "Bearer");
      assert.ok(byDomain.body.expires_in > 3000 && byDomain.body.expires_in <= 3599);
      assert.equal(typeof byDomain.body.access_token, "string");
    });

    test("a wrong secret is 401 invalid_client AADSTS7000215 and the body does not echo it", async () => {
      const answer = await tokenRequest(em, secretGrant({ client_secret: "wrong-secret-123" }));
      assertAadError(answer, 401, "invalid_client", 7000215);
      assert.ok(!JSON.stringify(answer.body).includes("wrong-secret-123"));
    });

    test("unknown client, unknown tenant, missing credential, bad scope and bad grant get their AAD errors", async () => {
      assertAadError(await tokenRequest(em, secretGrant({ client_id: "00000000-1111-2222-3333-444444444444" })), 400, "unauthorized_client", 700016);
      assertAadError(await tokenRequest(em, secretGrant(), "fabrikam.com"), 400, "invalid_request", 90002);
      const { client_secret: _omitted, ...noCredential } = secretGrant();
      assertAadError(await tokenRequest(em, noCredential), 401, "invalid_client", 7000218);
      assertAadError(await tokenRequest(em, secretGrant({ scope: "User.Read" })), 400, "invalid_scope", 1002012);
      assertAadError(await tokenRequest(em, secretGrant({ scope: "https://management.azure.com/.default" })), 400, "invalid_resource", 500011);
      assertAadError(await tokenRequest(em, secretGrant({ grant_type: "password" })), 400, "unsupported_grant_type", 70003);
    });

    test("client assertions: well-formed self-issued (certificate) and federated ones pass, others get their AADSTS code", async () => {
      const tokenEndpoint = `${em.url}/${em.tenantId}/oauth2/v2.0/token`;
      const assertionGrant = (assertion: string) => ({
        grant_type: "client_credentials",
        client_id: CLIENT_ID,
        scope: "https://graph.microsoft.com/.default",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      });
      const certificateStyle = { iss: CLIENT_ID, sub: CLIENT_ID, aud: tokenEndpoint, exp: now() + 600, nbf: now() - 10, jti: "1" };
      const federated = {
        iss: "https://token.actions.githubusercontent.com",
        sub: "repo:contoso/pam-access:environment:production",
        aud: "api://AzureADTokenExchange",
        exp: now() + 600,
      };
      const header = { alg: "RS256", typ: "JWT" };
      assert.equal((await tokenRequest(em, assertionGrant(jwt(header, certificateStyle)))).status, 200);
      assert.equal((await tokenRequest(em, assertionGrant(jwt(header, federated)))).status, 200);

      assertAadError(await tokenRequest(em, assertionGrant("not-a-jwt")), 400, "invalid_request", 50027);
      assertAadError(await tokenRequest(em, assertionGrant(jwt({ alg: "none" }, certificateStyle))), 400, "invalid_request", 50027);
      assertAadError(await tokenRequest(em, assertionGrant(jwt(header, { ...certificateStyle, exp: now() - 3600 }))), 400, "invalid_client", 700024);
      assertAadError(
        await tokenRequest(em, assertionGrant(jwt(header, { ...certificateStyle, aud: "https://elsewhere.example/token" }))),
        400,
        "invalid_client",
        700023,
      );
      assertAadError(await tokenRequest(em, assertionGrant(jwt(header, { ...certificateStyle, sub: "someone-else" }))), 400, "invalid_client", 700021);
      assertAadError(await tokenRequest(em, assertionGrant(jwt(header, { ...federated, iss: "https://gitlab.example" }))), 400, "invalid_client", 700211);
      assertAadError(
        await tokenRequest(em, assertionGrant(jwt(header, { ...federated, sub: "repo:contoso/other:ref:refs/heads/main" }))),
        400,
        "invalid_client",
        700213,
      );
      assertAadError(await tokenRequest(em, assertionGrant(jwt(header, { ...federated, aud: "api://other" }))), 400, "invalid_client", 700212);
    });

    test("OpenID and instance discovery metadata point back at the emulator", async () => {
      const config = await call(`${em.url}/contoso.com/v2.0/.well-known/openid-configuration`);
      assert.equal(config.status, 200);
      assert.equal(config.body.token_endpoint, `${em.url}/${em.tenantId}/oauth2/v2.0/token`);
      assert.equal(config.body.issuer, `${em.url}/${em.tenantId}/v2.0`);
      assert.equal(config.body.authorization_endpoint, `${em.url}/${em.tenantId}/oauth2/v2.0/authorize`);
      const discovery = await call(`${em.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`);
      assert.equal(discovery.body.tenant_discovery_endpoint, `${em.url}/common/v2.0/.well-known/openid-configuration`);
      assert.deepEqual(discovery.body.metadata[0].aliases, [new URL(em.url).host]);
    });
  });

  describe("Graph authentication", () => {
    test("no token, a made-up token and an expired token are 401 InvalidAuthenticationToken with Graph's error body", async () => {
      const none = await graph(`/groups/${ids.linuxAdmins}`, {});
      assertGraphError(none, 401, "InvalidAuthenticationToken");
      assert.match(String(none.headers["www-authenticate"]), /^Bearer /);
      assertGraphError(await graph(`/groups/${ids.linuxAdmins}`, { authorization: "Bearer made-up" }), 401, "InvalidAuthenticationToken");

      const own = await tokenRequest(em, secretGrant());
      const headers = { authorization: `Bearer ${own.body.access_token}`, "client-request-id": "my-correlation-id" };
      assert.equal((await graph(`/groups/${ids.linuxAdmins}`, headers)).status, 200);
      em.expireTokens();
      const expired = await graph(`/groups/${ids.linuxAdmins}`, headers);
      assertGraphError(expired, 401, "InvalidAuthenticationToken");
      assert.equal(expired.body.error.innerError["client-request-id"], "my-correlation-id");
      bearer = { authorization: `Bearer ${(await tokenRequest(em, secretGrant())).body.access_token}` };
    });

    test("tokens can be set to expire after a number of Graph requests", async () => {
      em.expireTokensAfterGraphRequests(2);
      assert.equal((await graph(`/groups/${ids.linuxAdmins}`)).status, 200);
      assert.equal((await graph(`/groups/${ids.linuxAdmins}`)).status, 200);
      assert.equal((await graph(`/groups/${ids.linuxAdmins}`)).status, 401);
      bearer = { authorization: `Bearer ${(await tokenRequest(em, secretGrant())).body.access_token}` };
    });
  });

  describe("directory endpoints", () => {
    test("groups filter by display name: exact phrase, case-insensitive, OData '' escaping, several matches", async () => {
      const linux = await graph(`/groups?$filter=${encodeURIComponent("displayName eq 'pra linux admins'")}&$select=id,displayName`);
      assert.equal(linux.status, 200);
      assert.equal(linux.body["@odata.context"], `${em.url}/v1.0/$metadata#groups(id,displayName)`);
      assert.deepEqual(linux.body.value, [{ id: ids.linuxAdmins, displayName: "PRA Linux Admins" }]);

      const duplicates = await graph(`/groups?$filter=${encodeURIComponent("displayName eq 'Duplicate Name'")}&$select=id&$top=5`);
      assert.equal(duplicates.body.value.length, 2);

      em.state.tenant.groups.push({ id: "fcf9c90c-f1b2-4af6-9f01-6615e1b1d999", displayName: "O'Brien's Team", members: [] });
      try {
        const quoted = await graph(`/groups?$filter=${encodeURIComponent("displayName eq 'O''Brien''s Team'")}&$select=id`);
        assert.deepEqual(quoted.body.value, [{ id: "fcf9c90c-f1b2-4af6-9f01-6615e1b1d999" }]);
        const unescaped = await graph(`/groups?$filter=${encodeURIComponent("displayName eq 'O'Brien's Team'")}`);
        assertGraphError(unescaped, 400, "BadRequest");
      } finally {
        em.state.tenant.groups.pop();
      }
      assertGraphError(await graph(`/groups?$filter=${encodeURIComponent("startswith(displayName,'PRA')")}`), 400, "Request_UnsupportedQuery");
      assertGraphError(await graph(`/groups?$filter=${encodeURIComponent("visibility eq 'Public'")}`), 400, "Request_UnsupportedQuery");
    });

    test("a group by id; unknown id is 404 Request_ResourceNotFound; a malformed id is 400", async () => {
      const group = await graph(`/groups/${ids.platformSre}?$select=id,displayName`);
      assert.deepEqual(group.body, {
        "@odata.context": `${em.url}/v1.0/$metadata#groups(id,displayName)/$entity`,
        id: ids.platformSre,
        displayName: "Platform SRE",
      });
      assert.match(String(group.headers["content-type"]), /^application\/json;odata\.metadata=minimal/);
      assertGraphError(await graph("/groups/00000000-0000-4000-8000-000000000000"), 404, "Request_ResourceNotFound");
      assertGraphError(await graph("/groups/not-a-guid"), 400, "Request_BadRequest");
      assertGraphError(await graph("/groupz"), 400, "BadRequest");
    });

    test("transitiveMembers flattens nesting, lists the nested group itself, and types every object", async () => {
      const all = await everyPage(await graph(`/groups/${ids.linuxAdmins}/transitiveMembers?$select=id&$top=999`));
      assert.equal(all.length, 5, "each object once");
      assert.deepEqual(Object.fromEntries(all.map((o) => [o.id, o["@odata.type"]])), {
        [ids.platformSre]: "#microsoft.graph.group",
        [ids.alice]: "#microsoft.graph.user",
        [ids.carol]: "#microsoft.graph.user",
        [ids.device]: "#microsoft.graph.device",
        [ids.deployBot]: "#microsoft.graph.servicePrincipal",
      });
      const direct = await graph(`/groups/${ids.platformSre}/members?$select=id`);
      assert.deepEqual(direct.body.value, [{ "@odata.type": "#microsoft.graph.user", id: ids.alice }]);
      assert.equal(direct.body["@odata.context"], `${em.url}/v1.0/$metadata#directoryObjects(id)`);
    });

    test("paging: the page cap wins over $top, nextLink repeats the query with an opaque $skiptoken, a tampered token is refused", async () => {
      const first = await graph(`/groups/${ids.linuxAdmins}/transitiveMembers?$select=id,userPrincipalName&$top=999`);
      assert.equal(first.body.value.length, 2);
      const next = new URL(first.body["@odata.nextLink"]);
      assert.equal(next.origin + next.pathname, `${em.url}/v1.0/groups/${ids.linuxAdmins}/transitiveMembers`);
      assert.equal(next.searchParams.get("$select"), "id,userPrincipalName");
      assert.equal(next.searchParams.get("$top"), "999");
      const skiptoken = next.searchParams.get("$skiptoken")!;
      assert.ok(!/^\d+$/.test(skiptoken), "the token must not be a plain offset");

      const second = await call(next.href, { headers: bearer });
      assert.equal(second.body.value.length, 2);
      const third = await call(second.body["@odata.nextLink"], { headers: bearer });
      assert.equal(third.body.value.length, 1);
      assert.equal(third.body["@odata.nextLink"], undefined);

      next.searchParams.set("$skiptoken", skiptoken.slice(0, -2) + "xx");
      assertGraphError(await call(next.href, { headers: bearer }), 400, "Directory_ExpiredPageToken");
      // A token belongs to the request it was issued for.
      assertGraphError(
        await graph(`/groups/${ids.windowsOperators}/transitiveMembers?$select=id,userPrincipalName&$top=999&$skiptoken=${skiptoken}`),
        400,
        "Directory_ExpiredPageToken",
      );
    });

    test("$top above 999 or below 1 is 400 Request_UnsupportedQuery; unimplemented options are refused, not ignored", async () => {
      assertGraphError(await graph(`/groups/${ids.linuxAdmins}/transitiveMembers?$top=1000`), 400, "Request_UnsupportedQuery");
      assertGraphError(await graph(`/groups?$top=0`), 400, "Request_UnsupportedQuery");
      assertGraphError(await graph(`/groups/${ids.linuxAdmins}/members?$orderby=displayName`), 400, "Request_UnsupportedQuery");
    });

    test("$select: users without it lack accountEnabled (Graph's default set); selected unset properties are null; unknown ones are 400", async () => {
      const plain = await graph(`/users/${ids.carol}`);
      assert.equal(plain.body.userPrincipalName, "carol@contoso.com");
      assert.equal("accountEnabled" in plain.body, false);
      assert.equal(plain.body["@odata.context"], `${em.url}/v1.0/$metadata#users/$entity`);

      const selected = await graph(`/users/breakglass@contoso.com?$select=id,accountEnabled,mail,employeeId,department`);
      assert.deepEqual(selected.body, {
        "@odata.context": `${em.url}/v1.0/$metadata#users(id,accountEnabled,mail,employeeId,department)/$entity`,
        id: "8a46768a-e865-4f36-85e5-54b529f0a8cf",
        accountEnabled: true,
        mail: null,
        employeeId: null,
        department: null,
      });
      assertGraphError(await graph(`/users/${ids.carol}?$select=id,favouriteColour`), 400, "Request_BadRequest");

      const members = await everyPage(await graph(`/groups/${ids.linuxAdmins}/transitiveMembers?$select=id,userPrincipalName,accountEnabled`));
      const byId = new Map(members.map((o) => [o.id, o]));
      assert.deepEqual(byId.get(ids.device), { "@odata.type": "#microsoft.graph.device", id: ids.device, accountEnabled: true });
      assert.deepEqual(byId.get(ids.carol), {
        "@odata.type": "#microsoft.graph.user",
        id: ids.carol,
        userPrincipalName: "carol@contoso.com",
        accountEnabled: false,
      });
    });

    test("directoryObjects/{id} serves any object type with @odata.type", async () => {
      const device = await graph(`/directoryObjects/${ids.device}?$select=id,displayName`);
      assert.deepEqual(device.body, {
        "@odata.context": `${em.url}/v1.0/$metadata#directoryObjects(id,displayName)/$entity`,
        "@odata.type": "#microsoft.graph.device",
        id: ids.device,
        displayName: "build-agent-01",
      });
      assertGraphError(await graph("/directoryObjects/00000000-0000-4000-8000-000000000000"), 404, "Request_ResourceNotFound");
    });

    test("servicePrincipals by appId, with app roles; appRoleAssignedTo derives principal and resource fields", async () => {
      const found = await graph(
        `/servicePrincipals?$filter=${encodeURIComponent("appId eq '3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01'")}&$select=id,displayName,appRoles`,
      );
      assert.equal(found.body.value.length, 1);
      assert.equal(found.body.value[0].id, ids.praServicePrincipal);
      assert.deepEqual(
        found.body.value[0].appRoles.map((r: { value: string }) => r.value),
        ["operator", "auditor"],
      );

      const assignments = await graph(`/servicePrincipals/${ids.praServicePrincipal}/appRoleAssignedTo`);
      assert.equal(assignments.body["@odata.context"], `${em.url}/v1.0/$metadata#servicePrincipals('${ids.praServicePrincipal}')/appRoleAssignedTo`);
      assert.deepEqual(
        assignments.body.value.map((a: Record<string, unknown>) => [a.principalType, a.principalDisplayName, a.appRoleId, a.resourceId, a.resourceDisplayName]),
        [
          ["Group", "PRA Windows Operators", "552e78d9-825a-4bdf-8c69-6d3a6702d05a", ids.praServicePrincipal, "BeyondTrust PRA"],
          ["User", "Ivan Petrov", "69962a14-b0e2-4a91-9722-b86b5c91db9c", ids.praServicePrincipal, "BeyondTrust PRA"],
        ],
      );
      assertGraphError(await graph("/servicePrincipals/00000000-0000-4000-8000-000000000000/appRoleAssignedTo"), 404, "Request_ResourceNotFound");
    });
  });

  describe("fault knobs and tenant versions", () => {
    test("an injected 429 carries Retry-After and Graph's error body", async () => {
      em.faults.inject({ status: 429, retryAfterSeconds: 7, times: 1, path: "/v1.0/groups" });
      const throttled = await graph(`/groups/${ids.linuxAdmins}`);
      assertGraphError(throttled, 429, "TooManyRequests");
      assert.equal(throttled.headers["retry-after"], "7");
      assert.equal((await graph(`/groups/${ids.linuxAdmins}`)).status, 200);
    });

    test("loadTenant swaps to version 2 mid-test: bob keeps his id under a new UPN; tokens stay valid", async () => {
      const emulator = await startGraphEmulator({ tenant: demoTenant(), clientSecrets: { [CLIENT_ID]: SECRET } });
      try {
        const token = (await tokenRequest(emulator, secretGrant())).body.access_token;
        const bob = () => call(`${emulator.url}/v1.0/users/${ids.bob}?$select=userPrincipalName,mail`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal((await bob()).body.userPrincipalName, "bob@contoso.com");
        emulator.loadTenant(demoTenantV2Path);
        const renamed = await bob();
        assert.equal(renamed.body.id, ids.bob);
        assert.equal(renamed.body.userPrincipalName, "robert@contoso.com");
        assert.equal(renamed.body.mail, "robert@contoso.com");
      } finally {
        await emulator.close();
      }
    });

    test("an inconsistent fixture is refused at start", async () => {
      const broken = demoTenant();
      broken.groups[0].members.push("00000000-0000-4000-8000-00000000dead");
      await assert.rejects(startGraphEmulator({ tenant: broken }), /unknown member/);
    });
  });
});
