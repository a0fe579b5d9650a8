import { normalisedString, normaliseForMatch } from './normalise-for-match';

/**
 * A facility's keyword list compiled once into an Aho-Corasick automaton
 * (no maintained, typed npm package for it is in the team's registry
 * mirror, and the algorithm is small): every phrase is found in one pass
 * over the message, however long the list. Phrases and messages are both
 * normalised (case, accents, invisible characters, white space) and a hit
 * counts only on whole words: "arma" matches "¡ARMA!" but not "armario".
 *
 * A list entry may name its inflections with `|`: "droga|drogas|drogado" is
 * one term, reported by its first form.
 */
export interface KeywordHit {
  /** The list entry as the facility wrote it (its first form). */
  readonly term: string;
  /** Where the words are in the original message, [start, end) in UTF-16 units. */
  readonly start: number;
  readonly end: number;
}

const WORD = /^[\p{L}\p{N}]$/u;
const wordCache = new Map<number, boolean>();
function isWordCode(code: number | undefined): boolean {
  if (code === undefined) return false;
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  let known = wordCache.get(code);
  if (known === undefined) {
    // Surrogate halves (letters outside the BMP) count as word characters: a hit never splits a letter.
    known = (code >= 0xd800 && code <= 0xdfff) || WORD.test(String.fromCharCode(code));
    wordCache.set(code, known);
  }
  return known;
}

/** Node ids and code units packed into one number: a single Map holds every edge of the trie. */
const edgeKey = (node: number, code: number) => node * 0x10000 + code;

export class KeywordMatcher {
  private readonly edges = new Map<number, number>();
  private fail = new Int32Array(0);
  /** The root's edges again as a table (most steps of a scan start from the root): -1 where none. */
  private readonly rootEdges = new Int32Array(0x10000).fill(-1);
  /** Per node: the terms ending there (own or by failure links), as [term, normalised length] pairs. */
  private readonly outputs: number[][] = [[]];
  private readonly terms: string[] = [];
  private nodes = 1;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const forms = entry
        .split('|')
        .map((form) => form.trim())
        .filter(Boolean);
      const first = forms[0];
      if (!first) continue;
      const termIndex = this.terms.push(first) - 1;
      for (const form of forms) this.add(normalisedString(form), termIndex);
    }
    this.link();
  }

  get size(): number {
    return this.terms.length;
  }

  private add(phrase: string, term: number): void {
    if (!phrase) return;
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const key = edgeKey(node, phrase.charCodeAt(i));
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.nodes++;
        this.outputs.push([]);
        this.edges.set(key, next);
      }
      if (node === 0) this.rootEdges[phrase.charCodeAt(i)] = next;
      node = next;
    }
    this.outputs[node]?.push(term, phrase.length);
  }

  /** Breadth-first: each node's failure link is the longest proper suffix that is also in the trie. */
  private link(): void {
    const children: [number, number][][] = Array.from({ length: this.nodes }, () => []);
    for (const [key, child] of this.edges) children[Math.floor(key / 0x10000)]?.push([key % 0x10000, child]);
    this.fail = new Int32Array(this.nodes);
    const queue: number[] = (children[0] ?? []).map(([, child]) => child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] ?? 0;
      for (const [code, child] of children[node] ?? []) {
        let fallback = this.fail[node] ?? 0;
        let target = this.edges.get(edgeKey(fallback, code));
        while (target === undefined && fallback !== 0) {
          fallback = this.fail[fallback] ?? 0;
          target = this.edges.get(edgeKey(fallback, code));
        }
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.outputs[this.fail[child] ?? 0] ?? [];
        if (inherited.length) this.outputs[child]?.push(...inherited);
        queue.push(child);
      }
    }
  }

  /** Every whole-word hit in the message, in order; overlapping hits of different terms included. */
  match(message: string): KeywordHit[] {
    if (this.terms.length === 0 || !message) return [];
    const { codes, origin, length } = normaliseForMatch(message);
    const hits: KeywordHit[] = [];
    let node = 0;
    for (let i = 0; i < length; i++) {
      const code = codes[i] ?? 0;
      let next = node === 0 ? undefined : this.edges.get(edgeKey(node, code));
      while (next === undefined && node !== 0) {
        node = this.fail[node] ?? 0;
        if (node !== 0) next = this.edges.get(edgeKey(node, code));
      }
      if (next === undefined) {
        const fromRoot = this.rootEdges[code] ?? -1;
        next = fromRoot < 0 ? 0 : fromRoot;
      }
      node = next;
      const out = this.outputs[node];
      if (!out || out.length === 0) continue;
      // Whole words only: a letter or digit right after the hit (or before it) means it is inside a word.
      if (i + 1 < length && isWordCode(codes[i + 1])) continue;
      for (let k = 0; k < out.length; k += 2) {
        const from = i - (out[k + 1] ?? 0) + 1;
        if (from > 0 && isWordCode(codes[from - 1])) continue;
        hits.push({
          term: this.terms[out[k] ?? 0] ?? '',
          start: origin[from] ?? 0,
          end: endOf(message, origin[i] ?? 0),
        });
      }
    }
    return hits;
  }
}

/** Just past the original code point at `at`, and past any combining accent written after it. */
function endOf(message: string, at: number): number {
  let end = at + ((message.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
  while (end < message.length && /\p{M}/u.test(message[end] ?? '')) end++;
  return end;
}
