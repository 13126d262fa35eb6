import type { PulumiFigures } from "./pulumi";
import { PHASES, type Phase } from "./side-by-side";

/** One catalogue size of a curve run. */
export interface CurvePoint {
  exams: number;
  pulumi: PulumiFigures;
}

/** One line of a panel: a configuration's seconds at each catalogue size it was measured at. */
export interface Series {
  /** Its CSS class (also how a reader of the SVG finds its line). */
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  points: { exams: number; seconds: number }[];
}

/** One operation: its lines, and a text (a ratio) placed above a point. */
export interface Panel {
  title: string;
  series: Series[];
  labels: { exams: number; seconds: number; text: string }[];
}

export interface ChartSpec {
  title: string;
  panels: Panel[];
  /** Log for lines that differ by orders of magnitude (per-exam against course-level resources). */
  scale: "linear" | "log";
  /** What a label's text means, shown after the legend with a sample, e.g. "= ours ÷ floor at that size". */
  labelNote: { sample: string; text: string };
  /** Panels side by side in a row. */
  columns: number;
  /** Lines of monospace text under the panels (a goals table). */
  footer: string[];
  caption: string;
}

const PANEL = { width: 460, height: 300, left: 58, right: 18, top: 40, bottom: 46 };
const LEGEND_ROW = 20;
const FOOTER_LINE = 16;

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Round axis steps (1, 2 or 5 × 10^k), about `count` of them, the last one at or above `max`. */
function linearTicks(max: number, count = 5): number[] {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => Number((i * step).toPrecision(6)));
}

/** 1, 2, 5 × 10^k from the last at or below `min` to the first at or above `max`. */
function logTicks(min: number, max: number): number[] {
  const steps: number[] = [];
  for (let magnitude = 10 ** Math.floor(Math.log10(min)); steps.length === 0 || steps[steps.length - 1] < max; magnitude *= 10) {
    for (const m of [1, 2, 5]) steps.push(Number((m * magnitude).toPrecision(6)));
  }
  const first = steps.filter((t) => t <= min).length - 1;
  return steps.slice(first, steps.findIndex((t) => t >= max) + 1);
}

function panel(spec: Panel, scale: ChartSpec["scale"], x0: number, y0: number): string {
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const lines = spec.series.filter((s) => s.points.length > 0);
  const all = lines.flatMap((s) => s.points);
  const maxExams = Math.max(...all.map((p) => p.exams));
  const seconds = all.map((p) => p.seconds);
  // Headroom above the highest point for its label.
  const yTicks = scale === "log" ? logTicks(Math.min(...seconds), Math.max(...seconds) * 1.3) : linearTicks(Math.max(...seconds) * 1.12);
  const [yMin, yMax] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = (exams: number) => x0 + PANEL.left + (exams / maxExams) * w;
  const share = (s: number) => (scale === "log" ? Math.log(Math.max(s, yMin) / yMin) / Math.log(yMax / yMin) : (s - yMin) / (yMax - yMin));
  const y = (s: number) => y0 + PANEL.top + h - share(s) * h;
  const out: string[] = [];
  out.push(`<text x="${x0 + PANEL.left}" y="${y0 + 24}" class="title">${escape(spec.title)}</text>`);
  for (const t of yTicks) {
    out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left + w}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`);
    out.push(`<text x="${x0 + PANEL.left - 6}" y="${y(t) + 4}" class="tick" text-anchor="end">${t}</text>`);
  }
  for (const exams of [0, ...new Set(all.map((p) => p.exams))]) {
    out.push(`<text x="${x(exams)}" y="${y0 + PANEL.top + h + 18}" class="tick" text-anchor="middle">${exams}</text>`);
  }
  out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left + w}" y1="${y(yMin)}" y2="${y(yMin)}" class="axis"/>`);
  out.push(`<line x1="${x0 + PANEL.left}" x2="${x0 + PANEL.left}" y1="${y0 + PANEL.top}" y2="${y(yMin)}" class="axis"/>`);
  out.push(`<text x="${x0 + PANEL.left + w / 2}" y="${y0 + PANEL.height - 8}" class="label" text-anchor="middle">exams</text>`);
  out.push(`<text transform="translate(${x0 + 16} ${y0 + PANEL.top + h / 2}) rotate(-90)" class="label" text-anchor="middle">seconds${scale === "log" ? " (log)" : ""}</text>`);
  for (const series of lines) {
    const points = [...series.points].sort((a, b) => a.exams - b.exams);
    out.push(`<polyline points="${points.map((p) => `${x(p.exams).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(" ")}" class="line ${series.key}"/>`);
    for (const p of points) out.push(`<circle cx="${x(p.exams).toFixed(1)}" cy="${y(p.seconds).toFixed(1)}" r="3.5" class="dot ${series.key}"/>`);
  }
  for (const label of spec.labels) {
    out.push(`<text x="${x(label.exams)}" y="${y(label.seconds) - 9}" class="ratio" text-anchor="${label.exams === maxExams ? "end" : "middle"}">${escape(label.text)}</text>`);
  }
  return out.join("\n");
}

