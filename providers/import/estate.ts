// `npm run import`: the I/O edge. Reads what every configured product holds (read-only, with the
// products' own clients and the stack's settings), reads from the directory the groups those
// holdings name and the people they hold, and hands both to the pure importers. A group a
// product names that the directory does not have is reported, never fatal.
import { applyCommonSettings, type ConfigGetter } from "../../lib/provider/provider-config";
import { EntraError, entraSettingsFromConfig, readDirectory, type ReadDirectoryOptions } from "../../sources/entra";
import type { DirectorySnapshot, GroupReference, SourceRequest } from "../../sources/snapshot";
import { praAccountReferences, praApplicationReferences, praGroupReferences, praImport, readPraHoldings } from "../pra/import";
import { privxAccountReferences, privxImport, readPrivxHoldings } from "../privx/import";
import { readScimHoldings, scimAccountReferences, scimImport, type ScimHoldings } from "../scim/import";
import { scimProduct } from "../scim/generic";
import { pam360Product } from "../pam360/product";
import { passwordSafeProduct } from "../passwordsafe/product";
import type { ScimProduct } from "../scim/product";
import type { ImportedSections } from "./document";
import { GroupAliases, importDirectoryOf, type Unexpressed } from "./model";

const SCIM_PRODUCTS: readonly ScimProduct[] = [scimProduct, pam360Product, passwordSafeProduct];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ImportOptions {
  stack: string;
  /** Stack config: see stackConfigGetter. */
  get: ConfigGetter;
  /** More Entra groups a role may map to (the stack's current mapping groups, --group): by id or display name. */
  candidateGroups?: GroupReference[];
  directory?: ReadDirectoryOptions;
}

export interface EstateImport {
  sections: ImportedSections;
  /** Targets with no settings in the stack, left out. */
  skipped: string[];
}

/** Reads the products and the directory, and builds the mapping sections. Writes nothing anywhere. */
export async function importEstate(o: ImportOptions): Promise<EstateImport> {
  applyCommonSettings(o.get);
  const skipped: string[] = [];
  const configured = (target: string, key: string) => {
    if (o.get(key)) return true;
    skipped.push(target);
    return false;
  };
  const [pra, privx, ...scim] = await Promise.all([
    configured("pra", "praUrl") ? readPraHoldings(o.get) : undefined,
    configured("privx", "privxScimUrl") ? readPrivxHoldings(o.get) : undefined,
    ...SCIM_PRODUCTS.map((p) => (configured(p.name, `${p.name}Url`) ? readScimHoldings(o.get, p).then((h) => ({ product: p, holdings: h })) : undefined)),
  ]);
  const scimHeld = scim.filter((s): s is { product: ScimProduct; holdings: ScimHoldings } => !!s);

  const praGroups = pra ? praGroupReferences(pra) : { ids: [], names: [] };
  const groups: GroupReference[] = [
    ...praGroups.ids.filter((id) => GUID.test(id)).map((id) => ({ id })),
    ...praGroups.names.map((displayName) => ({ displayName })),
    ...scimHeld.flatMap((s) => s.holdings.groupExternalIds.filter((id) => GUID.test(id)).map((id) => ({ id }))),
    ...(o.candidateGroups ?? []),
  ];
  const accounts = [
    ...(pra ? praAccountReferences(pra) : []),
    ...(privx ? privxAccountReferences(privx) : []),
    ...scimHeld.flatMap((s) => scimAccountReferences(s.holdings)),
  ];
  const request: SourceRequest = {
    groups: uniqueReferences(groups),
    applications: (pra ? praApplicationReferences(pra) : []).map((appId) => ({ appId })),
    userAttributes: [],
    // GET /users/{id or UPN} takes object ids and UPNs only.
    users: [...new Set(accounts.filter((a) => GUID.test(a) || a.includes("@")).map((a) => a.toLowerCase()))].sort(),
  };
  const first = await readTolerantly(request, o);
  // A PRA SCIM group's bare GUID key that is no group may be an application's appId.
  const maybeApps = first.missing.flatMap((m) => ("id" in m && praGroups.ids.includes(m.id) ? [m.id.toLowerCase()] : []));
  const second = maybeApps.length
    ? await readTolerantly({ groups: [], applications: maybeApps.map((appId) => ({ appId })), userAttributes: [] }, o)
    : undefined;
  const snapshot = {
    ...first.snapshot,
    users: { ...first.snapshot.users, ...second?.snapshot.users },
    applications: [...first.snapshot.applications, ...(second?.snapshot.applications ?? [])],
  };
  const missing = [...first.missing, ...(second?.missing ?? [])];
  const directory = importDirectoryOf(snapshot);

  // A bare GUID key may name a group or an application: only what is neither is reported.
  const resolved = new Set([...directory.groups.map((g) => g.id.toLowerCase()), ...directory.applications.map((a) => a.appId.toLowerCase())]);
  const unexpressed: Unexpressed[] = missing
    .filter((m) => !("id" in m && resolved.has(m.id.toLowerCase())) && !("appId" in m && resolved.has(m.appId.toLowerCase())))
    .map((m) => ({
      target: "directory",
      object: "appId" in m ? `application ${m.appId}` : "id" in m ? `group ${m.id}` : `group "${m.displayName}"`,
      detail: `named by a product, but the directory has no such ${"appId" in m ? "application" : "group (or several with that name)"}`,
      effect: "ignored",
    }));
  const aliases = new GroupAliases();
  const praPart = pra ? praImport(pra, directory, aliases) : undefined;
  const privxPart = privx ? privxImport(privx, directory, aliases) : undefined;
  const scimParts = scimHeld.map((s) => ({ target: s.product.name, part: scimImport(s.product.name, s.holdings, directory, aliases) }));
  unexpressed.push(...(praPart?.unexpressed ?? []), ...(privxPart?.unexpressed ?? []), ...scimParts.flatMap((s) => s.part.unexpressed));
  return {
    sections: {
      stack: o.stack,
      groups: aliases.section(),
      applications: aliases.applicationsSection(),
      groupNames: aliases.displayNames(),
      pra: praPart,
      privx: privxPart,
      scim: scimParts.map((s) => ({ target: s.target, section: s.part.section })),
      unexpressed,
    },
    skipped,
  };
}

