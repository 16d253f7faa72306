// From planned resource changes to people and objects: per target, the accounts created,
// deactivated, reactivated, deleted or renamed; who joins and leaves each SCIM group and PrivX
// role; what changes on each group policy and host. Also the removed accounts and every event
// per person, for the safety limit and the protected-account check.

import { type Properties, type ResourceChange } from "./digest";
import type {
  AccountChanges,
  GroupPolicyChange,
  JumpGroupChange,
  JumpGroupLink,
  Lifecycle,
  MembershipChanges,
  ObjectChange,
  PersonChange,
  RemovedAccount,
  Rename,
  TargetReport,
} from "./access-types";
import type { ReportShape } from "../providers/target";
import { resourceLabelOf, targetOf, targetRank } from "./resource-labels";
import { NOT_SET, type PropertyChange, byText, diffProperties, displayValue, sortedStrings, textOf } from "./values";

const OBJECT_ORDER: ObjectChange["kind"][] = ["scimGroup", "groupPolicy", "role", "host", "other"];

/** Output-only or bookkeeping fields that say nothing about access. */
const SERVER_FIELDS = ["scimId", "policyId", "id", "__provider"];

const LIFECYCLES: Record<ResourceChange["op"], Lifecycle> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
};
const lifecycleOf = (change: ResourceChange): Lifecycle => (change.adopted ? "adopted" : LIFECYCLES[change.op]);

function emptyAccounts(): AccountChanges {
  return { created: [], deactivated: [], reactivated: [], deleted: [], renamed: [], locked: [], adopted: [], updated: [] };
}

/** What happened to one person (under any of their names), kept to find protected accounts. */
export interface PersonEvent {
  userNames: string[];
  change: PersonChange;
}

class TargetBuilder {
  readonly accounts = emptyAccounts();
  readonly objects: ObjectChange[] = [];
  private readonly roles = new Map<string, { added: Set<string>; removed: Set<string> }>();

  constructor(readonly target: string) {}

  role(name: string) {
    let role = this.roles.get(name);
    if (!role) this.roles.set(name, (role = { added: new Set(), removed: new Set() }));
    return role;
  }

  finish(): TargetReport {
    for (const [name, role] of this.roles) {
      if (role.added.size + role.removed.size === 0) continue;
      this.objects.push({
        kind: "role",
        name,
        members: { added: sortedStrings(role.added), removed: sortedStrings(role.removed), renamed: [] },
      });
    }
    const rank = (o: ObjectChange) => OBJECT_ORDER.indexOf(o.kind);
    this.objects.sort((a, b) => rank(a) - rank(b) || byText(a.name, b.name));
    const a = this.accounts;
    a.created.sort((x, y) => byText(x.userName, y.userName));
    for (const list of [a.deactivated, a.reactivated, a.deleted, a.locked]) list.sort(byText);
    a.renamed.sort((x, y) => byText(x.from, y.from));
    a.updated.sort((x, y) => byText(x.userName, y.userName));
    a.adopted.sort((x, y) => byText(x.userName, y.userName));
    return { target: this.target, accounts: a, objects: this.objects };
  }
}

class ReportBuilder {
  private readonly targets = new Map<string, TargetBuilder>();
  readonly events: PersonEvent[] = [];
  readonly removed: RemovedAccount[] = [];

  target(name: string): TargetBuilder {
    let target = this.targets.get(name);
    if (!target) this.targets.set(name, (target = new TargetBuilder(name)));
    return target;
  }

  note(target: string, userNames: (string | undefined)[], what: string, object?: string): void {
    const change: PersonChange = object === undefined ? { target, what } : { target, what, object };
    this.events.push({ userNames: userNames.filter((n): n is string => !!n), change });
  }

  finish(): TargetReport[] {
    return [...this.targets.values()]
      .map((t) => t.finish())
      .filter((t) => t.objects.length > 0 || Object.values(t.accounts).some((list: readonly unknown[]) => list.length > 0))
      .sort((a, b) => targetRank(a.target) - targetRank(b.target) || byText(a.target, b.target));
  }
}

/** userName of an account resource: from the new state, else the old one. */
function accountName(change: ResourceChange): string {
  return (
    textOf(change.after?.userName) ??
    textOf(change.before?.userName) ??
    textOf(change.after?.displayName) ??
    textOf(change.before?.displayName) ??
    "(account without userName)"
  );
}

