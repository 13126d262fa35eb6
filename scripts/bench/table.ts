/** Rows as a plain-text table: columns padded to their widest cell, left- or right-aligned. */
export function table(rows: string[][], align: ("l" | "r")[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (align[i] === "l" ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd()).join("\n");
}
