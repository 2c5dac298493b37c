// talisman ships CommonJS without type declarations; these are the two functions we use.
declare module 'talisman/phonetics/double-metaphone.js' {
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
declare module 'talisman/phonetics/metaphone.js' {
  const metaphone: (word: string) => string;
  export default metaphone;
}
