// snowball-stemmers 0.6 ships no types. It is a CommonJS (UMD) module that sets `__esModule` and exports
// `newStemmer` and `algorithms`. Node's ESM loader hands its exports object over as the default import only (the
// UMD wrapper hides the names from Node's CommonJS lexer); CommonJS transpilers give the named exports instead.
// Both shapes are declared so a caller can accept either (see src/domain/needs/swedish-text.ts).
declare module 'snowball-stemmers' {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  export type SnowballAlgorithm =
    | 'arabic' | 'armenian' | 'basque' | 'catalan' | 'czech' | 'danish' | 'dutch' | 'english' | 'finnish' | 'french'
    | 'german' | 'hungarian' | 'italian' | 'irish' | 'norwegian' | 'porter' | 'portuguese' | 'romanian' | 'russian'
    | 'spanish' | 'slovene' | 'swedish' | 'tamil' | 'turkish';
  export function newStemmer(algorithm: SnowballAlgorithm): SnowballStemmer;
  export function algorithms(): SnowballAlgorithm[];
  const snowball: {
    newStemmer(algorithm: SnowballAlgorithm): SnowballStemmer;
    algorithms(): SnowballAlgorithm[];
  };
  export default snowball;
}
