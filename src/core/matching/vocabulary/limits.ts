/** The vocabulary's numbers (issue 23). */
export const VOCABULARY_LIMITS = {
  /**
   * Most IKMs a search by an unknown word lists (the text search's best, by word similarity). A
   * word nobody uses as a process name matches few profiles; a thousand is more than a buyer pages
   * through, and keeps the id list the IKM filter carries small.
   */
  textMatches: 1000,
  /** Suggestions given by default, and the most one may ask for. */
  suggestions: 5,
  maxSuggestions: 20,
  /** Longest word an administrator adds, in characters after normalising (the longest in the file is under 40). */
  maxWordLength: 60,
} as const;
