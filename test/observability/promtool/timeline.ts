// Turns one sample set per minute into promtool `input_series`: a series that stops being exposed gets a
// staleness marker (as Prometheus writes when a target drops it), and runs are written in expanding notation.

export type Sample = { readonly labels: Readonly<Record<string, string>>; readonly value: number };

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** `name{a="x",…}` in promtool's series syntax (label values as quoted strings). */
export function seriesSelector(labels: Readonly<Record<string, string>>): string {
  const { __name__: name, ...rest } = labels;
  if (!name) throw new Error(`series without __name__: ${JSON.stringify(labels)}`);
  const body = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(",");
  return `${name}{${body}}`;
}

type Point = number | "stale" | undefined;

/** Writes values with `a+bxn` runs (n further samples stepping by b) and `_xn` gaps (n missing samples). */
export function expand(points: readonly Point[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < points.length) {
    const p = points[i];
    if (p === undefined) {
      let j = i;
      while (j < points.length && points[j] === undefined) j++;
      out.push(j - i === 1 ? "_" : `_x${j - i}`);
      i = j;
    } else if (p === "stale") {
      out.push("stale");
      i++;
    } else {
      const next = points[i + 1];
      const step = typeof next === "number" ? next - p : 0;
      let j = i + 1;
      while (j < points.length && typeof points[j] === "number" && (points[j] as number) - (points[j - 1] as number) === step) j++;
      const n = j - i - 1;
      out.push(n === 0 ? `${p}` : step === 0 ? `${p}x${n}` : `${p}${step >= 0 ? "+" : ""}${step}x${n}`);
      i = j;
    }
  }
  return out.join(" ");
}

/** Collects per-minute samples into input series; trailing gaps are dropped. */
export class Timeline {
  /** Series by their labels as given, so the selector (which sorts them) is worked out once per series. */
  private readonly byLabels = new Map<string, { series: string; points: Point[]; seenAt: number }>();
  private readonly series = new Map<string, { series: string; points: Point[]; seenAt: number }>();
  private minutes = 0;

  add(minute: number, samples: readonly Sample[]): void {
    if (minute !== this.minutes) throw new Error(`minutes must be added in order: expected ${this.minutes}, got ${minute}`);
    for (const s of samples) {
      const raw = JSON.stringify(s.labels);
      let e = this.byLabels.get(raw);
      if (!e) {
        const key = seriesSelector(s.labels);
        e = this.series.get(key) ?? { series: key, points: Array<Point>(minute).fill(undefined), seenAt: -1 };
        this.series.set(key, e);
        this.byLabels.set(raw, e);
      }
      if (e.seenAt === minute) throw new Error(`duplicate series at minute ${minute}: ${e.series}`);
      e.seenAt = minute;
      e.points.push(s.value);
    }
    for (const e of this.series.values()) {
      if (e.seenAt === minute) continue;
      const last = e.points[e.points.length - 1];
      e.points.push(typeof last === "number" ? "stale" : undefined);
    }
    this.minutes++;
  }

  inputSeries(): InputSeries[] {
    return [...this.series.values()].map(({ series, points: pts }) => {
      let end = pts.length;
      while (end > 0 && pts[end - 1] === undefined) end--;
      return { series, values: expand(pts.slice(0, end)) };
    });
  }
}