const isActive = (props: Properties | undefined): boolean => props?.active !== false;

function addAccountChange(report: ReportBuilder, target: TargetBuilder, change: ResourceChange, ignoredFields: string[]) {
  const t = target.target;
  const userName = accountName(change);
  const { before, after } = change;
  if (change.op === "create") {
    target.accounts.created.push({ userName, active: isActive(after) });
    report.note(t, [userName], isActive(after) ? "account created" : "account created (inactive)");
    return;
  }
  if (change.op === "delete") {
    if (before?.onRemove === "deactivate") {
      if (!isActive(before)) return; // already inactive: leaving the program changes nothing
      target.accounts.deactivated.push(userName);
      report.removed.push({ target: t, userName, how: "deactivated" });
      report.note(t, [userName], "account deactivated (removed from the mappings)");
    } else {
      target.accounts.deleted.push(userName);
      report.removed.push({ target: t, userName, how: "deleted" });
      report.note(t, [userName], "account deleted");
    }
    return;
  }
  const oldName = textOf(before?.userName);
  const newName = textOf(after?.userName);
  if (oldName && newName && oldName !== newName) {
    target.accounts.renamed.push({ from: oldName, to: newName });
    report.note(t, [oldName, newName], "renamed", `${oldName} → ${newName}`);
  }
  if (before && after && isActive(before) && !isActive(after)) {
    target.accounts.deactivated.push(userName);
    report.removed.push({ target: t, userName, how: "deactivated" });
    report.note(t, [userName, oldName], "account deactivated");
  }
  if (before && after && !isActive(before) && isActive(after)) {
    target.accounts.reactivated.push(userName);
    report.note(t, [userName, oldName], "account reactivated");
  }
  const changes = diffProperties(before, after, {
    ignore: [...SERVER_FIELDS, "userName", "active", ...ignoredFields],
    // An adoption's before comes from the product, not the engine: every differing field counts.
    reportedChanges: change.adopted ? undefined : change.reportedChanges,
  });
  if (change.adopted) {
    // Held under another tool's key (the community script's UPN local part, Entra's SCIM app's mailNickname): re-linked in place.
    const heldKey = textOf(before?.externalId);
    const relinkedFrom = heldKey && heldKey !== textOf(after?.externalId) ? heldKey : undefined;
    target.accounts.adopted.push({ userName, changes, ...(relinkedFrom ? { relinkedFrom } : {}) });
    report.note(t, [userName, oldName], "account adopted (already in the product)", changes.map((c) => c.path).join(", ") || undefined);
    return;
  }
  if (changes.length > 0) {
    target.accounts.updated.push({ userName, changes });
    report.note(t, [userName, oldName], "attributes changed:", changes.map((c) => c.path).join(", "));
  }
}

/** A members map (userName → Entra object id) or a plain userName list, as userName → id. */
function membersOf(value: unknown): Map<string, string | undefined> {
  const members = new Map<string, string | undefined>();
  if (Array.isArray(value)) {
    for (const name of value) if (typeof name === "string") members.set(name, undefined);
  } else if (typeof value === "object" && value !== null) {
    for (const [name, id] of Object.entries(value)) members.set(name, typeof id === "string" ? id : undefined);
  }
  return members;
}

/** Who joins and leaves; a key that moves to a new userName with the same id is a rename. */
export function diffMembers(before: unknown, after: unknown): MembershipChanges {
  const old = membersOf(before);
  const next = membersOf(after);
  const added = [...next.keys()].filter((name) => !old.has(name));
  const removed = [...old.keys()].filter((name) => !next.has(name));
  const renamed: Rename[] = [];
  for (const from of [...removed]) {
    const id = textOf(old.get(from));
    const to = id && added.find((name) => next.get(name) === id);
    if (!to) continue;
    renamed.push({ from, to });
    removed.splice(removed.indexOf(from), 1);
    added.splice(added.indexOf(to), 1);
  }
  return {
    added: sortedStrings(added),
    removed: sortedStrings(removed),
    renamed: renamed.sort((x, y) => byText(x.from, y.from)),
  };
}