function uniqueReferences(references: readonly GroupReference[]): GroupReference[] {
  const seen = new Map<string, GroupReference>();
  for (const r of references) seen.set("id" in r ? `id:${r.id.toLowerCase()}` : `name:${r.displayName}`, r);
  return [...seen.values()];
}

type Unresolved = GroupReference | { appId: string };

/** The directory read; a group or application it cannot resolve is dropped (and returned) instead of failing the import. */
async function readTolerantly(request: SourceRequest, o: ImportOptions): Promise<{ snapshot: DirectorySnapshot; missing: Unresolved[] }> {
  const settings = entraSettingsFromConfig(o.get);
  const missing: Unresolved[] = [];
  // Every group the read cannot resolve is named at once; applications one at a time.
  const most = request.applications.length + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      return { snapshot: await readDirectory(request, settings, o.directory), missing };
    } catch (err) {
      const unresolved = unresolvedReferences(err);
      if (!unresolved.length || attempt >= most) throw err;
      missing.push(...unresolved);
      const key = (r: Unresolved) => JSON.stringify(r).toLowerCase();
      const dropped = new Set(unresolved.map(key));
      request = {
        ...request,
        groups: request.groups.filter((g) => !dropped.has(key(g))),
        applications: request.applications.filter((a) => !dropped.has(key({ appId: a.appId }))),
      };
    }
  }
}

/** What an Entra error says cannot be resolved: group references (not found, or ambiguous by name) and application ids. */
function unresolvedReferences(err: unknown): Unresolved[] {
  if (!(err instanceof EntraError) || (err.code !== "NOT_FOUND" && err.code !== "AMBIGUOUS")) return [];
  const details = err.details ?? {};
  const problems = (
    Array.isArray(details.problems) ? (details.problems as { details?: Record<string, unknown> }[]).map((p) => p.details ?? {}) : [details]
  ) as { reference?: GroupReference; appId?: string }[];
  return problems.flatMap((d): Unresolved[] =>
    d.reference && typeof d.reference === "object" ? [d.reference] : typeof d.appId === "string" ? [{ appId: d.appId }] : [],
  );
}
