// One mapping file parsed with yaml: the plain value, and positions (file:line:column) for any
// path inside it, taken from the node tree through a LineCounter.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { fieldPath, problem, ProblemCode, type MappingProblem, type SourcePosition } from "../problems";

export type Path = readonly (string | number)[];

/** Expanded alias nodes allowed per document: far above any real mapping, far below a "billion laughs". */
const MAX_ALIAS_COUNT = 1000;

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

export interface YamlFile {
  file: string;
  /** The document as plain data; undefined when the file could not be parsed. */
  value: unknown;
  /** Position of the value at `path`, or of its key when `at` is "key". Falls back to the nearest ancestor. */
  position(path: Path, at?: "value" | "key"): SourcePosition;
}

export function parseYamlFile(file: string, text: string): { yaml: YamlFile; errors: MappingProblem[]; warnings: MappingProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  const at = (offset: number, path: Path): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, field: fieldPath(path) };
  };
  const errors = doc.errors.map((e) => problem(e.code === "DUPLICATE_KEY" ? ProblemCode.DUPLICATE_KEY : ProblemCode.YAML_SYNTAX, at(e.pos[0], []), e.message));
  const warnings = doc.warnings.map((w) => problem(ProblemCode.YAML_WARNING, at(w.pos[0], []), w.message, { severity: "warning" }));
  let value: unknown;
  if (!errors.length) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    } catch (err) {
      // yaml refuses a document whose aliases expand without bound (a resource exhaustion attack).
      if (!(err instanceof ReferenceError)) throw err;
      errors.push(
        problem(
          ProblemCode.YAML_ALIAS_LIMIT,
          at(firstAliasOffset(doc), []),
          `aliases (*name) expand past ${MAX_ALIAS_COUNT} nodes; write the values out or use fewer nested aliases`,
        ),
      );
    }
  }
  const yaml: YamlFile = {
    file,
    value,
    position: (path, target = "value") => {
      const node = locate(doc, path, target);
      const offset = node?.range?.[0] ?? 0;
      return at(offset, path);
    },
  };
  return { yaml, errors, warnings };
}

/** The deepest node on `path` (the key node for the last step when asked). */
function locate(doc: Document.Parsed, path: Path, target: "value" | "key"): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    node = resolve(doc, node);
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(step));
      if (!pair) return found;
      if (last && target === "key") return (pair.key as Node | null) ?? found;
      // `key:` with nothing after it has a null value node: point at the key instead.
      node = pair.value ?? pair.key;
      if (pair.value == null) return (pair.key as Node | null) ?? found;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step];
      if (item == null) return found;
      node = item;
    } else {
      return found;
    }
    found = node as Node;
  }
  return found;
}

function resolve(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML key that is no scalar is refused by the caller; this only names it
  return key == null ? undefined : String(key);
}
