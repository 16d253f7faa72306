// Mapping files are UTF-8 (a UTF-8 byte-order mark is allowed). A file saved in another encoding
// (UTF-16 by a Windows editor, Windows-1252 or Latin-1) would otherwise turn into replacement
// characters or NUL bytes and fail as a YAML syntax error that does not say why: here it is
// refused with the encoding named and where the first byte that is not UTF-8 is.

export type DecodedFile = { text: string } | { problem: string; line: number; column: number };

/** The file's text, or why it is not UTF-8 (with the position of the first offending byte). */
export function decodeMappingFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const order = bytes[0] === 0xff ? "little-endian" : "big-endian";
    return { problem: `the file is UTF-16 (${order}, with a byte-order mark), not UTF-8: save it as UTF-8`, line: 1, column: 1 };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { problem: "the file holds NUL bytes (UTF-16 without a byte-order mark, or not text): save it as UTF-8", ...positionOf(bytes, nul) };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const byte = bytes[offset].toString(16).toUpperCase().padStart(2, "0");
    return {
      problem: `the file is not UTF-8: byte 0x${byte} is not valid there (Windows-1252 or Latin-1, as some editors save?): save it as UTF-8`,
      ...positionOf(bytes, offset),
    };
  }
}

function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] !== 0x0a) continue;
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}
