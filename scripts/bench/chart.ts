import { PHASES, type Phase, type PulumiFigures } from "./pulumi";

/** One catalogue size of a curve run. */
export interface CurvePoint {
  exams: number;
  pulumi: PulumiFigures;
}

const PANEL = { width: 460, height: 300, left: 58, right: 18, top: 40, bottom: 46 };
const COLUMNS = 2;
const COLORS = { ours: "#1f6feb", floor: "#57606a" };

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Round axis steps (1, 2 or 5 × 10^k), about `count` of them, the last one at or above `max`. */
function ticks(max: number, count = 5): number[] {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => Number((i * step).toPrecision(6)));
}

function panel(points: CurvePoint[], phase: Phase, x0: number, y0: number): string {
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const maxExams = Math.max(...points.map((p) => p.exams));
  const maxSeconds = Math.max(...points.flatMap((p) => [p.pulumi.phases[phase].ours.seconds, p.pulumi.phases[phase].floor.seconds]));
  // Headroom above the highest point for its ratio label.
  const yTicks = ticks(maxSeconds * 1.12);
  const yMax = yTicks[yTicks.length - 1];
  const x = (exams: number) => x0 + PANEL.left + (exams / maxExams) * w;
  const y = (seconds: number) => y0 + PANEL.top + h - (seconds / yMax) * h;
  const out: string[] = [];
  out.push(`<text x="${x0 + PANEL.left}" y="${y0 + 24}" class="title">${escape(PHASES[phase])}</text>`);
  for (const t of yTicks) {
    out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left + w}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`);
    out.push(`<text x="${x0 + PANEL.left - 6}" y="${y(t) + 4}" class="tick" text-anchor="end">${t}</text>`);
  }
  for (const exams of [0, ...points.map((p) => p.exams)]) {
    out.push(`<text x="${x(exams)}" y="${y0 + PANEL.top + h + 18}" class="tick" text-anchor="middle">${exams}</text>`);
  }
  out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left + w}" y1="${y(0)}" y2="${y(0)}" class="axis"/>`);
  out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left}" y1="${y0 + PANEL.top}" y2="${y(0)}" class="axis"/>`);
  out.push(`<text x="${x0 + PANEL.left + w / 2}" y="${y0 + PANEL.height - 8}" class="label" text-anchor="middle">exams</text>`);
  out.push(`<text transform="translate(${x0 + 16} ${y0 + PANEL.top + h / 2}) rotate(-90)" class="label" text-anchor="middle">seconds</text>`);
  for (const side of ["floor", "ours"] as const) {
    const coords = points.map((p) => `${x(p.exams).toFixed(1)},${y(p.pulumi.phases[phase][side].seconds).toFixed(1)}`);
    out.push(`<polyline points="${coords.join(" ")}" class="line ${side}"/>`);
    for (const p of points) {
      out.push(`<circle cx="${x(p.exams).toFixed(1)}" cy="${y(p.pulumi.phases[phase][side].seconds).toFixed(1)}" r="3.5" class="dot ${side}"/>`);
    }
  }
  for (const p of points) {
    const { ours, floor } = p.pulumi.phases[phase];
    const top = y(Math.max(ours.seconds, floor.seconds));
    out.push(`<text x="${x(p.exams)}" y="${top - 9}" class="ratio" text-anchor="${p.exams === maxExams ? "end" : "middle"}">${(ours.seconds / floor.seconds).toFixed(2)}×</text>`);
  }
  return out.join("\n");
}

/**
 * Seconds against exams for each Pulumi phase, ours and the floor's, with the
 * ratio at every size: whether our line follows the floor's is visible at a glance.
 */
export function curveChart(points: CurvePoint[], caption: string): string {
  const sorted = [...points].sort((a, b) => a.exams - b.exams);
  const phases = Object.keys(PHASES) as Phase[];
  const rows = Math.ceil(phases.length / COLUMNS);
  const width = PANEL.width * COLUMNS;
  const height = 64 + PANEL.height * rows + 28;
  const panels = phases.map((phase, i) => panel(sorted, phase, (i % COLUMNS) * PANEL.width, 64 + Math.floor(i / COLUMNS) * PANEL.height));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; fill: #24292f; }
.tick { font-size: 11px; fill: #57606a; }
.label { font-size: 12px; fill: #57606a; }
.ratio { font-size: 11px; fill: #1f6feb; font-weight: 600; }
.grid { stroke: #eaeef2; }
.axis { stroke: #8c959f; }
.line { fill: none; stroke-width: 2; }
.line.ours { stroke: ${COLORS.ours}; }
.line.floor { stroke: ${COLORS.floor}; stroke-dasharray: 6 4; }
.dot.ours { fill: ${COLORS.ours}; }
.dot.floor { fill: ${COLORS.floor}; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="26" class="title" font-size="17">pulumi-proctor against the floor: seconds per Pulumi operation by catalogue size</text>
<line x1="18" x2="48" y1="46" y2="46" class="line ours"/><text x="54" y="50" class="label">pulumi-proctor</text>
<line x1="160" x2="190" y1="46" y2="46" class="line floor"/><text x="196" y="50" class="label">floor (same program, no-op provider)</text>
<text x="470" y="50" class="ratio">1.05×</text><text x="512" y="50" class="label">= ours ÷ floor at that size</text>
${panels.join("\n")}
<text x="16" y="${height - 10}" class="tick">${escape(caption)}</text>
</svg>
`;
}
