// Column layout for text output in both UI languages: CJK characters take two terminal columns,
// so labels are padded by display width, not by string length.

/** Terminal columns of `text`: wide (CJK, full-width) characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** `text` padded with spaces to `width` display columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Rows of `label value`, the values aligned one space after the widest label (at least
 * `minWidth` columns), each row starting with `indent`.
 */
export function alignLabels(
  rows: readonly (readonly [string, string])[],
  indent = '',
  minWidth = 0,
): string[] {
  const width = Math.max(minWidth, ...rows.map(([label]) => displayWidth(label) + 1));
  return rows.map(([label, value]) => `${indent}${padDisplay(label, width)}${value}`);
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
