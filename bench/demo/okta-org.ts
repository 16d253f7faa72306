// Seed 003's org: Northwind runs Okta and pushes people and groups to BeyondTrust Password Safe.
// The groups carry descriptions in Okta (one does not: the mapping gives it one), one person is
// assigned to the Password Safe app directly, one is suspended and one's password has expired.
import { oktaId, type OktaOrg } from "../emulators/okta";

export const oktaDemoIds = {
  ana: oktaId("00u", "ana"),
  ben: oktaId("00u", "ben"),
  chloe: oktaId("00u", "chloe"),
  dan: oktaId("00u", "dan"),
  eve: oktaId("00u", "eve"),
  farid: oktaId("00u", "farid"),
  breakglass: oktaId("00u", "breakglass"),
  vaultAdmins: oktaId("00g", "vault-admins"),
  auditors: oktaId("00g", "auditors"),
  requesters: oktaId("00g", "requesters"),
  passwordSafeApp: oktaId("0oa", "password-safe"),
};

const person = (
  key: keyof typeof oktaDemoIds,
  first: string,
  last: string,
  status: OktaOrg["users"][number]["status"] = "ACTIVE",
  extra: Record<string, string> = {},
) => ({
  id: oktaDemoIds[key],
  status,
  profile: {
    login: `${first.toLowerCase()}.${last.toLowerCase()}@northwind.example`,
    email: `${first.toLowerCase()}@northwind.example`,
    firstName: first,
    lastName: last,
    ...extra,
  },
});

/** Before: the state of the org on the first run. */
export function oktaDemoOrg(): OktaOrg {
  const i = oktaDemoIds;
  return {
    users: [
      person("ana", "Ana", "Lopez", "ACTIVE", { employeeNumber: "1001" }),
      person("ben", "Ben", "Okafor", "ACTIVE", { employeeNumber: "1002" }),
      person("chloe", "Chloe", "Martin", "PASSWORD_EXPIRED", { employeeNumber: "1003" }),
      person("dan", "Dan", "Kim", "ACTIVE", { employeeNumber: "1004" }),
      person("eve", "Eve", "Novak", "ACTIVE", { employeeNumber: "1005" }),
      person("farid", "Farid", "Haddad", "ACTIVE", { employeeNumber: "1006" }),
      // The break-glass admin: an Okta account in no mapped group, protected in the mappings.
      {
        id: i.breakglass,
        status: "ACTIVE",
        profile: { login: "breakglass@northwind.example", email: "breakglass@northwind.example", firstName: "Break", lastName: "Glass" },
      },
    ],
    groups: [
      { id: i.vaultAdmins, name: "PS Vault Admins", description: "Administer Password Safe vaults", members: [i.ana] },
      { id: i.auditors, name: "PS Auditors", description: "Read-only audit of Password Safe", members: [i.ben, i.dan] },
      { id: i.requesters, name: "PS Requesters", description: null, members: [i.chloe, i.dan] },
    ],
    apps: [{ id: i.passwordSafeApp, label: "BeyondTrust Password Safe", users: [i.eve], groups: [i.vaultAdmins, i.auditors, i.requesters] }],
  };
}

/** After: farid joins the vault admins, dan is suspended (a leaver). */
export function oktaDemoOrgV2(): OktaOrg {
  const org = oktaDemoOrg();
  org.groups.find((g) => g.id === oktaDemoIds.vaultAdmins)!.members.push(oktaDemoIds.farid);
  org.users.find((u) => u.id === oktaDemoIds.dan)!.status = "SUSPENDED";
  return org;
}
