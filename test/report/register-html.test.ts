// The register page in a real headless browser (Debian's Chromium driven by playwright-core):
// what a person sees, filtering by person, group, system, guest, "expires soon" and "review
// overdue", each cell opening its why, clean printing, and no request leaving the one file.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import type { Register, RegisterRow } from "../../report/register";
import { registerHtml } from "../../report/register-html";

const CHROMIUM = "/usr/bin/chromium";
/** Outside CI a machine without Chromium skips the browser checks; CI installs it (.ci/run) and must run them. */
const skip = !fs.existsSync(CHROMIUM) && !process.env.CI ? `no ${CHROMIUM} (install it: apt-get install -y chromium; CI does)` : false;

const commit = { commit: "0123456789abcdef0123", date: "2026-03-02T10:00:00+00:00", author: "Alex Admin", subject: "On-call access (#42)", pullRequest: "#42" };
const row = (over: Partial<RegisterRow>): RegisterRow => ({
  userPrincipalName: "alice@contoso.com",
  objectId: "id-alice",
  displayName: "Alice",
  enabled: true,
  guest: false,
  target: "pra",
  targetTitle: "PRA",
  account: "alice@contoso.com",
  accountState: "active",
  accountReason: null,
  roleLocked: false,
  kind: "group policy",
  name: "Linux Administrators",
  detail: null,
  value: null,
  final: false,
  rule: 'group policy "Linux Administrators"',
  ruleAt: "stacks/prod/mappings/access.yaml:40",
  via: "linux-admins",
  viaKind: "group",
  paths: ["PRA Linux Admins → Platform SRE → alice@contoso.com"],
  groups: ["PRA Linux Admins", "Platform SRE"],
  until: null,
  expired: false,
  expiresInDays: null,
  applied: true,
  since: commit.date,
  sinceHow: "git",
  introducedBy: commit,
  approvedBy: commit,
  lastReview: "2026-03-01",
  reviewOwner: "team-sre",
  reviewDue: "2026-05-30",
  reviewOverdue: false,
  ...over,
});
const register: Register = {
  stack: "prod",
  now: "2026-06-01T00:00:00.000Z",
  sources: { since: "git log -L", applied: "the stack's accessRecord output" },
  rows: [
    row({}),
    row({
      target: "privx",
      targetTitle: "PrivX",
      kind: "role",
      name: "developers",
      rule: 'role "developers"',
      via: "privx-developers",
      paths: ["PrivX Developers → alice@contoso.com"],
      groups: ["PrivX Developers"],
    }),
    row({
      userPrincipalName: "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      objectId: "id-erin",
      account: "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      displayName: "Erin <Vendor>",
      guest: true,
      name: "Vendor Access",
      rule: 'group policy "Vendor Access"',
      via: "vendors",
      paths: ["PRA Vendors → erin"],
      groups: ["PRA Vendors"],
      until: "2026-06-05",
      expiresInDays: 5,
    }),
    row({
      userPrincipalName: "ivan@contoso.com",
      objectId: "id-ivan",
      account: "ivan@contoso.com",
      displayName: "Ivan",
      target: "scim",
      targetTitle: "SCIM app",
      kind: "role",
      name: "Auditor",
      via: "ivan@contoso.com",
      viaKind: "direct",
      paths: ["granted to ivan@contoso.com directly (no group)"],
      groups: [],
      reviewOverdue: true,
      reviewDue: "2026-05-01",
      rule: 'role mapping "Auditor"',
    }),
  ],
};

