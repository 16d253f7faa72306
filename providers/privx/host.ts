// privx:Host — one host in PrivX per host in the YAML inventory, through the SCIM directory's
// custom Host resource type. Key: `externalId`. Inputs are natural structures; host-format.ts
// packs them into PrivX's strings and reads them back in canonical form, so a console edit that
// only reorders services, tags or principals is no drift while a changed value is. A host PrivX
// holds under another externalId with the same commonName and contactAddress is taken over or
// refused by relinkPolicy (lib/provider/adoption-rules.ts), never duplicated in silence.
import * as pulumi from "@pulumi/pulumi";
import type { ScimResource } from "../../lib/scim";
import { changedProperties, diffResult, UNKNOWN } from "../../lib/provider/diff";
import { adoptedFromOf, decideHost, RELINK_POLICY_KEY, type AdoptedFrom, type HostIdentity } from "../../lib/provider/adoption-rules";
import { ProviderError } from "../../lib/provider/errors";
import type { IndexKey } from "../../lib/provider/remote-index";
import type { ProcessContext } from "../../lib/provider/process-context";
import { dynamicResource } from "../../lib/provider/dynamic-resource";
import { batchProvider, retiredMemberProvider, type BatchInputs, type BatchOutputs } from "../../lib/provider/batch";
import { privxProcess, type PrivxContext } from "./context";
import { canonicalHost, hostFromScim, hostToScim, type PrivxHostFields } from "./host-format";
import { validateHost } from "./host-validation";

export type PrivxHostInputs = PrivxHostFields;
export interface PrivxHostOutputs extends PrivxHostInputs {
  scimId: string;
  /** Set when create took over a host PrivX held (see lib/provider/adoption-rules.ts). */
  adoptedFrom?: AdoptedFrom;
}

/** Every attribute, with its value when absent; a Record so a new field cannot be forgotten. */
const ABSENT: { [K in keyof PrivxHostFields]: PrivxHostFields[K] } = {
  externalId: "",
  commonName: "",
  contactAddress: "",
  description: null,
  userMessage: null,
  tags: [],
  accessGroupId: null,
  sshHostPublicKeys: [],
  tofu: null,
  auditEnabled: null,
  services: [],
  directoryRoles: [],
  sharedAccounts: [],
  organization: null,
  organizationalUnit: null,
  zone: null,
  hostType: null,
  classification: null,
};

const ATTRIBUTES = Object.keys(ABSENT) as (keyof PrivxHostFields)[];

function containsUnknown(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(UNKNOWN);
}

/** The host attributes of a property bag (inputs or outputs), absent ones filled in, others dropped. */
function hostFieldsOf(props: Partial<PrivxHostFields>): PrivxHostFields {
  const host = { ...ABSENT } as Record<keyof PrivxHostFields, unknown>;
  for (const name of ATTRIBUTES) if (props[name] !== undefined && props[name] !== null) host[name] = props[name];
  return host as PrivxHostFields;
}

/** Attributes whose value is not known yet (preview). */
function unknownAttributes(host: PrivxHostFields): (keyof PrivxHostFields)[] {
  return ATTRIBUTES.filter((name) => containsUnknown(host[name]));
}

/** The host in canonical form; attributes not known yet are kept as they are. */
export function comparableHost(props: Partial<PrivxHostFields>): PrivxHostFields {
  const host = hostFieldsOf(props);
  const unknown = unknownAttributes(host);
  const known = { ...host } as Record<keyof PrivxHostFields, unknown>;
  for (const name of unknown) known[name] = ABSENT[name];
  const canonical = canonicalHost(known as PrivxHostFields) as Record<keyof PrivxHostFields, unknown>;
  for (const name of unknown) canonical[name] = host[name];
  return canonical as PrivxHostFields;
}

/** Names of the attributes in which PrivX's host differs from the desired one. */
export function changedHostAttributes(current: Partial<PrivxHostFields>, desired: Partial<PrivxHostFields>): string[] {
  return changedProperties(comparableHost(current), comparableHost(desired), ATTRIBUTES);
}

/** Validation failures, as Pulumi shows them: the property path and the reason. */
export function hostCheckFailures(props: Partial<PrivxHostFields>): pulumi.dynamic.CheckFailure[] {
  const host = hostFieldsOf(props);
  const unknown = unknownAttributes(host);
  const known = { ...host } as Record<keyof PrivxHostFields, unknown>;
  for (const name of unknown) known[name] = ABSENT[name];
  const problems = validateHost(known as PrivxHostFields).filter(
    (p) => p.severity === "error" && !unknown.some((name) => p.field === name || p.field.startsWith(`${name}[`)),
  );
  return problems.map((p) => ({ property: p.field, reason: p.message }));
}

export function outputsOf(saved: ScimResource): PrivxHostOutputs {
  return { ...hostFromScim(saved).value, scimId: saved.id! };
}

/** The SCIM body, as the client's resource type expects it. */
function wireHost(host: PrivxHostFields): ScimResource {
  return { ...hostToScim(host) };
}

/** A held host's key and natural identity, as the adoption rules compare them. */
function identityOf(host: ScimResource): HostIdentity & { id?: string } {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    id: typeof host.id === "string" ? host.id : undefined,
    externalId: text(host.externalId),
    commonName: text(host.commonName),
    contactAddress: text(host.contactAddress),
  };
}

/** Index keys, module-level so each index is built once (see RemoteIndex.where). */
const BY_KEY: IndexKey<ScimResource> = (h) => (typeof h.externalId === "string" && h.externalId !== "" ? h.externalId : undefined);
const nameAndAddress = (h: HostIdentity) => `${h.commonName.toLowerCase()}\n${h.contactAddress.toLowerCase()}`;
const BY_NAME_AND_ADDRESS: IndexKey<ScimResource> = (h) => nameAndAddress(identityOf(h));

