// Pulumi URNs: urn:pulumi:<stack>::<project>::<qualified type>::<name>, where the qualified type
// prefixes the parent's qualified type ("parent$child") unless the parent is the root stack.

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
export const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = urnQualifiedType(parentUrn);
    if (parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function urnParts(urn: string): string[] {
  return urn.split("::");
}

export function urnQualifiedType(urn: string): string {
  return urnParts(urn)[2] ?? "";
}

export function urnName(urn: string): string {
  return urnParts(urn).slice(3).join("::");
}

/** The type as the CLI displays it: `pra:ScimUser` for `pulumi-nodejs:dynamic/pra:ScimUser`. */
export function displayType(type: string): string {
  const prefix = `${DYNAMIC_TYPE_PREFIX}/`;
  return type.startsWith(prefix) ? type.slice(prefix.length) : type;
}

/** The reference custom resources carry to the default provider of the dynamic-provider package. */
export function defaultProviderRef(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::pulumi:providers:pulumi-nodejs::default::default`;
}
