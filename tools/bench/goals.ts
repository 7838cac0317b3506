// A benchmark's verdict: each ratio against its goal, and whether all were met (the exit code).
export interface Goal {
  name: string;
  ratio: number;
  goal: number;
}

export function verdict(goals: Goal[]): { lines: string[]; ok: boolean } {
  const lines = goals.map((g) => `${g.name}: ${g.ratio.toFixed(2)} (goal ≤ ${g.goal}) ${g.ratio <= g.goal ? "ok" : "MISSED"}`);
  return { lines, ok: goals.every((g) => g.ratio <= g.goal) };
}