/** The legend's items, wrapped into rows that fit the chart's width; returns the markup and the rows' count. */
function legend(series: Series[], note: ChartSpec["labelNote"], width: number, top: number): { markup: string; rows: number } {
  const items = [
    ...series.map((s) => ({ width: 44 + s.label.length * 6.6, draw: (x: number, y: number) => `<line x1="${x}" x2="${x + 30}" y1="${y - 4}" y2="${y - 4}" class="line ${s.key}"/><text x="${x + 36}" y="${y}" class="label">${escape(s.label)}</text>` })),
    { width: 52 + (note.sample.length + note.text.length) * 6.6, draw: (x: number, y: number) => `<text x="${x}" y="${y}" class="ratio">${escape(note.sample)}</text><text x="${x + 8 + note.sample.length * 7}" y="${y}" class="label">${escape(note.text)}</text>` },
  ];
  const out: string[] = [];
  let [x, row] = [18, 0];
  for (const item of items) {
    if (x > 18 && x + item.width > width - 16) [x, row] = [18, row + 1];
    out.push(item.draw(x, top + row * LEGEND_ROW));
    x += item.width;
  }
  return { markup: out.join("\n"), rows: row + 1 };
}

/** Seconds against exams for each operation, one line per configuration, labels on points, and text lines under the panels. */
export function chart(spec: ChartSpec): string {
  const series = [...new Map(spec.panels.flatMap((p) => p.series).map((s) => [s.key, s])).values()];
  // Wider than the panels when a footer line needs it (12 px monospace: about 7.3 px a character).
  const width = Math.max(PANEL.width * spec.columns, ...spec.footer.map((line) => Math.ceil(32 + line.length * 7.3)));
  const { markup, rows } = legend(series, spec.labelNote, width, 50);
  const top = 50 + rows * LEGEND_ROW;
  const panelRows = Math.ceil(spec.panels.length / spec.columns);
  const footerTop = top + PANEL.height * panelRows + 8;
  const height = footerTop + spec.footer.length * FOOTER_LINE + 28;
  const panels = spec.panels.map((p, i) => panel(p, spec.scale, (i % spec.columns) * PANEL.width, top + Math.floor(i / spec.columns) * PANEL.height));
  const styles = series.map(
    (s) => `.line.${s.key} { stroke: ${s.color};${s.dashed ? " stroke-dasharray: 6 4;" : ""} }\n.dot.${s.key} { fill: ${s.color}; }`,
  );
  const footer = spec.footer.map((line, i) => `<text x="16" y="${footerTop + (i + 1) * FOOTER_LINE}" class="mono" xml:space="preserve">${escape(line)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; fill: #24292f; }
.tick { font-size: 11px; fill: #57606a; }
.label { font-size: 12px; fill: #57606a; }
.ratio { font-size: 11px; fill: #1f6feb; font-weight: 600; }
.mono { font-size: 12px; fill: #24292f; font-family: ui-monospace, monospace; }
.grid { stroke: #eaeef2; }
.axis { stroke: #8c959f; }
.line { fill: none; stroke-width: 2; }
${styles.join("\n")}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="26" class="title" font-size="17">${escape(spec.title)}</text>
${markup}
${panels.join("\n")}
${footer.join("\n")}
<text x="16" y="${height - 10}" class="tick">${escape(spec.caption)}</text>
</svg>
`;
}

const OURS: Omit<Series, "points"> = { key: "ours", label: "pulumi-proctor", color: "#1f6feb", dashed: false };
const FLOOR: Omit<Series, "points"> = { key: "floor", label: "floor (same program, no-op provider)", color: "#57606a", dashed: true };

/**
 * Seconds against exams for each Pulumi phase, ours and the floor's, with the
 * ratio at every size: whether our line follows the floor's is visible at a glance.
 */
export function curveChart(points: CurvePoint[], caption: string): string {
  const panels = (Object.keys(PHASES) as Phase[]).map((phase) => {
    const line = (side: "ours" | "floor") => points.map((p) => ({ exams: p.exams, seconds: p.pulumi.phases[phase][side].seconds }));
    return {
      title: PHASES[phase],
      series: [
        { ...OURS, points: line("ours") },
        { ...FLOOR, points: line("floor") },
      ],
      labels: points.map((p) => {
        const { ours, floor } = p.pulumi.phases[phase];
        return { exams: p.exams, seconds: Math.max(ours.seconds, floor.seconds), text: `${(ours.seconds / floor.seconds).toFixed(2)}×` };
      }),
    };
  });
  return chart({
    title: "pulumi-proctor against the floor: seconds per Pulumi operation by catalogue size",
    panels,
    scale: "linear",
    labelNote: { sample: "1.05×", text: "= ours ÷ floor at that size" },
    columns: 2,
    footer: [],
    caption,
  });
}
