// PrivX's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { Declared } from "../target";
import type { DesiredPrivx } from "./desired";
import { declareBatches } from "../../lib/provider/registration-window";
import { PrivxHosts } from "./host";
import { PrivxScimUsers } from "./scim-user";

export function declarePrivx(privx: DesiredPrivx): Declared {
  const users = declareBatches(
    privx.users,
    (u) => u.entraId,
    "users",
    (name, members) => new PrivxScimUsers(name, { members }),
  );
  const hostInputs = privx.hosts.map(({ source: _source, ...h }) => h);
  const hosts = declareBatches(
    hostInputs,
    (h) => h.externalId,
    "hosts",
    (name, members) => new PrivxHosts(name, { members }),
  );
  return {
    resources: [...users.resources, ...hosts.resources],
    declared: Promise.all([users.declared, hosts.declared]).then(() => undefined),
    counts: { privxUsers: privx.users.length, privxHosts: privx.hosts.length },
  };
}
