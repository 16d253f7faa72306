// PrivX's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { Declared } from "../target";
import type { DesiredPrivx } from "./desired";
import { batchesOf } from "../../lib/provider/batch";
import { declareWindowed } from "../../lib/provider/registration-window";
import { PrivxHosts } from "./host";
import { PrivxScimUsers } from "./scim-user";

export function declarePrivx(privx: DesiredPrivx): Declared {
  const users = declareWindowed([...batchesOf(privx.users, (u) => u.entraId, "users")].map(([name, members]) => () => new PrivxScimUsers(name, { members: Object.fromEntries(members) })));
  const hostInputs = privx.hosts.map(({ source: _source, ...h }) => h);
  const hosts = declareWindowed([...batchesOf(hostInputs, (h) => h.externalId, "hosts")].map(([name, members]) => () => new PrivxHosts(name, { members: Object.fromEntries(members) })));
  return {
    resources: [...users.resources, ...hosts.resources],
    declared: Promise.all([users.declared, hosts.declared]).then(() => undefined),
    counts: { privxUsers: privx.users.length, privxHosts: privx.hosts.length },
  };
}
