// Counts said the way people say them: "1 account", "2 accounts", "0 accounts". One helper for every
// message, so no renderer writes "1 accounts" or hedges with "account(s)".

/** The word for `n` of them: `word` for exactly one, else `many` (default: `word` + "s"). */
export function pluralWord(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** "1 account", "3 accounts", "2 policies" (with `many`: "policies"). */
export function plural(n: number, word: string, many?: string): string {
  return `${n} ${pluralWord(n, word, many)}`;
}