function addScimGroupChange(report: ReportBuilder, target: TargetBuilder, change: ResourceChange) {
  const name = textOf(change.after?.displayName) ?? textOf(change.before?.displayName) ?? change.name;
  const members = diffMembers(change.op === "create" ? undefined : change.before?.members, change.op === "delete" ? undefined : change.after?.members);
  const oldName = textOf(change.before?.displayName);
  const previousName = change.op !== "create" && change.op !== "delete" && oldName && oldName !== name ? oldName : undefined;
  const hasMembershipChange = members.added.length + members.removed.length + members.renamed.length > 0;
  if (change.op === "update" && !hasMembershipChange && !previousName && !change.adopted) return;
  target.objects.push({ kind: "scimGroup", name, ...(previousName ? { previousName } : {}), lifecycle: lifecycleOf(change), members });
  for (const who of members.added) report.note(target.target, [who], "added to SCIM group", name);
  for (const who of members.removed) report.note(target.target, [who], "removed from SCIM group", name);
  for (const r of members.renamed) report.note(target.target, [r.from, r.to], "renamed in SCIM group", name);
}

function jumpGroupsOf(value: unknown): Map<string, JumpGroupLink> {
  const links = new Map<string, JumpGroupLink>();
  const link = (v: unknown): JumpGroupLink => {
    const o = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
    const show = (x: unknown) => (x === null || x === undefined ? "default" : displayValue(x));
    return { jumpItemRole: show(o.jumpItemRole), jumpPolicy: show(o.jumpPolicy) };
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const name = textOf((item as Record<string, unknown> | null)?.jumpGroup);
      if (name) links.set(name, link(item));
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [name, v] of Object.entries(value)) links.set(name, link(v));
  }
  return links;
}

function diffJumpGroups(before: unknown, after: unknown): JumpGroupChange[] {
  const old = jumpGroupsOf(before);
  const next = jumpGroupsOf(after);
  const changes: JumpGroupChange[] = [];
  for (const name of sortedStrings(new Set([...old.keys(), ...next.keys()]))) {
    const b = old.get(name);
    const a = next.get(name);
    if (!b && a) changes.push({ jumpGroup: name, change: "added", after: a });
    else if (b && !a) changes.push({ jumpGroup: name, change: "removed", before: b });
    else if (b && a && (b.jumpItemRole !== a.jumpItemRole || b.jumpPolicy !== a.jumpPolicy)) {
      changes.push({ jumpGroup: name, change: "changed", before: b, after: a });
    }
  }
  return changes;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function addGroupPolicyChange(target: TargetBuilder, change: ResourceChange) {
  const name = textOf(change.after?.name) ?? textOf(change.before?.name) ?? change.name;
  const before = change.op === "create" ? undefined : change.before;
  const after = change.op === "delete" ? undefined : change.after;
  // Members the mappings cannot state are kept (listed as not managed) unless the policy removes them.
  const others = change.op === "delete" ? [] : stringsOf(before?.otherMembers);
  const removesOthers = after?.unmanagedMembers === "remove";
  const oldGroups = new Set([...stringsOf(before?.memberGroups), ...(removesOthers ? others : [])]);
  const newGroups = new Set(stringsOf(after?.memberGroups));
  const asObject = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Properties) : undefined);
  const permissions =
    change.op === "delete"
      ? [] // a removed policy takes its permissions along; listing each would be noise
      : diffProperties(asObject(before?.permissions), asObject(after?.permissions)).filter((c) => change.op !== "create" || c.after !== "none");
  const policy: GroupPolicyChange = {
    kind: "groupPolicy",
    name,
    lifecycle: lifecycleOf(change),
    memberGroups: {
      added: sortedStrings([...newGroups].filter((g) => !oldGroups.has(g))),
      removed: sortedStrings([...oldGroups].filter((g) => !newGroups.has(g))),
    },
    permissions,
    jumpGroups: diffJumpGroups(before?.jumpGroups, after?.jumpGroups),
    other:
      change.op === "update" || change.op === "replace"
        ? diffProperties(before, after, {
            ignore: [...SERVER_FIELDS, "name", "permissions", "memberGroups", "jumpGroups", "otherMembers", "unmanagedMembers"],
            reportedChanges: change.adopted ? undefined : change.reportedChanges,
          })
        : [],
    ...(others.length > 0 && !removesOthers ? { notManaged: sortedStrings(others) } : {}),
  };
  const changed =
    policy.lifecycle !== "updated" ||
    policy.memberGroups.added.length + policy.memberGroups.removed.length + policy.permissions.length + policy.jumpGroups.length + policy.other.length > 0;
  if (changed) target.objects.push(policy);
}

