/**
 * Easy-read text in Vietnamese: the rules an editor's version must follow, and its readability figure.
 *
 * Vietnamese is written one syllable at a time, separated by spaces ("người cao tuổi" is three written units and
 * one or two words); the published readability formulas for Vietnamese count these written units, so no word
 * segmenter is needed. The figure is Nguyễn & Henkin's formula (Nguyễn Thị Nhung & Laurence Henkin, "A
 * readability formula for Vietnamese", Journal of Reading 26(3), 1982, pp. 243–251; reviewed with the later
 * formulas in Luong, Dinh, Nguyen & Bui, "Assessing Vietnamese text readability using multi-level linguistic
 * features", IJACSA 11(8), 2020, doi:10.14569/IJACSA.2020.0110814):
 *
 *     grade = 2 × (letters per written word) + 0.2 × (written words per sentence) − 6
 *
 * a school grade: about 1–5 reads at primary level (the aim for an easy-read version), 6–9 lower secondary,
 * 10–12 upper secondary, above 12 needs a university reader. Letters are counted after NFC normalisation,
 * so a letter with its diacritics ("ệ") is one letter whichever way the editor's keyboard composed it.
 */

/** The longest easy-read version accepted, in characters: a page or two of large print, a few minutes spoken. */
export const EASY_READ_MAX_CHARS = 3_000;
/** The longest sentence accepted, in written words: easy-read guidelines ask for one idea of 15–20 words. */
export const EASY_READ_MAX_SENTENCE_WORDS = 20;

export type Readability = {
  /** Nguyễn & Henkin's school grade, one decimal. */
  grade: number;
  sentences: number;
  words: number;
  wordsPerSentence: number;
  lettersPerWord: number;
  longestSentence: number;
};

/** Sentences end at . ! ? … or a line break; a number like 1.000 or 80,5 does not end one. */
export const sentencesOf = (text: string) =>
  text
    .normalize('NFC')
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /\p{L}|\p{N}/u.test(sentence));

const wordsOf = (sentence: string) =>
  sentence
    .split(/\s+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);

/** The readability figure of a Vietnamese text (null for a text without a sentence). */
export function readabilityOf(text: string): Readability | null {
  const sentences = sentencesOf(text).map(wordsOf);
  const words = sentences.flat();
  if (!words.length) return null;
  const letters = words.reduce((sum, word) => sum + [...word].length, 0);
  const wordsPerSentence = words.length / sentences.length;
  const lettersPerWord = letters / words.length;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    grade: round(Math.max(0, 2 * lettersPerWord + 0.2 * wordsPerSentence - 6)),
    sentences: sentences.length,
    words: words.length,
    wordsPerSentence: round(wordsPerSentence),
    lettersPerWord: round(lettersPerWord),
    longestSentence: Math.max(...sentences.map((sentence) => sentence.length)),
  };
}

/**
 * What is wrong with an editor's easy-read version, each problem saying what to change (empty when it may be
 * saved); the caller prefixes the field's name. Plain text: paragraphs separated by blank lines, no markup.
 */
export function easyReadProblems(text: string): string[] {
  const problems: string[] = [];
  const length = [...text.normalize('NFC')].length;
  if (length > EASY_READ_MAX_CHARS)
    problems.push(
      `has ${length} characters; an easy-read version has at most ${EASY_READ_MAX_CHARS}: keep the few points a reader needs`,
    );
  if (/<[a-z!/]/i.test(text)) problems.push('must be plain text: remove the HTML tags');
  sentencesOf(text).forEach((sentence, index) => {
    const count = wordsOf(sentence).length;
    if (count > EASY_READ_MAX_SENTENCE_WORDS) {
      const start = sentence.split(/\s+/u).slice(0, 6).join(' ');
      problems.push(
        `sentence ${index + 1} ("${start} …") has ${count} words; an easy-read sentence has at most ${EASY_READ_MAX_SENTENCE_WORDS}: split it`,
      );
    }
  });
  if (!problems.length && !readabilityOf(text)) problems.push('has no sentence: write one, or leave it out');
  return problems;
}
