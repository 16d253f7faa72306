// Facts about a generic SCIM 2.0 application (RFC 7643/7644) that the mapping schema, the
// builder and the providers share, written once.

/** RFC 7643 §4.1.2: `roles`, a multi-valued complex attribute of {value, display, type, primary}. */
export const DEFAULT_ROLE_ATTRIBUTE = "roles";

/** `roles`, a core attribute name (`userType`), or `<extension schema URN>:<attribute>`. */
export const ROLE_ATTRIBUTE_PATTERN = "^((urn:[A-Za-z0-9][A-Za-z0-9.:_-]*:)?[A-Za-z][A-Za-z0-9_$-]*)$";

/** Page size asked for when the stack sets none; servers may answer fewer (RFC 7644 §3.4.2.4). */
export const DEFAULT_PAGE_SIZE = 100;

/** The most a `count` may ask for; beyond that a server caps it anyway. */
export const MAX_PAGE_SIZE = 1000;