function lockOf(change: ResourceChange, field: string): { before: boolean; after: boolean } {
  return { before: change.op !== "create" && change.before?.[field] === true, after: change.op !== "delete" && change.after?.[field] === true };
}

function addRoles(report: ReportBuilder, target: TargetBuilder, change: ResourceChange, rolesField: string) {
  const userName = accountName(change);
  const oldRoles = new Set(change.op === "create" ? [] : stringsOf(change.before?.[rolesField]));
  const newRoles = new Set(change.op === "delete" ? [] : stringsOf(change.after?.[rolesField]));
  for (const role of newRoles) {
    if (oldRoles.has(role)) continue;
    target.role(role).added.add(userName);
    report.note(target.target, [userName], "added to role", role);
  }
  for (const role of oldRoles) {
    if (newRoles.has(role)) continue;
    target.role(role).removed.add(userName);
    report.note(target.target, [userName], "removed from role", role);
  }
}

function attributeChanges(change: ResourceChange, ignore: string[]): PropertyChange[] {
  if (change.op === "delete") return [];
  const before = change.op === "create" ? undefined : change.before;
  const unset = new Set(["none", "[]", NOT_SET]);
  return diffProperties(before, change.after, { ignore: [...SERVER_FIELDS, ...ignore], reportedChanges: change.reportedChanges }).filter(
    (c) => change.op !== "create" || !unset.has(c.after),
  );
}

function addHostChange(target: TargetBuilder, change: ResourceChange, ignore: readonly string[]) {
  const name = textOf(change.after?.commonName) ?? textOf(change.before?.commonName) ?? change.name;
  const attributes = attributeChanges(change, [...ignore]);
  if (change.op === "update" && attributes.length === 0 && !change.adopted) return;
  target.objects.push({ kind: "host", name, lifecycle: lifecycleOf(change), attributes });
}

function addOtherChange(target: TargetBuilder, change: ResourceChange) {
  const attributes = attributeChanges(change, []);
  if (change.op === "update" && attributes.length === 0 && !change.adopted) return;
  target.objects.push({ kind: "other", type: change.type, name: change.name, lifecycle: lifecycleOf(change), attributes });
}

type Handler = (report: ReportBuilder, target: TargetBuilder, change: ResourceChange) => void;

/** What a resource type contributes to the report, by the shape its target declares. */
function handlerOf(shape: ReportShape): Handler {
  switch (shape.kind) {
    case "account":
      return (report, target, change) => {
        addAccountChange(report, target, change, [...(shape.ignore ?? [])]);
        const locked = shape.lockedField ? lockOf(change, shape.lockedField) : { before: false, after: false };
        if (locked.after && !locked.before && change.op !== "delete") {
          target.accounts.locked.push(accountName(change));
          report.note(target.target, [accountName(change)], "roles locked: left as the product holds them");
        }
        // A locked account's roles are the product's: neither granted nor taken away by this run.
        if (shape.rolesField && !locked.after && !(locked.before && change.op === "delete")) addRoles(report, target, change, shape.rolesField);
      };
    case "scimGroup":
      return addScimGroupChange;
    case "groupPolicy":
      return (_report, target, change) => addGroupPolicyChange(target, change);
    case "host":
      return (_report, target, change) => addHostChange(target, change, shape.ignore ?? []);
  }
}

export interface CollectedChanges {
  /** Targets with at least one change, PRA first, then PrivX, then others. */
  targets: TargetReport[];
  removed: RemovedAccount[];
  events: PersonEvent[];
}

export function collectAccessChanges(changes: ResourceChange[]): CollectedChanges {
  const report = new ReportBuilder();
  for (const change of changes) {
    const target = report.target(targetOf(change.type));
    const label = resourceLabelOf(change.type);
    (label ? handlerOf(label.report) : (_r: ReportBuilder, t: TargetBuilder, c: ResourceChange) => addOtherChange(t, c))(report, target, change);
  }
  const removed = [...report.removed].sort((a, b) => byText(a.target, b.target) || byText(a.userName, b.userName));
  return { targets: report.finish(), removed, events: report.events };
}
