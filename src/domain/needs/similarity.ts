import type { Need, NeedStatus } from './need.js';
import { wordInfo, words } from './swedish-text.js';

/**
 * Finding needs that resemble a new one, in Swedish.
 *
 * Two TF-IDF cosine signals over title and description:
 * - word stems (title words count twice): case and diacritics folded, stop words dropped, Snowball Swedish stems
 *   ("kommunerna" ~ "kommun");
 * - character trigrams of the folded content words, anchored at the word start, so a compound shares most of its
 *   grams with its parts ("kompetensförsörjning" ~ "kompetens"), which stems alone miss, and inflections that the
 *   stemmer leaves apart ("rekrytering" / "rekrytera") still meet.
 * The score is 0.4 × word cosine + 0.6 × gram cosine; a need is "similar" at SIMILARITY_THRESHOLD or above. The
 * weights, gram size and threshold were chosen on the Swedish pairs in similarity.test.ts (similar pairs score
 * 0.30 and up there, dissimilar ones below 0.25).
 *
 * Speed: the index keeps postings lists (term → needs), so a query tokenises only itself and visits only needs that
 * share a term with it. Terms are visited rarest first within a budget of postings; when the budget cuts the
 * common terms off, the best candidates are rescored exactly from their own term lists. Updates are in place
 * (a changed need is tombstoned and re-added; postings are compacted when a quarter are dead).
 */

/** What the index needs of a need. */
export interface SimilarityDoc {
  number: number;
  title: string;
  description: string;
  round: number;
  status: NeedStatus;
  /** For a merged need: the need it now lives on in. A hit on it is reported as that need. */
  mergedInto?: number;
}

export const toSimilarityDoc = (need: Need): SimilarityDoc => ({
  number: need.number,
  title: need.title,
  description: need.description,
  round: need.round,
  status: need.state.status,
  ...(need.state.status === 'sammanslagen' ? { mergedInto: need.state.mergedInto } : {}),
});

export interface SimilarNeed {
  number: number;
  /** 0…1 */
  score: number;
}

export interface SimilarityQuery {
  title: string;
  description: string;
  /** Needs of this programme year and earlier are searched. */
  round: number;
  /** Leave out this need (the one being edited). */
  excludeNumber?: number;
  /** At most this many results; 3 by default. */
  limit?: number;
  threshold?: number;
}

export const SIMILARITY_THRESHOLD = 0.27;
const WORD_WEIGHT = 0.4;
const GRAM_WEIGHT = 1 - WORD_WEIGHT;
const GRAM = 3;
/**
 * Grams come from a need's first distinct content words only: enough to cover what it is about, while a
 * 4,000-character description cannot blow up the postings (memory at 20,000 needs).
 */
const MAX_GRAM_WORDS = 24;
/** Content words read per need: what a need is about is said long before this (and it bounds the work per need). */
const MAX_WORDS = 300;
/** Postings a query may visit before common terms are left to the exact rescoring of the best candidates. */
const POSTINGS_BUDGET = 60_000;
const RESCORE_CANDIDATES = 100;

/** Counts are kept as bytes (a word used more than 255 times in one need counts 255); their log-tf weights: */
const LOG_TF = Float64Array.from({ length: 256 }, (_, k) => (k === 0 ? 0 : 1 + Math.log(k)));
const MAX_COUNT = 255;

interface QueryVector {
  /** Known terms: id, document frequency, and f = (query log tf × idf) × idf, to be multiplied by a need's log tf. */
  terms: Array<{ id: number; df: number; f: number }>;
  norm: number;
}

/**
 * One term space (word stems, or grams): vocabulary, postings and document frequencies. A posting list holds need
 * ids in ascending order (ids are handed out in order and compaction keeps it), so one need's count for a term is
 * a binary search away; needs keep no term lists of their own.
 */
