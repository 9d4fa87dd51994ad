/**
 * Words that say nothing about what a need is about. Swedish function words (the Snowball list, widened with
 * common adverbs, modal verbs and abbreviations), the words every need uses ("behov", "behöver", "önskar"), and a
 * few English function words for needs written in English. Compared after case and diacritic folding, so "for"
 * written without the ring matches "för".
 */
export const swedishStopWords: readonly string[] = [
  // Snowball's Swedish stop-word list
  'och', 'det', 'att', 'i', 'en', 'jag', 'hon', 'som', 'han', 'på', 'den', 'med', 'var', 'sig', 'för', 'så', 'till',
  'är', 'men', 'ett', 'om', 'hade', 'de', 'av', 'icke', 'mig', 'du', 'henne', 'då', 'sin', 'nu', 'har', 'inte', 'hans',
  'honom', 'skulle', 'hennes', 'där', 'min', 'man', 'ej', 'vid', 'kunde', 'något', 'från', 'ut', 'när', 'efter', 'upp',
  'vi', 'dem', 'vara', 'vad', 'över', 'än', 'dig', 'kan', 'sina', 'här', 'ha', 'mot', 'alla', 'under', 'någon', 'eller',
  'allt', 'mycket', 'sedan', 'ju', 'denna', 'själv', 'detta', 'åt', 'utan', 'varit', 'hur', 'ingen', 'mitt', 'ni', 'bli',
  'blev', 'oss', 'din', 'dessa', 'några', 'deras', 'blir', 'mina', 'samma', 'vilken', 'er', 'sådan', 'vår', 'blivit',
  'dess', 'inom', 'mellan', 'sådant', 'varför', 'varje', 'vilka', 'ditt', 'vem', 'vilket', 'sitta', 'sådana', 'vart',
  'dina', 'vars', 'vårt', 'våra', 'ert', 'era', 'vilkas',
  // more function words, adverbs and auxiliaries
  'också', 'även', 'samt', 'bland', 'genom', 'hos', 'mer', 'mera', 'mest', 'många', 'flera', 'fler', 'andra', 'annan',
  'annat', 'ska', 'skall', 'måste', 'bör', 'borde', 'kunna', 'kommer', 'komma', 'få', 'får', 'fick', 'fått', 'göra',
  'gör', 'gjorde', 'gjort', 'finns', 'fanns', 'funnits', 'hela', 'helt', 'dock', 'eftersom', 'därför', 'medan', 'både',
  'inför', 'kring', 'enligt', 'per', 'via', 'sin', 'sitt', 'själva', 'vilken', 'ingenting', 'inget', 'inga', 'något',
  'några', 'ofta', 'alltid', 'aldrig', 'redan', 'bara', 'endast', 'just', 'väl', 'nog', 'kanske', 'ännu', 'igen',
  'dessutom', 'därmed', 'därav', 'härmed', 'såsom', 'såväl', 'sådär', 'idag', 'nästa', 'förra', 'vidare', 'osv', 'etc',
  'dvs', 'bl', 'ex', 'mfl', 'mm', 'ca', 'resp', 'ang', 'gäller', 'gälla', 'vår', 'ens', 'egen', 'eget', 'egna', 'hur',
  'ta', 'tar', 'tas', 'sker', 'ske', 'skett', 'vill', 'ville', 'velat', 'behöva', 'behöver', 'behövs', 'behövde',
  'behov', 'behovet', 'behoven', 'behovs', 'önskar', 'önskan', 'önskemål', 'önskas', 'tycker', 'tror', 'anser',
  // English function words
  'the', 'and', 'of', 'to', 'in', 'for', 'an', 'on', 'with', 'is', 'are', 'be', 'we', 'our', 'us', 'how', 'that', 'this',
  'as', 'by', 'at', 'from', 'it', 'its', 'or', 'need', 'needs', 'would', 'should', 'could', 'can', 'will', 'about',
  'more', 'into', 'what', 'which', 'who', 'their', 'they', 'them', 'has', 'have', 'not',
];
