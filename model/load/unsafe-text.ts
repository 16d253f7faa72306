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
