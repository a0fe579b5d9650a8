/**
 * A deterministic keyword list and message for the keyword-matching bench
 * and its test: made-up Spanish- and English-looking words (a seeded
 * generator, so every run measures the same work), accents included.
 */
const SYLLABLES = ['ca', 'lo', 'pe', 'ri', 'to', 'ma', 'su', 'ne', 'dro', 'gar', 'mon', 'tre', 'ña', 'é', 'sh', 'ck'];

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function word(random: () => number, syllables = 2): string {
  const count = syllables + Math.floor(random() * 3);
  let out = '';
  for (let i = 0; i < count; i++) out += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? '';
  return out;
}

/** `count` list entries: single words, two-word phrases, and some with named inflections. */
export function keywordList(count: number, seed = 7): string[] {
  const random = seeded(seed);
  const list: string[] = [];
  for (let i = 0; i < count; i++) {
    // Listed words are a little longer than most words in a message, as real lists are.
    const base = word(random, 3);
    const shape = random();
    if (shape < 0.2) list.push(`${base} ${word(random)}`);
    else if (shape < 0.35) list.push(`${base}|${base}s|${base}do`);
    else list.push(base);
  }
  return list;
}

/** A message of exactly `chars` UTF-16 units of words, punctuation and line breaks. */
export function message(chars: number, seed = 11): string {
  const random = seeded(seed);
  let out = '';
  while (out.length < chars) {
    const w = word(random);
    out += random() < 0.1 ? w.toUpperCase() : w;
    out += random() < 0.1 ? '.\n' : ' ';
  }
  return out.slice(0, chars);
}
