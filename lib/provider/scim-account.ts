// The SCIM account lifecycle, written once for every product whose users are SCIM accounts (PRA's
// and PrivX's SCIM users, any SCIM 2.0 application, PAM360, Password Safe): check, create (adopt
// what the product holds by the adoption rules, re-link or refuse a foreign link, adopt on 409
// uniqueness), read, update (protected accounts and our own fields never write), and delete by
// the leaver policy (deactivate or delete). What differs per product is data and hooks in a
// `ScimAccountKind`: its wire format, its diff, how it writes and how it deactivates (PrivX has no
// `active`: deactivation is no roles).
import type * as pulumi from "@pulumi/pulumi";
import { isApiError } from "../http";
import type { ScimClient, ScimUser } from "../scim";
import { adoptedFromOf, decideScimAccount, foldUserName, RELINK_POLICY_KEY, type AdoptedFrom, type Adoption, type RelinkPolicy } from "./adoption-rules";
import { UNKNOWN } from "./diff";
import { ProviderError } from "./errors";
import { absentId, isAbsentId } from "./protected-account";
import type { ProcessContext } from "./process-context";
import type { IndexKey, RemoteIndex } from "./remote-index";

export type LeaverPolicy = "deactivate" | "delete";

/** What every SCIM account resource's inputs hold. */
export interface ScimAccountInputs {
  externalId: string;
  userName: string;
  onRemove: LeaverPolicy;
  protected?: boolean;
}

/** What every SCIM account resource's outputs add: the product's id, and what it took over. */
export interface ScimAccountOutputs {
  scimId: string;
  /** Set when create took over an account the product held (see lib/provider/adoption-rules.ts). */
  adoptedFrom?: AdoptedFrom;
}

/** What the lifecycle needs of a product's provider-process context. */
export interface ScimAccountStore {
  users: RemoteIndex<ScimUser>;
  client(): Promise<ScimClient>;
  relinkPolicy: RelinkPolicy;
}

/** One product's SCIM accounts: its data and hooks. `Local` are our own fields, which the product does not hold. */
export interface ScimAccountKind<C, I extends ScimAccountInputs, O extends I & ScimAccountOutputs, Local> {
  /** The product in errors: "PRA", "PrivX", "SCIM", "PAM360", "Password Safe". */
  target: string;
  /** How `externalId` is described in check failures. */
  externalIdMeaning: string;
  store(context: C): ScimAccountStore;
  /** The product's own checks, besides externalId, userName and onRemove; may canonicalise the inputs. */
  check?(news: I): { inputs: I; failures: pulumi.dynamic.CheckFailure[] };
  diff(id: string, olds: O, news: I): pulumi.dynamic.DiffResult;
  /** Our own fields from inputs or stored outputs (absent ones defaulted, as a refresh without them reads). */
  localOf(props: Partial<I> | undefined): Local;
  /** The outputs for what the product holds. */
  outputsOf(user: ScimUser, local: Local): O;
  /** Whether anything the product holds would change (else an update records our own fields only). */
  remoteChanges(olds: O, news: I): boolean;
  /** Our own fields an update records without writing: when nothing remote changed, and (`protectedFields`) for a protected account. */
  ownFields(news: I): Partial<O>;
  protectedFields(news: I): Partial<O>;
  /** The body of a new account. */
  newAccount(inputs: I): ScimUser;
  /**
   * Writes the inputs over the account `id`; the saved account. `held` is what the product holds
   * when the caller has it (an adoption); an update passes none, so a product that writes
   * without reading (PRA) lists nothing.
   */
  write(context: C, id: string, inputs: I, held?: ScimUser): Promise<ScimUser>;
  /** Takes access away and keeps the account (leaver policy deactivate); the saved account, or undefined when it is gone. */
  deactivate(context: C, id: string, props: O, held: ScimUser): Promise<ScimUser | undefined | "gone">;
}

const LEAVER_POLICIES: readonly string[] = ["deactivate", "delete"];
const isUnknown = (v: unknown) => v === UNKNOWN;

/** Index keys, module-level so each index is built once (see RemoteIndex.where). */
const BY_EXTERNAL_ID: IndexKey<ScimUser> = (u) => (typeof u.externalId === "string" && u.externalId !== "" ? u.externalId : undefined);
const BY_USER_NAME: IndexKey<ScimUser> = (u) => (typeof u.userName === "string" ? foldUserName(u.userName) : undefined);
const UNLINKED_BY_USER_NAME: IndexKey<ScimUser> = (u) =>
  BY_EXTERNAL_ID(u) === undefined && typeof u.userName === "string" ? foldUserName(u.userName) : undefined;

