// What PrivX accepts as a host's contactAddress: a DNS name, an IPv4 or an IPv6 address.
import { isIPv4, isIPv6 } from "node:net";

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidHostAddress(address: string): boolean {
  if (isIPv4(address) || isIPv6(address)) return true;
  // Dotted digits that are not an IPv4 address (10.0.0.300) are a typo, not a host name.
  if (/^[0-9.]+$/.test(address)) return false;
  const name = address.endsWith(".") ? address.slice(0, -1) : address;
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => LABEL.test(label));
}