class Space {
  private readonly ids = new Map<string, number>();
  postDocs: Int32Array[] = [];
  postTf: Uint8Array[] = [];
  postLen: number[] = [];
  /** Live needs per term. */
  private df: number[] = [];

  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.postDocs.length;
      this.ids.set(term, id);
      this.postDocs.push(new Int32Array(2));
      this.postTf.push(new Uint8Array(2));
      this.postLen.push(0);
      this.df.push(0);
    }
    return id;
  }

  add(doc: number, counts: Map<number, number>): void {
    for (const [t, tf] of counts) {
      const len = this.postLen[t]!;
      if (len === this.postDocs[t]!.length) {
        const cap = len + (len >> 1) + 4;
        const d = new Int32Array(cap);
        d.set(this.postDocs[t]!);
        this.postDocs[t] = d;
        const w = new Uint8Array(cap);
        w.set(this.postTf[t]!);
        this.postTf[t] = w;
      }
      this.postDocs[t]![len] = doc;
      this.postTf[t]![len] = Math.min(MAX_COUNT, tf);
      this.postLen[t] = len + 1;
      this.df[t]! += 1;
    }
  }

  forget(counts: Map<number, number>): void {
    for (const t of counts.keys()) this.df[t]! -= 1;
  }

  idf(t: number, n: number): number {
    return Math.log(1 + n / Math.max(1, this.df[t]!));
  }

  query(counts: Map<number, number>, n: number): QueryVector {
    const terms: QueryVector['terms'] = [];
    let norm = 0;
    for (const [id, tf] of counts) {
      const df = this.df[id]!;
      // A term no need has still counts in the query's length: a query of unknown words is not similar to anything.
      const idf = this.idf(id, n);
      const q = LOG_TF[Math.min(MAX_COUNT, tf)]! * idf;
      norm += q * q;
      if (df > 0) terms.push({ id, df, f: q * idf });
    }
    return { terms, norm: Math.sqrt(norm) };
  }

  /** The norm of one need's vector, from its counts (used when it is added). */
  norm(counts: Map<number, number>, n: number): number {
    let s = 0;
    for (const [t, tf] of counts) {
      const x = LOG_TF[Math.min(MAX_COUNT, tf)]! * this.idf(t, n);
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Every live need's squared norm added into `out`, in one pass over the postings. */
  addSquaredNorms(n: number, alive: Uint8Array, out: Float64Array): void {
    for (let t = 0; t < this.postDocs.length; t++) {
      if (this.df[t] === 0) continue;
      const idf = this.idf(t, n);
      const docs = this.postDocs[t]!;
      const tfs = this.postTf[t]!;
      for (let i = 0; i < this.postLen[t]!; i++) {
        const d = docs[i]!;
        if (alive[d] === 0) continue;
        const x = LOG_TF[tfs[i]!]! * idf;
        out[d]! += x * x;
      }
    }
  }

  /** One need's log tf for a term (0 when it does not have it). */
  logTf(t: number, doc: number): number {
    const docs = this.postDocs[t]!;
    let lo = 0;
    let hi = this.postLen[t]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = docs[mid]!;
      if (d === doc) return LOG_TF[this.postTf[t]![mid]!]!;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Drops dead postings and renumbers needs (old id → new id, -1 when dead). */
  compact(remap: Int32Array): void {
    for (let t = 0; t < this.postDocs.length; t++) {
      const docs = this.postDocs[t]!;
      const tfs = this.postTf[t]!;
      let out = 0;
      for (let i = 0; i < this.postLen[t]!; i++) {
        const nd = remap[docs[i]!]!;
        if (nd < 0) continue;
        docs[out] = nd;
        tfs[out] = tfs[i]!;
        out++;
      }
      this.postLen[t] = out;
    }
  }
}

interface WordTerms {
  stem: number;
  grams: Int32Array;
}

interface TermCounts {
  words: Map<number, number>;
  grams: Map<number, number>;
}

// Distinct words seen by one index; the cap guards a long-lived process against unbounded input.
const WORD_CACHE_MAX = 200_000;

/** The k ids with the best scores (a bounded min-heap), for picking the candidates to rescore without sorting them all. */
function topK(ids: readonly number[], scores: Float64Array, k: number): number[] {
  if (ids.length <= k) return [...ids];
  // heap of positions into ids/scores, smallest score on top
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[heap[a]!]! < scores[heap[b]!]!;
  const swap = (i: number, j: number) => {
    const x = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = x;
  };
  for (let pos = 0; pos < ids.length; pos++) {
    if (heap.length < k) {
      heap.push(pos);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!less(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (scores[pos]! > scores[heap[0]!]!) {
      heap[0] = pos;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && less(l, m)) m = l;
        if (r < k && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.map((pos) => ids[pos]!);
}

export class NeedSimilarityIndex {
  private readonly wordSpace = new Space();
  private readonly gramSpace = new Space();
  /** By internal id; dead ones stay until compaction. */
  private docs: SimilarityDoc[] = [];
  private alive = new Uint8Array(64);
  private wordNorm = new Float64Array(64);
  private gramNorm = new Float64Array(64);
  // Per-query scratch, kept between queries; only the touched slots are reset.
  private accW = new Float64Array(64);
  private accG = new Float64Array(64);
  private seen = new Uint8Array(64);
  private readonly byNumber = new Map<number, number>();
  private readonly wordCache = new Map<string, WordTerms | null>();
  private live = 0;
  /** Live needs when the norms were last computed, and changes since. */
  private normsAt = 0;
  private changesSinceNorms = 0;

  constructor(docs: Iterable<SimilarityDoc> = []) {
    for (const d of docs) this.upsert(d);
    this.refreshNorms();
  }

  get size(): number {
    return this.live;
  }

  /** Adds a need, or replaces its stored text and status. */
  upsert(doc: SimilarityDoc): void {
    const existing = this.byNumber.get(doc.number);
    if (existing !== undefined) {
      const old = this.docs[existing]!;
      if (old.title === doc.title && old.description === doc.description) {
        // Only status, round or merge target changed: no re-tokenising.
        this.docs[existing] = { ...doc };
        return;
      }
      this.kill(existing);
    }
    const counts = this.termCounts(doc.title, doc.description);
    const id = this.docs.length;
    this.docs.push({ ...doc });
    this.grow(id + 1);
    this.alive[id] = 1;
    this.wordSpace.add(id, counts.words);
    this.gramSpace.add(id, counts.grams);
    this.byNumber.set(doc.number, id);
    this.live++;
    this.changesSinceNorms++;
    // With the idf of the moment; refreshed with all the others once the collection has drifted.
    this.wordNorm[id] = this.wordSpace.norm(counts.words, this.live);
    this.gramNorm[id] = this.gramSpace.norm(counts.grams, this.live);
  }

  remove(number: number): void {
    const id = this.byNumber.get(number);
    if (id === undefined) return;
    this.byNumber.delete(number);
    this.kill(id);
  }

  /**
   * Up to `limit` (3) needs of round ≤ query.round, not withdrawn, with score ≥ threshold, best first. A merged need
   * that matches is reported as the need it was merged into.
   */
  findSimilar(query: SimilarityQuery): SimilarNeed[] {
    const limit = query.limit ?? 3;
    const threshold = query.threshold ?? SIMILARITY_THRESHOLD;
    const best = new Map<number, number>();
    for (const { id, score } of this.scoreCandidates(query.title, query.description, threshold)) {
      if (score < threshold) continue;
      let doc = this.docs[id]!;
      if (doc.status === 'sammanslagen' && doc.mergedInto !== undefined) {
        const target = this.byNumber.get(doc.mergedInto);
        if (target === undefined) continue;
        doc = this.docs[target]!;
      }
      if (!this.eligible(doc, query)) continue;
      if ((best.get(doc.number) ?? -1) < score) best.set(doc.number, score);
    }
    return [...best]
      .map(([number, score]) => ({ number, score }))
      .sort((a, b) => b.score - a.score || a.number - b.number)
      .slice(0, limit);
  }

  /** The exact score of one indexed need against a text, whatever its round or status (undefined if not indexed). */
  score(text: { title: string; description: string }, number: number): number | undefined {
    const id = this.byNumber.get(number);
    if (id === undefined) return undefined;
    this.maybeRefreshNorms();
    const counts = this.termCounts(text.title, text.description);
    const qW = this.wordSpace.query(counts.words, this.live);
    const qG = this.gramSpace.query(counts.grams, this.live);
    let dotW = 0;
    let dotG = 0;
    for (const t of qW.terms) dotW += t.f * this.wordSpace.logTf(t.id, id);
    for (const t of qG.terms) dotG += t.f * this.gramSpace.logTf(t.id, id);
    return this.combine(id, dotW, dotG, qW, qG);
  }

  /** A word's stem id and gram ids in this index, worked out once per distinct word (null for a stop word). */
  private wordTerms(word: string): WordTerms | null {
    const hit = this.wordCache.get(word);
    if (hit !== undefined) return hit;
    const info = wordInfo(word);
    let terms: WordTerms | null = null;
    if (!info.stop) {
      const padded = `_${info.folded}`;
      const grams: number[] = [];
      if (padded.length <= GRAM) grams.push(this.gramSpace.termId(padded));
      else for (let i = 0; i + GRAM <= padded.length; i++) grams.push(this.gramSpace.termId(padded.slice(i, i + GRAM)));
      terms = { stem: this.wordSpace.termId(info.stem), grams: Int32Array.from(grams) };
    }
    if (this.wordCache.size >= WORD_CACHE_MAX) this.wordCache.clear();
    this.wordCache.set(word, terms);
    return terms;
  }

  /**
   * Term ids with counts: stems (title words twice) of the first MAX_WORDS content words, and the grams of the
   * first MAX_GRAM_WORDS distinct ones.
   */
  private termCounts(title: string, description: string): TermCounts {
    const wordCounts = new Map<number, number>();
    const gramCounts = new Map<number, number>();
    const distinct = new Set<WordTerms>();
    let budget = MAX_WORDS;
    const take = (text: string, weight: number) => {
      for (const w of words(text)) {
        if (budget === 0) return;
        const t = this.wordTerms(w);
        if (t === null) continue;
        budget--;
        wordCounts.set(t.stem, (wordCounts.get(t.stem) ?? 0) + weight);
        if (distinct.size < MAX_GRAM_WORDS) distinct.add(t);
      }
    };
    take(title, 2);
    take(description, 1);
    for (const t of distinct) for (const g of t.grams) gramCounts.set(g, (gramCounts.get(g) ?? 0) + 1);
    return { words: wordCounts, grams: gramCounts };
  }

  private eligible(doc: SimilarityDoc, q: SimilarityQuery): boolean {
    return doc.status !== 'tillbakadragen' && doc.status !== 'sammanslagen' && doc.round <= q.round && doc.number !== q.excludeNumber;
  }

  private combine(id: number, dotW: number, dotG: number, qW: QueryVector, qG: QueryVector): number {
    const w = qW.norm > 0 && this.wordNorm[id]! > 0 ? dotW / (qW.norm * this.wordNorm[id]!) : 0;
    const g = qG.norm > 0 && this.gramNorm[id]! > 0 ? dotG / (qG.norm * this.gramNorm[id]!) : 0;
    return Math.min(1, WORD_WEIGHT * w + GRAM_WEIGHT * g);
  }

  private scoreCandidates(title: string, description: string, threshold: number): Array<{ id: number; score: number }> {
    if (this.live === 0) return [];
    this.maybeRefreshNorms();
    const counts = this.termCounts(title, description);
    const qW = this.wordSpace.query(counts.words, this.live);
    const qG = this.gramSpace.query(counts.grams, this.live);
    // Both spaces' terms, rarest first (the ones that tell needs apart), until the budget is spent.
    const plan = [
      ...qW.terms.map((t) => ({ ...t, space: this.wordSpace, acc: this.accW })),
      ...qG.terms.map((t) => ({ ...t, space: this.gramSpace, acc: this.accG })),
    ].sort((a, b) => a.df - b.df);
    const touched: number[] = [];
    let visited = 0;
    let cut = plan.length;
    for (let k = 0; k < plan.length; k++) {
      const { id: t, f, space, acc } = plan[k]!;
      const len = space.postLen[t]!;
      if (visited > 0 && visited + len > POSTINGS_BUDGET) {
        cut = k;
        break;
      }
      visited += len;
      const docs = space.postDocs[t]!;
      const tfs = space.postTf[t]!;
      for (let i = 0; i < len; i++) {
        const d = docs[i]!;
        if (this.alive[d] === 0) continue;
        acc[d]! += f * LOG_TF[tfs[i]!]!;
        if (this.seen[d] === 0) {
          this.seen[d] = 1;
          touched.push(d);
        }
      }
    }
    const scores = new Float64Array(touched.length);
    for (let k = 0; k < touched.length; k++) {
      const d = touched[k]!;
      scores[k] = this.combine(d, this.accW[d]!, this.accG[d]!, qW, qG);
    }
    let out: Array<{ id: number; score: number }>;
    if (cut === plan.length) {
      out = [];
      for (let k = 0; k < touched.length; k++) if (scores[k]! >= threshold) out.push({ id: touched[k]!, score: scores[k]! });
    } else {
      // The common terms left out: add them for the best candidates only, by binary search in their postings.
      out = topK(touched, scores, RESCORE_CANDIDATES).map((d) => {
        let dotW = this.accW[d]!;
        let dotG = this.accG[d]!;
        for (let k = cut; k < plan.length; k++) {
          const { id: t, f, space } = plan[k]!;
          const x = f * space.logTf(t, d);
          if (space === this.wordSpace) dotW += x;
          else dotG += x;
        }
        return { id: d, score: this.combine(d, dotW, dotG, qW, qG) };
      });
    }
    for (const d of touched) {
      this.accW[d] = 0;
      this.accG[d] = 0;
      this.seen[d] = 0;
    }
    return out;
  }

  private kill(id: number): void {
    if (this.alive[id] === 0) return;
    const doc = this.docs[id]!;
    // The same text gives the same term ids (the vocabulary never forgets), so its document frequencies can be undone.
    const counts = this.termCounts(doc.title, doc.description);
    this.alive[id] = 0;
    this.wordSpace.forget(counts.words);
    this.gramSpace.forget(counts.grams);
    this.live--;
    this.changesSinceNorms++;
    if (this.docs.length - this.live > Math.max(1000, this.docs.length / 4)) this.compact();
  }

  private grow(min: number): void {
    if (min <= this.alive.length) return;
    const cap = Math.max(min, this.alive.length * 2);
    const bigger = <T extends Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.alive = bigger(this.alive, (n) => new Uint8Array(n));
    this.seen = bigger(this.seen, (n) => new Uint8Array(n));
    this.wordNorm = bigger(this.wordNorm, (n) => new Float64Array(n));
    this.gramNorm = bigger(this.gramNorm, (n) => new Float64Array(n));
    this.accW = bigger(this.accW, (n) => new Float64Array(n));
    this.accG = bigger(this.accG, (n) => new Float64Array(n));
  }

  /**
   * Exact norms for collections up to 2,000 needs; above that, once the collection has changed by 2% since the
   * norms were computed (idf moves slowly then, and recomputing touches every posting).
   */
  private maybeRefreshNorms(): void {
    if (this.changesSinceNorms === 0) return;
    if (this.live <= 2000 || this.changesSinceNorms >= 0.02 * Math.max(this.normsAt, 1)) this.refreshNorms();
  }

  private refreshNorms(): void {
    const n = this.docs.length;
    const w = new Float64Array(this.wordNorm.length);
    const g = new Float64Array(this.gramNorm.length);
    this.wordSpace.addSquaredNorms(this.live, this.alive, w);
    this.gramSpace.addSquaredNorms(this.live, this.alive, g);
    for (let id = 0; id < n; id++) {
      w[id] = Math.sqrt(w[id]!);
      g[id] = Math.sqrt(g[id]!);
    }
    this.wordNorm = w;
    this.gramNorm = g;
    this.normsAt = this.live;
    this.changesSinceNorms = 0;
  }

  private compact(): void {
    const remap = new Int32Array(this.docs.length).fill(-1);
    const kept: SimilarityDoc[] = [];
    for (let id = 0; id < this.docs.length; id++) {
      if (this.alive[id] === 1) {
        remap[id] = kept.length;
        kept.push(this.docs[id]!);
      }
    }
    this.wordSpace.compact(remap);
    this.gramSpace.compact(remap);
    this.docs = kept;
    const cap = Math.max(64, kept.length);
    this.alive = new Uint8Array(cap).fill(1, 0, kept.length);
    this.seen = new Uint8Array(cap);
    this.wordNorm = new Float64Array(cap);
    this.gramNorm = new Float64Array(cap);
    this.accW = new Float64Array(cap);
    this.accG = new Float64Array(cap);
    this.byNumber.clear();
    kept.forEach((d, id) => this.byNumber.set(d.number, id));
    this.refreshNorms();
  }
}

/** One-off search without keeping an index (small collections, tests). */
export const findSimilarNeeds = ({ needs, query }: { needs: readonly Need[]; query: SimilarityQuery }): SimilarNeed[] =>
  new NeedSimilarityIndex(needs.map(toSimilarityDoc)).findSimilar(query);
