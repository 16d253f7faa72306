// Names a reviewer reads and a product compares must look like what they are. Two tricks make
// a name read as another: bidirectional-control (and invisible) characters that reorder or hide
// text ("Trojan Source", CVE-2021-42574), and letters from different scripts that look alike
// ("раypal" with Cyrillic р and а). A name with either is refused; everything else is compared
// after Unicode NFKC normalisation, so full-width or composed forms match their plain spelling.

/** Bidi embeddings, overrides and isolates, marks, and zero-width characters. */
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** Scripts whose letters are mistaken for each other (Unicode TR39's common confusable scripts). */
const CONFUSABLE_SCRIPTS: readonly [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
];

/** The form names are compared in. */
export function normalizedName(value: string): string {
  return value.normalize("NFKC");
}

/** Why a name cannot be accepted, or undefined when it is fine. */
export function unsafeNameReason(value: string): string | undefined {
  const hidden = INVISIBLE_OR_BIDI.exec(value);
  if (hidden) {
    const code = hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `contains the invisible or text-direction control character U+${code}, which can make a name display as another; type the name again`;
  }
  const normalized = normalizedName(value);
  const scripts = CONFUSABLE_SCRIPTS.filter(([, pattern]) => pattern.test(normalized)).map(([name]) => name);
  if (scripts.length > 1) {
    return `mixes letters of the ${scripts.join(" and ")} scripts, which look alike (a homoglyph): write it in one script`;
  }
  return undefined;
}

/**
 * Every string in a mapping file, checked where it is: an invisible or text-direction control
 * character is refused anywhere (no value needs one); mixed look-alike scripts are refused in
 * the names the mappings introduce (`isName(path)`: roles, domains, descriptions, group names),
 * not in free text that names something else. One reason per field.
 */
export function unsafeTextFields(
  value: unknown,
  isName: (path: readonly (string | number)[]) => boolean,
): { path: (string | number)[]; text: string; reason: string }[] {
  const found: { path: (string | number)[]; text: string; reason: string }[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node === "string") {
      const reason = INVISIBLE_OR_BIDI.test(node) || isName(path) ? unsafeNameReason(node) : undefined;
      if (reason) found.push({ path, text: node, reason });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
    } else if (node && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        const keyReason = INVISIBLE_OR_BIDI.test(key) ? unsafeNameReason(key) : undefined;
        if (keyReason) found.push({ path: [...path, key], text: key, reason: keyReason });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
  return found;
}

/** A field-path pattern ("pra.groupPolicies[*].jumpGroups[*].name": `[*]` any index, `*` any key) as a test of a path. */
export function fieldPattern(pattern: string): (path: readonly (string | number)[]) => boolean {
  const steps = pattern
    .replace(/\[\*\]/g, ".[*]")
    .split(".")
    .filter(Boolean);
  const matches = (step: string, at: string | number) => (step === "[*]" ? typeof at === "number" : step === "*" ? typeof at === "string" : step === at);
  return (path) => path.length === steps.length && steps.every((step, i) => matches(step, path[i]));
}
