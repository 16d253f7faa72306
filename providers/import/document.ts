// The imported mappings as files: one YAML document per concern (directory.yaml with the group
// aliases, pra.yaml, privx.yaml, hosts.yaml, one per SCIM target), each with the editor's schema
// header, and what could not be expressed as comments. Pure: text in, text out.
import { Document, isMap, isNode, isSeq } from "yaml";
import { describeUnexpressed, type Unexpressed } from "./model";

export interface ImportedSections {
  stack: string;
  /** The `groups:` section. */
  groups: Record<string, unknown>;
  /** The `applications:` section (PRA SCIM groups linked to an enterprise application or one of its app roles). */
  applications?: Record<string, unknown>;
  /** Display name per alias, shown beside each alias. */
  groupNames: ReadonlyMap<string, string>;
  pra?: { section: Record<string, unknown>; memberComments: ReadonlyMap<number, string[]> };
  privx?: { roles: Record<string, unknown>; hosts: Record<string, unknown> | undefined };
  /** SCIM targets by section name (scim, pam360, passwordsafe). */
  scim: { target: string; section: Record<string, unknown> }[];
  unexpressed: readonly Unexpressed[];
}

/** File name → YAML text. `schemaPath` is the schema relative to the output folder. */
export function importedFiles(s: ImportedSections, schemaPath: string): Record<string, string> {
  const header = (what: string, target?: string, list = true) => {
    const lines = [`yaml-language-server: $schema=${schemaPath}`, `Written by npm run import -- --stack ${s.stack}: ${what}`];
    const items = list ? s.unexpressed.filter((u) => (target ? u.target === target : true)) : [];
    if (items.length) {
      lines.push("", target ? "What the mappings cannot express here:" : "What the mappings cannot express (every change the next run makes is listed here):");
      for (const u of items) lines.push(`  - ${describeUnexpressed(u)}`);
    }
    return lines.map((l) => (l ? ` ${l}` : "")).join("\n");
  };
  const files: Record<string, string> = {};
  const write = (name: string, value: Record<string, unknown>, comment: string, decorate?: (doc: Document) => void) => {
    const doc = new Document(value);
    doc.commentBefore = comment;
    decorate?.(doc);
    files[name] = doc.toString({ lineWidth: 0 });
  };

  const directory = {
    ...(Object.keys(s.groups).length ? { groups: s.groups } : {}),
    ...(s.applications && Object.keys(s.applications).length ? { applications: s.applications } : {}),
  };
  write("directory.yaml", directory, header("the Entra groups and applications the imported mappings name, by id"), (doc) => {
    for (const section of ["groups", "applications"]) {
      const aliases = doc.get(section, true);
      if (!isMap(aliases)) continue;
      for (const pair of aliases.items) {
        const name = s.groupNames.get(String((pair.key as { value?: unknown }).value ?? pair.key));
        if (name && isMap(pair.value)) pair.value.comment = ` ${name}`;
      }
    }
  });
  if (s.pra) {
    const pra = s.pra;
    write("pra.yaml", { pra: pra.section }, header("PRA's group policies as PRA holds them", "pra"), (doc) => {
      for (const [index, lines] of pra.memberComments) {
        const policy = doc.getIn(["pra", "groupPolicies", index], true);
        if (isMap(policy)) {
          const members = policy.get("members", true);
          const note = ["Members the mappings cannot state (the run removes them from the policy):", ...lines.map((l) => `  - ${l}`)]
            .map((l) => ` ${l}`)
            .join("\n");
          if (isSeq(members) && isNode(members.items[0])) members.items[0].commentBefore = note;
          else policy.commentBefore = note;
        }
      }
    });
  }
  if (s.privx) {
    write("privx.yaml", { privx: s.privx.roles }, header("PrivX's roles as its users hold them", "privx"));
    if (s.privx.hosts) write("hosts.yaml", { privx: s.privx.hosts }, header("PrivX's hosts as PrivX holds them", "privx", false));
  }
  for (const t of s.scim) write(`${t.target}.yaml`, { [t.target]: t.section }, header(`the roles ${t.target} users hold`, t.target));
  return files;
}