describe("register page in Chromium", { skip }, () => {
  let browser: BrowserContext;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const visiblePeople = () => page.locator("tr.person:visible .upn").allTextContents();

  before(async () => {
    const { chromium } = await import("playwright-core");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-page-"));
    const file = path.join(dir, "register.html");
    fs.writeFileSync(file, registerHtml(register));
    // A fresh --user-data-dir: playwright passes it for a persistent context.
    browser = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage();
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  });
  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a matrix of people × systems, from the one file alone", async () => {
    assert.deepEqual(await page.locator("thead th").allTextContents(), ["Person", "PRA", "PrivX", "SCIM app"]);
    assert.deepEqual(await visiblePeople(), ["alice@contoso.com", "erin_fabrikam.com#EXT#@contoso.onmicrosoft.com", "ivan@contoso.com"]);
    assert.match(
      (await page.locator("tr.person", { hasText: "erin" }).locator("th").textContent()) ?? "",
      /guest[^]*Erin <Vendor>/,
      "names are text, never markup",
    );
    assert.equal(await page.locator("#shown").textContent(), "3 people shown");
    assert.deepEqual(
      requests.filter((u) => !u.startsWith("file:")),
      [],
      "nothing is fetched: no CDN, no font, no script from elsewhere",
    );
  });

  test("a cell opens its why: the rule at file:line, the nesting path, who approved it", async () => {
    const alice = page.locator("tr.person", { hasText: "alice@contoso.com" });
    const why = alice.locator('td[data-target="pra"] li.grant dl');
    assert.equal(await why.isVisible(), false);
    await alice.locator('td[data-target="pra"] > details > summary').click();
    await alice.locator('td[data-target="pra"] li.grant > details > summary').click();
    assert.equal(await why.isVisible(), true);
    const text = (await why.textContent()) ?? "";
    assert.match(text, /group policy "Linux Administrators" at stacks\/prod\/mappings\/access\.yaml:40/);
    assert.match(text, /PRA Linux Admins → Platform SRE → alice@contoso\.com/);
    assert.match(text, /Approved0123456789ab 2026-03-02 Alex Admin #42: On-call access \(#42\)/);
  });

  test("filters: person, group, system, guests, expires soon, review overdue", async () => {
    const reset = async () => {
      await page.fill("#f-person", "");
      await page.selectOption("#f-group", "");
      await page.selectOption("#f-target", "");
      for (const id of ["#f-soon", "#f-overdue", "#f-guest"]) await page.uncheck(id);
    };
    await page.fill("#f-person", "IVAN");
    assert.deepEqual(await visiblePeople(), ["ivan@contoso.com"]);
    await reset();
    await page.selectOption("#f-group", "Platform SRE");
    assert.deepEqual(await visiblePeople(), ["alice@contoso.com"]);
    assert.equal(await page.locator('tr.person td[data-target="privx"] li.grant:visible').count(), 0, "alice's PrivX role comes through another group");
    await reset();
    await page.selectOption("#f-target", "privx");
    assert.deepEqual(await visiblePeople(), ["alice@contoso.com"]);
    assert.equal(await page.locator('th[data-target="pra"]').isVisible(), false);
    await reset();
    await page.check("#f-guest");
    assert.deepEqual(await visiblePeople(), ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"]);
    await reset();
    await page.check("#f-soon");
    assert.deepEqual(await visiblePeople(), ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"]);
    assert.match((await page.locator("li.grant:visible").first().textContent()) ?? "", /ends in 5 d/);
    await reset();
    await page.check("#f-overdue");
    assert.deepEqual(await visiblePeople(), ["ivan@contoso.com"]);
    await page.fill("#f-person", "alice");
    assert.deepEqual(await visiblePeople(), []);
    assert.equal(await page.locator("#empty").isVisible(), true);
    await reset();
    assert.equal((await visiblePeople()).length, 3);
  });

  test("prints cleanly: no filter form, every visible cell's why opened", async () => {
    await page.emulateMedia({ media: "print" });
    try {
      assert.equal(await page.locator("#filters").isVisible(), false);
      await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
      assert.equal(await page.locator("tr.person details:not([open])").count(), 0);
      assert.equal(await page.locator("text=PRA Vendors → erin").isVisible(), true);
    } finally {
      await page.evaluate('window.dispatchEvent(new Event("afterprint"))');
      await page.emulateMedia({ media: "screen" });
    }
    assert.ok((await page.locator("tr.person details:not([open])").count()) > 0, "after printing the page is as it was");
  });
});
