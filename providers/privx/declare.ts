// PrivX's desired state → Pulumi resources. Nothing here decides anything: it only declares.
import type { Declared } from "../target";
import type { DesiredPrivx } from "./desired";
import { PrivxHost } from "./host";
import { PrivxScimUser } from "./scim-user";

export function declarePrivx(privx: DesiredPrivx): Declared {
  const users = privx.users.map((u) => new PrivxScimUser(u.entraId, u));
  const hosts = privx.hosts.map(({ source: _source, ...h }) => new PrivxHost(h.externalId, h));
  return { resources: [...users, ...hosts], counts: { privxUsers: users.length, privxHosts: hosts.length } };
}
