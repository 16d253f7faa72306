// `npm run import`: the I/O edge. Reads what every configured product holds (read-only, with the
// products' own clients and the stack's settings), reads from the directory the groups those
// holdings name and the people they hold, and hands both to the pure importers. A group a
// product names that the directory does not have is reported, never fatal.
import { applyCommonSettings, type ConfigGetter } from "../../lib/provider/provider-config";
import { EntraError, entraSettingsFromConfig, readDirectory, type ReadDirectoryOptions } from "../../sources/entra";
import type { DirectorySnapshot, GroupReference, SourceRequest } from "../../sources/snapshot";
import { praAccountReferences, praGroupReferences, praImport, readPraHoldings } from "../pra/import";
import { privxAccountReferences, privxImport, readPrivxHoldings } from "../privx/import";
import { readScimHoldings, scimAccountReferences, scimImport, type ScimHoldings } from "../scim/import";
import { scimProduct } from "../scim/generic";
import { pam360Product } from "../pam360/product";
import { passwordSafeProduct } from "../passwordsafe/product";
import type { ScimProduct } from "../scim/product";
import { importedFiles, type ImportedSections } from "./document";
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
  const accounts = [...(pra ? praAccountReferences(pra) : []), ...(privx ? privxAccountReferences(privx) : []), ...scimHeld.flatMap((s) => scimAccountReferences(s.holdings))];
  const request: SourceRequest = {
    groups: uniqueReferences(groups),
    applications: [],
    userAttributes: [],
    // GET /users/{id or UPN} takes object ids and UPNs only.
    users: [...new Set(accounts.filter((a) => GUID.test(a) || a.includes("@")).map((a) => a.toLowerCase()))].sort(),
  };
  const { snapshot, missing } = await readTolerantly(request, o);
  const directory = importDirectoryOf(snapshot);

  const unexpressed: Unexpressed[] = missing.map((m) => ({
    target: "directory",
    object: "id" in m ? `group ${m.id}` : `group "${m.displayName}"`,
    detail: "named by a product, but the directory has no such group (or several with that name)",
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
      groupNames: aliases.displayNames(),
      pra: praPart,
      privx: privxPart,
      scim: scimParts.map((s) => ({ target: s.target, section: s.part.section })),
      unexpressed,
    },
    skipped,
  };
}

export { importedFiles };

function uniqueReferences(references: readonly GroupReference[]): GroupReference[] {
  const seen = new Map<string, GroupReference>();
  for (const r of references) seen.set("id" in r ? `id:${r.id.toLowerCase()}` : `name:${r.displayName}`, r);
  return [...seen.values()];
}

/** The directory read; a group reference it cannot resolve is dropped (and returned) instead of failing the import. */
async function readTolerantly(request: SourceRequest, o: ImportOptions): Promise<{ snapshot: DirectorySnapshot; missing: GroupReference[] }> {
  const settings = entraSettingsFromConfig(o.get);
  try {
    return { snapshot: await readDirectory(request, settings, o.directory), missing: [] };
  } catch (err) {
    const missing = unresolvedReferences(err);
    if (!missing.length) throw err;
    const key = (r: GroupReference) => JSON.stringify(r);
    const dropped = new Set(missing.map(key));
    const snapshot = await readDirectory({ ...request, groups: request.groups.filter((g) => !dropped.has(key(g))) }, settings, o.directory);
    return { snapshot, missing };
  }
}

/** The group references an Entra error says cannot be resolved (not found, or ambiguous by name). */
function unresolvedReferences(err: unknown): GroupReference[] {
  if (!(err instanceof EntraError) || (err.code !== "NOT_FOUND" && err.code !== "AMBIGUOUS")) return [];
  const details = err.details ?? {};
  const problems = Array.isArray(details.problems) ? (details.problems as { details?: { reference?: GroupReference } }[]).map((p) => p.details ?? {}) : [details];
  return problems.map((d) => (d as { reference?: GroupReference }).reference).filter((r): r is GroupReference => !!r && typeof r === "object");
}
