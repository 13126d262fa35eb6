/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * swaps of two adjacent characters each cost one, because a swap is the
 * commonest typo and plain Levenshtein would count it as two.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) d[i].push(i === 0 ? j : 0);
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The API mixes camelCase and snake_case, so a key written in the other style
 * (cheater_level for cheaterLevel) is the same word, not a typo: case and
 * separators are not counted as edits.
 */
function fold(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, "");
}

/**
 * The candidate closest to `word`, if one is close enough to be a plausible
 * misspelling of it: at most one edit per three characters (and at least one).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(folded.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The reason for an unknown key that is a plausible misspelling of a known one; undefined when none is. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  // A key this long is no misspelling of a field name, and the distance would cost its length squared.
  if (key.length > 200) return undefined;
  const suggestion = nearest(key, known);
  return suggestion === undefined ? undefined : `unknown key; did you mean ${JSON.stringify(suggestion)}?`;
}