/**
 * Outputs whose own fields (ours, not the product's) follow the desired inputs exactly: a field
 * the inputs leave out (an optional setting) is left out, not given its default, or the next
 * diff would see default ≠ absent and never converge.
 */
function asDesired<O extends object>(outs: O, news: object): O {
  const result = { ...outs } as Record<string, unknown>;
  for (const key of OWN_FIELDS) if (!(key in news) || (news as Record<string, unknown>)[key] === undefined) delete result[key];
  return result as O;
}
const OWN_FIELDS = ["roleLocked", "roleAttribute", "entraId", "attributes", "protected"] as const;

/** The account a resource takes over, by the adoption rules, from this process's index of the product's users. */
export async function scimAccountAdoption(
  store: Pick<ScimAccountStore, "users" | "relinkPolicy">,
  wanted: { externalId: string; userName: string },
): Promise<Adoption<ScimUser>> {
  const [byKey] = await store.users.where(BY_EXTERNAL_ID, wanted.externalId);
  return decideScimAccount(byKey, byKey ? [] : await store.users.where(BY_USER_NAME, foldUserName(wanted.userName)), wanted, store.relinkPolicy);
}

/** A protected account is only looked up, never re-linked: by key, else unlinked by userName. */
async function protectedAccount(store: ScimAccountStore, wanted: { externalId: string; userName: string }): Promise<ScimUser | undefined> {
  const [byKey] = await store.users.where(BY_EXTERNAL_ID, wanted.externalId);
  return byKey ?? (await store.users.where(UNLINKED_BY_USER_NAME, foldUserName(wanted.userName)))[0];
}

/** The error when the relink policy refuses to take over an account linked to another value. */
export function relinkRefused(target: string, user: { id?: string; userName: string }, from: string, wantedExternalId: string): ProviderError {
  return new ProviderError({
    code: "CONFLICT",
    target,
    object: `user ${user.userName}`,
    detail: `already exists (id ${user.id ?? "?"}) linked to externalId "${from}", not to ${wantedExternalId}, and pam-reconciler:${RELINK_POLICY_KEY} is "refuse"`,
    remedy: `Set pam-reconciler:${RELINK_POLICY_KEY} to "relink" to re-link it in place (migration from another tool), or remove or rename that user in ${target}, or list the account under protected`,
    keys: [RELINK_POLICY_KEY],
  });
}

/** The account a server refused to duplicate (409 uniqueness), as the adoption rules take it over. */
async function conflictAdoption(kind: { target: string }, store: ScimAccountStore, inputs: ScimAccountInputs): Promise<Adoption<ScimUser>> {
  const existing = await (await store.client()).resource<ScimUser>("User").findOneBy("userName", inputs.userName);
  if (!existing?.id) {
    throw new ProviderError({
      code: "CONFLICT",
      target: kind.target,
      object: `user ${inputs.userName}`,
      detail: "the product refused it as a duplicate (409 uniqueness) but lists no user with that userName",
      remedy: "Check the product's uniqueness rules (it may compare another attribute) and remove the duplicate there",
    });
  }
  await store.users.remember(existing);
  return decideScimAccount(existing.externalId === inputs.externalId ? existing : undefined, [existing], inputs, store.relinkPolicy);
}