/**
 * The PrivX host this resource is, by the adoption rules: by externalId; else a host with the same
 * commonName and contactAddress (made by hand, or keyed by another tool), taken over or refused by
 * relinkPolicy. Never a duplicate beside it.
 */
function hostAdoptionOf(context: PrivxContext, inputs: HostIdentity) {
  return context.hosts.where(BY_KEY, inputs.externalId).then(async ([byKey]) => {
    const same = byKey ? [] : await context.hosts.where(BY_NAME_AND_ADDRESS, nameAndAddress(inputs));
    return decideHost(byKey ? identityOf(byKey) : undefined, same.map(identityOf), inputs, context.relinkPolicy);
  });
}

/** The host a create would take over, for a preview's survey: undefined when it would create one or the policy refuses. */
export async function adoptableHost(context: PrivxContext, inputs: HostIdentity): Promise<ScimResource | undefined> {
  const adoption = await hostAdoptionOf(context, inputs);
  if (adoption.how === "none" || adoption.how === "refused" || !adoption.existing.id) return undefined;
  return context.hosts.get(adoption.existing.id);
}

async function hostAdoption(context: PrivxContext, inputs: PrivxHostInputs) {
  const adoption = await hostAdoptionOf(context, inputs);
  if (adoption.how === "refused") {
    throw new ProviderError({
      code: "CONFLICT",
      target: "PrivX",
      object: `host "${inputs.commonName}" (${inputs.contactAddress})`,
      detail: `already exists (id ${adoption.existing.id ?? "?"}) with externalId "${adoption.from}", not ${inputs.externalId}, and pam-reconciler:${RELINK_POLICY_KEY} is "refuse"`,
      remedy: `Set pam-reconciler:${RELINK_POLICY_KEY} to "relink" to take it over, or give it the inventory's externalId ${inputs.externalId} in PrivX, or remove it there`,
      keys: [RELINK_POLICY_KEY],
    });
  }
  return adoption;
}

/** Outputs carry what create took over from run to run: a refresh or update must not read as a change. */
function withAdoptedFrom(outs: PrivxHostOutputs, from: Partial<PrivxHostOutputs> | undefined): PrivxHostOutputs {
  return from?.adoptedFrom ? { ...outs, adoptedFrom: from.adoptedFrom } : outs;
}

async function replace(context: PrivxContext, id: string, inputs: PrivxHostInputs): Promise<PrivxHostOutputs> {
  const { scim, hosts } = context;
  const saved = await scim.resource<ScimResource>("Host").replace(id, wireHost(comparableHost(inputs)));
  await hosts.remember(saved);
  return outputsOf(saved);
}

/** The provider's diff, pure: the access report reads a batch's members with it too. A different externalId is a different host. */
export function privxHostDiff(_id: string, olds: PrivxHostOutputs, news: PrivxHostInputs): pulumi.dynamic.DiffResult {
  return diffResult(comparableHost(olds), comparableHost(news), ATTRIBUTES, ["externalId"]);
}

/** The privx:Host provider over a provider process's context: the real process's (below), or a test's own. */
export function privxHostProviderFor(processContext: ProcessContext<PrivxContext>) {
  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const failures = hostCheckFailures(news);
      return { inputs: failures.length > 0 ? news : comparableHost(news), failures };
    },

    diff: async (id, olds, news) => privxHostDiff(id, olds, news),

    async create(inputs) {
      const context = processContext.get();
      const adoption = await hostAdoption(context, inputs);
      // There is no `pulumi import` for dynamic resources: adopting is how a host is taken over.
      if (adoption.how !== "none" && adoption.existing.id) {
        const outs = await replace(context, adoption.existing.id, inputs);
        return { id: adoption.existing.id, outs: { ...outs, adoptedFrom: adoptedFromOf(adoption)! } };
      }
      const created = await context.scim.resource<ScimResource>("Host").create(wireHost(comparableHost(inputs)));
      await context.hosts.remember(created);
      return { id: created.id!, outs: outputsOf(created) };
    },

    async read(id, props) {
      const host = await processContext.get().hosts.get(id);
      if (!host) return {};
      return { id, props: withAdoptedFrom(outputsOf(host), props) };
    },

    async update(id, olds, news) {
      return { outs: withAdoptedFrom(await replace(processContext.get(), id, news), olds) };
    },

    async delete(id, _props) {
      const { scim, hosts } = processContext.get();
      await scim.resource<ScimResource>("Host").delete(id);
      await hosts.forget(id);
    },
  } satisfies pulumi.dynamic.ResourceProvider<PrivxHostInputs, PrivxHostOutputs>;
}

const privxHostMember = privxHostProviderFor(privxProcess);
const WHAT = "PrivX hosts";

/** privx:Hosts: this process's PrivX hosts, in batches keyed by the host's externalId. */
export const privxHostsProvider = batchProvider(privxHostMember, { what: WHAT, labelOf: (h) => h.commonName });

/** privx:Host resources left in a stack's state from before batches. */
export const privxHostProvider = retiredMemberProvider(privxHostMember, WHAT, (h) => h.externalId);

export class PrivxHosts extends dynamicResource<BatchInputs<PrivxHostInputs>, BatchOutputs<PrivxHostOutputs> & BatchInputs<PrivxHostInputs>>({
  provider: () => privxHostsProvider,
  module: "privx",
  type: "Hosts",
  outputs: ["ids"],
}) {
  declare readonly ids: pulumi.Output<Record<string, string>>;
}
