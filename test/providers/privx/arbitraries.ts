// fast-check generators for PrivX host structures whose names the SCIM format can carry.
import * as fc from "fast-check";
import { PRIVX_SERVICES, type PrivxHostFields } from "../../../providers/privx/host-format";

const ordinary = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@/\\+()éüß漢"];

function nameOf(chars: string[]): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== "");
}

/** Role names: no ':', ',' or '=' (they separate entries, roles and accounts). */
export const arbitraryRole = nameOf([...ordinary, " "]);
/** Accounts: no ':' or '='; a ',' is readable before the '='. */
export const arbitraryAccount = nameOf([...ordinary, " ", ","]);
/** Tags and host keys: no ','; ':' '=' and spaces are fine. */
export const arbitraryListItem = nameOf([...ordinary, " ", ":", "="]);

export const arbitraryListItems = fc.array(arbitraryListItem, { maxLength: 6 });

export const arbitraryServices = fc.array(fc.record({ service: fc.constantFrom(...PRIVX_SERVICES), port: fc.integer({ min: 1, max: 65535 }) }), {
  maxLength: 5,
});

export const arbitraryPrincipals = fc.record({
  directoryRoles: fc.array(arbitraryRole, { maxLength: 5 }),
  sharedAccounts: fc.array(fc.record({ account: arbitraryAccount, roles: fc.array(arbitraryRole, { minLength: 1, maxLength: 4 }) }), { maxLength: 4 }),
});

const requiredText = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== "");
const optionalText = fc.option(fc.string({ maxLength: 20 }));
const optionalFlag = fc.option(fc.boolean());

export const arbitraryHost: fc.Arbitrary<PrivxHostFields> = fc
  .record({
    externalId: requiredText,
    commonName: requiredText,
    contactAddress: requiredText,
    description: optionalText,
    userMessage: optionalText,
    tags: arbitraryListItems,
    accessGroupId: optionalText,
    sshHostPublicKeys: arbitraryListItems,
    tofu: optionalFlag,
    auditEnabled: optionalFlag,
    services: arbitraryServices,
    principals: arbitraryPrincipals,
    organization: optionalText,
    organizationalUnit: optionalText,
    zone: optionalText,
    hostType: optionalText,
    classification: optionalText,
  })
  .map(({ principals, ...rest }) => ({ ...rest, ...principals }));

/** Joins entries with blanks around separators and an empty entry or two, as a console might. */
export function noisyJoin(entries: string[], separator: string): string {
  return ` ${entries.join(` ${separator}${separator} `)} ${separator}`;
}