/** The provider of one product's SCIM accounts over a provider process's context. */
export function scimAccountProvider<C, I extends ScimAccountInputs, O extends I & ScimAccountOutputs, Local>(
  processContext: ProcessContext<C>,
  kind: ScimAccountKind<C, I, O, Local>,
) {
  async function takeOver(context: C, adoption: Adoption<ScimUser>, inputs: I, how?: AdoptedFrom["how"]): Promise<{ id: string; outs: O }> {
    if (adoption.how === "none") {
      throw new ProviderError({
        code: "CONFLICT",
        target: kind.target,
        object: `user ${inputs.userName}`,
        detail: "the product refused it as a duplicate (409 uniqueness) but holds no account the adoption rules match",
        remedy: "Check the product's uniqueness rules (it may compare another attribute) and remove the duplicate there",
      });
    }
    if (adoption.how === "refused") throw relinkRefused(kind.target, adoption.existing, adoption.from, inputs.externalId);
    const held = adoption.existing;
    const store = kind.store(context);
    const saved = await kind.write(context, held.id!, inputs, held);
    await store.users.remember(saved);
    const adoptedFrom = adoptedFromOf(adoption)!;
    return { id: held.id!, outs: { ...kind.outputsOf(saved, kind.localOf(inputs)), adoptedFrom: how ? { ...adoptedFrom, how } : adoptedFrom } };
  }

  async function createAccount(context: C, inputs: I): Promise<{ id: string; outs: O }> {
    const store = kind.store(context);
    try {
      const created = await (await store.client()).resource<ScimUser>("User").create(kind.newAccount(inputs));
      await store.users.remember(created);
      return { id: created.id!, outs: kind.outputsOf(created, kind.localOf(inputs)) };
    } catch (err) {
      if (!isApiError(err, "CONFLICT")) throw err;
      // Someone made the user after this process listed the users: the adoption rules decide.
      const adoption = await conflictAdoption(kind, store, inputs);
      return takeOver(context, adoption, inputs, adoption.how === "relink" || adoption.how === "refused" ? undefined : "conflict");
    }
  }

  /** Outputs carry what create took over from run to run: a refresh or update must not read as a change. */
  const withAdoptedFrom = (outs: O, from: Partial<ScimAccountOutputs> | undefined): O =>
    from?.adoptedFrom ? { ...outs, adoptedFrom: from.adoptedFrom } : outs;

  return {
    configure: (req) => processContext.configure(req),

    async check(_olds, news) {
      const own = kind.check?.(news) ?? { inputs: news, failures: [] };
      const failures: pulumi.dynamic.CheckFailure[] = [];
      if (!news.externalId) failures.push({ property: "externalId", reason: kind.externalIdMeaning });
      if (!news.userName) failures.push({ property: "userName", reason: "a userName is required" });
      if (!LEAVER_POLICIES.includes(news.onRemove) && !isUnknown(news.onRemove))
        failures.push({ property: "onRemove", reason: 'must be "deactivate" or "delete"' });
      return { inputs: own.inputs, failures: [...failures, ...own.failures] };
    },

    diff: async (id, olds, news) => kind.diff(id, olds, news),

    async create(inputs) {
      const context = processContext.get();
      const store = kind.store(context);
      if (inputs.protected) {
        // A protected account: record what the product holds, write nothing.
        const existing = await protectedAccount(store, inputs);
        if (existing?.id) return { id: existing.id, outs: kind.outputsOf(existing, kind.localOf(inputs)) };
        return { id: absentId(inputs.externalId), outs: { ...inputs, scimId: "" } as O };
      }
      // There is no `pulumi import` for dynamic resources: adopting is how an account is taken over.
      const adoption = await scimAccountAdoption(store, inputs);
      if (adoption.how !== "none") return takeOver(context, adoption, inputs);
      return createAccount(context, inputs);
    },

    async read(id, props) {
      if (isAbsentId(id)) return { id, props };
      const user = await kind.store(processContext.get()).users.get(id);
      if (!user) return {};
      return { id, props: withAdoptedFrom(kind.outputsOf(user, kind.localOf(props)), props) };
    },

    async update(id, olds, news) {
      if (news.protected) return { outs: { ...olds, ...kind.protectedFields(news), protected: true } };
      // Only our own fields changed (the leaver policy, protection lifted): nothing to send to the product.
      if (!kind.remoteChanges(olds, news)) return { outs: asDesired({ ...olds, ...kind.ownFields(news), protected: false }, news) };
      const context = processContext.get();
      const store = kind.store(context);
      const saved = await kind.write(context, id, news);
      await store.users.remember(saved);
      return { outs: asDesired(withAdoptedFrom(kind.outputsOf(saved, kind.localOf(news)), olds), news) };
    },

    async delete(id, props) {
      if (props.protected || isAbsentId(id)) return;
      const context = processContext.get();
      const store = kind.store(context);
      if (props.onRemove === "delete") {
        await (await store.client()).resource<ScimUser>("User").delete(id);
        await store.users.forget(id);
        return;
      }
      const held = await store.users.get(id);
      if (!held) return; // already gone
      const saved = await kind.deactivate(context, id, props, held);
      if (saved === "gone") await store.users.forget(id);
      else if (saved) await store.users.remember(saved);
    },
  } satisfies pulumi.dynamic.ResourceProvider<I, O>;
}
