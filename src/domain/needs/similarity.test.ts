import { describe, expect, it } from 'vitest';
import { NeedSimilarityIndex, SIMILARITY_THRESHOLD, type SimilarityDoc } from './similarity.js';

type Text = { title: string; description: string };

const similarPairs: Array<[string, Text, Text]> = [
  ['elder-care staffing', { title: 'Kompetensförsörjning inom äldreomsorgen', description: 'Vi har svårt att rekrytera undersköterskor och sjuksköterskor till äldreomsorgen och behöver kunskap om hur andra kommuner arbetar.' },
    { title: 'Rekrytering och kompetens i vård och omsorg', description: 'Hur kan kommunen säkra kompetensen inom omsorgen om äldre när pensionsavgångarna ökar och det blir svårt att rekrytera?' }],
  ['trust-based governance', { title: 'Styrning med tillit', description: 'Kunskap om tillitsbaserad styrning och ledning i kommunal förvaltning.' },
    { title: 'Tillitsbaserad styrning i praktiken', description: 'Hur införs tillitsbaserad styrning och ledning, och vad händer med uppföljningen?' }],
  ['crisis preparedness', { title: 'Krisberedskap och civilt försvar', description: 'Kommunens förmåga att hantera kriser och höjd beredskap behöver stärkas.' },
    { title: 'Att stå emot kriser', description: 'Hur bygger vi en organisation som klarar kriser, störningar och höjd beredskap inom det civila försvaret?' }],
  ['AI in case handling', { title: 'AI i ärendehandläggning', description: 'Hur kan artificiell intelligens användas i handläggningen av ärenden med bibehållen rättssäkerhet?' },
    { title: 'Artificiell intelligens och rättssäkerhet', description: 'Vi vill veta mer om rättssäkerheten när AI används för att handlägga ärenden inom socialtjänsten.' }],
  ['administrative burden', { title: 'Minska den administrativa bördan', description: 'Chefer i välfärden lägger för mycket tid på administration och dokumentation.' },
    { title: 'Administrationen tar chefernas tid', description: 'Hur kan administrativa uppgifter minskas så att chefer i välfärden får mer tid för ledarskap?' }],
  ['youth mental health', { title: 'Ungas psykiska hälsa', description: 'Samverkan mellan skola, socialtjänst och region kring barn och unga med psykisk ohälsa.' },
    { title: 'Psykisk ohälsa bland barn och ungdomar', description: 'Hur kan kommun och region samverka bättre kring unga med psykisk ohälsa?' }],
  ['teacher shortage (compound)', { title: 'Kompetensförsörjningsstrategi för skolan', description: 'Lärarbristen kräver en strategi för kompetensförsörjning i grundskolan.' },
    { title: 'Lärarbrist och kompetens i grundskolan', description: 'Hur möter vi bristen på behöriga lärare i grundskolan?' }],
  ['welfare financing typed without å/ä/ö', { title: 'Välfärdens finansiering', description: 'Hur ska välfärden finansieras när andelen äldre ökar och skatteunderlaget minskar?' },
    { title: 'valfardens finansiering pa sikt', description: 'andelen aldre okar, hur klarar kommunerna att finansiera valfarden' }],
  ['climate adaptation', { title: 'Klimatanpassning av samhällsplaneringen', description: 'Kommunerna behöver stöd i att anpassa den fysiska planeringen till översvämningar och värmeböljor.' },
    { title: 'Översvämningar och värmeböljor i planeringen', description: 'Hur ska kommunens planering hantera klimatförändringarnas följder som skyfall och värme?' }],
  ['managers work environment', { title: 'Chefers arbetsmiljö', description: 'Första linjens chefer har stora personalgrupper, hög arbetsbelastning och hög sjukfrånvaro.' },
    { title: 'Hållbart chefskap', description: 'Hur skapar vi en hållbar arbetsmiljö för chefer med många medarbetare och hög arbetsbelastning?' }],
  ['inter-municipal cooperation', { title: 'Mellankommunal samverkan', description: 'Små kommuner behöver samverka kring specialistfunktioner.' },
    { title: 'Samverkan mellan små kommuner', description: 'Hur kan mindre kommuner dela specialistkompetens genom samverkan?' }],
  ['too many indicators', { title: 'Målstyrning och uppföljning', description: 'Vi följer upp för många mål och indikatorer; hur kan uppföljningen bli meningsfull?' },
    { title: 'För många mål och indikatorer', description: 'Styrning med mål och indikatorer leder till omfattande uppföljning utan nytta för verksamheten.' }],
  ['newcomers into work', { title: 'Etablering av nyanlända på arbetsmarknaden', description: 'Hur kan kommunen korta vägen till arbete för nyanlända?' },
    { title: 'Nyanländas väg till arbete', description: 'Arbetsmarknadsinsatser för nyanlända och deras etablering.' }],
];
const dissimilarPairs: Array<[string, Text, Text]> = [
  ['municipal companies vs school results (both "styrning")', { title: 'Styrning av kommunala bolag', description: 'Hur ska ägarstyrningen av kommunala bolag utformas?' },
    { title: 'Styrning mot bättre skolresultat', description: 'Hur kan huvudmannen styra mot bättre resultat i skolan?' }],
  ['crisis vs youth mental health', { title: 'Krisberedskap i vattenförsörjningen', description: 'Reservvatten och nödvatten vid avbrott.' },
    { title: 'Ungas psykiska hälsa', description: 'Samverkan mellan skola, socialtjänst och region kring barn och unga med psykisk ohälsa.' }],
  ['welfare financing vs AI', { title: 'Skatteunderlagets utveckling', description: 'Hur påverkar befolkningsutvecklingen kommunernas ekonomi?' },
    { title: 'AI i ärendehandläggning', description: 'Hur kan artificiell intelligens användas i handläggningen av ärenden med bibehållen rättssäkerhet?' }],
  ['specialist sharing vs school-social services (both "samverkan")', { title: 'Samverkan om specialister', description: 'Små kommuner vill dela jurister och upphandlare.' },
    { title: 'Samverkan kring unga', description: 'Skola och socialtjänst behöver samverka kring unga som far illa.' }],
  ['leading change vs new social services act', { title: 'Ledarskap i förändring', description: 'Hur leder chefer verksamheter genom stora omställningar?' },
    { title: 'Den nya socialtjänstlagen', description: 'Den nya lagen kräver förebyggande arbetssätt i socialtjänsten.' }],
  ['citizen dialogue vs energy', { title: 'Medborgardialog', description: 'Hur involveras invånare i beslut om stadsutveckling?' },
    { title: 'Energiomställning i kommunens fastigheter', description: 'Minska energianvändningen i skolor och äldreboenden.' }],
  ['procurement vs welfare technology (both "hemtjänst")', { title: 'Upphandling av välfärdstjänster', description: 'Hur kan upphandlingen ställa krav på kvalitet i hemtjänsten?' },
    { title: 'Välfärdsteknik', description: 'Digitala trygghetslarm och nattkameror i hemtjänsten.' }],
  ['newcomers vs managers (both "arbete")', { title: 'Nyanländas väg till arbete', description: 'Arbetsmarknadsinsatser för nyanlända och deras etablering.' },
    { title: 'Chefers arbetsmiljö', description: 'Första linjens chefer har stora personalgrupper, hög arbetsbelastning och hög sjukfrånvaro.' }],
  ['teacher shortage vs digital learning (both "grundskolan")', { title: 'Lärarbrist', description: 'Hur möter vi bristen på behöriga lärare?' },
    { title: 'Skolans digitalisering', description: 'Lärplattor och digitala läromedel i grundskolan.' }],
  ['trust vs public safety', { title: 'Tillitsbaserad styrning', description: 'Mindre detaljstyrning och mer förtroende för professionen.' },
    { title: 'Trygghet i centrum', description: 'Ordningsvakter och kameror för ökad trygghet i stadskärnan.' }],
  ['corruption vs public health', { title: 'Korruption och oegentligheter', description: 'Hur förebygger vi mutor och jäv i kommunen?' },
    { title: 'Folkhälsa och fysisk aktivitet', description: 'Hur får vi invånarna att röra sig mer?' }],
  ['building permits vs elder care staffing', { title: 'Snabbare bygglov', description: 'Kortare handläggningstider för bygglov och tillstånd för företagare.' },
    { title: 'Kompetensförsörjning inom äldreomsorgen', description: 'Vi har svårt att rekrytera undersköterskor och sjuksköterskor till äldreomsorgen.' }],
  ['climate vs libraries', { title: 'Klimatanpassning', description: 'Skyfall och översvämningar i tätorterna.' },
    { title: 'Biblioteken som mötesplats', description: 'Hur kan folkbiblioteken bli mötesplatser för demokrati och bildning?' }],
];
const background: Text[] = [
  { title: 'Hemlöshet och bostadsförsörjning', description: 'Kommunens ansvar för bostäder till hushåll som inte kommer in på bostadsmarknaden.' },
  { title: 'Vårdens digitala journaler', description: 'Informationsdelning mellan region och kommun om patienter i hemsjukvården.' },
  { title: 'Politisk styrning och tjänstemannaroll', description: 'Gränsen mellan politiker och tjänstepersoner i kommunen.' },
  { title: 'Våld i nära relationer', description: 'Samordnade insatser för våldsutsatta kvinnor och barn.' },
  { title: 'Landsbygdsutveckling', description: 'Service och kommunikationer på landsbygden.' },
  { title: 'Hållbara inköp', description: 'Miljökrav i offentlig upphandling av livsmedel.' },
  { title: 'Cybersäkerhet', description: 'Skydd mot it-attacker och intrång i kommunens system.' },
  { title: 'Förebyggande socialt arbete', description: 'Tidiga insatser för familjer och barn i riskzonen.' },
];

const doc = (number: number, t: Text, extra: Partial<SimilarityDoc> = {}): SimilarityDoc => ({ number, ...t, round: 2027, status: 'inkommen', ...extra });

/**
 * The corpus the pairs are scored in: one side of every pair plus the background needs, so idf is that of a small
 * realistic register. Scored both ways (a against b in the corpus, and b against a).
 */
function pairScores(pairs: Array<[string, Text, Text]>, offset: number): Array<{ name: string; forward: number; backward: number; found: boolean }> {
  const all = [...similarPairs, ...dissimilarPairs];
  const bIndex = new NeedSimilarityIndex([...all.map(([, , b], i) => doc(i + 1, b)), ...background.map((t, i) => doc(100 + i, t))]);
  const aIndex = new NeedSimilarityIndex([...all.map(([, a], i) => doc(i + 1, a)), ...background.map((t, i) => doc(100 + i, t))]);
  return pairs.map(([name, a, b], i) => ({
    name,
    forward: bIndex.score(a, offset + i + 1)!,
    backward: aIndex.score(b, offset + i + 1)!,
    found: bIndex.findSimilar({ ...a, round: 2027 }).some((s) => s.number === offset + i + 1),
  }));
}

describe('similar needs in Swedish', () => {
  it('uses at least 20 Swedish pairs', () => {
    expect(similarPairs.length + dissimilarPairs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(pairScores(similarPairs, 0))('similar: $name scores at or above the threshold both ways and is found', ({ forward, backward, found }) => {
    expect(forward).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(backward).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(found).toBe(true);
  });

  it.each(pairScores(dissimilarPairs, similarPairs.length))('not similar: $name scores below the threshold both ways and is not offered', ({ forward, backward, found }) => {
    expect(forward).toBeLessThan(SIMILARITY_THRESHOLD);
    expect(backward).toBeLessThan(SIMILARITY_THRESHOLD);
    expect(found).toBe(false);
  });

  it('the threshold separates the pairs with a margin on both sides', () => {
    const sim = pairScores(similarPairs, 0).flatMap((p) => [p.forward, p.backward]);
    const dis = pairScores(dissimilarPairs, similarPairs.length).flatMap((p) => [p.forward, p.backward]);
    expect(Math.min(...sim) - SIMILARITY_THRESHOLD).toBeGreaterThanOrEqual(0.02);
    expect(SIMILARITY_THRESHOLD - Math.max(...dis)).toBeGreaterThanOrEqual(0.01);
  });

  it('a compound matches its part: "kompetensförsörjning" resembles "kompetens"', () => {
    const index = new NeedSimilarityIndex([
      doc(1, { title: 'Kompetens', description: 'Kompetens i kommunen.' }),
      doc(2, { title: 'Trafiksäkerhet', description: 'Säkra skolvägar för barn.' }),
      doc(3, { title: 'Bostäder', description: 'Bostadsbyggande i små orter.' }),
    ]);
    const compound = index.score({ title: 'Kompetensförsörjning', description: 'Kompetensförsörjningen i kommunen.' }, 1)!;
    const unrelated = index.score({ title: 'Kompetensförsörjning', description: 'Kompetensförsörjningen i kommunen.' }, 2)!;
    expect(compound).toBeGreaterThan(SIMILARITY_THRESHOLD);
    expect(unrelated).toBe(0);
  });

  it('case, å/ä/ö and é are folded: the same need typed in capitals and without diacritics is found', () => {
    const index = new NeedSimilarityIndex([doc(1, { title: 'Äldreomsorgens kvalité', description: 'Kvalitén i äldreomsorgen på särskilda boenden.' }), doc(2, { title: 'Cykelvägar', description: 'Fler cykelvägar.' })]);
    const found = index.findSimilar({ title: 'ALDREOMSORGENS KVALITE', description: 'kvaliten i aldreomsorgen pa sarskilda boenden', round: 2027 });
    expect(found.map((f) => f.number)).toEqual([1]);
    expect(found[0]!.score).toBeGreaterThan(0.9);
  });

  it('a text of stop words only resembles nothing', () => {
    const index = new NeedSimilarityIndex([doc(1, { title: 'Vi behöver det här', description: 'Det är något som vi har behov av och som vi vill ha.' })]);
    expect(index.findSimilar({ title: 'Vi behöver det', description: 'Det är något vi har behov av.', round: 2027 })).toEqual([]);
  });
});

describe('which needs are offered', () => {
  const care = { title: 'Kompetensförsörjning inom äldreomsorgen', description: 'Rekrytering av undersköterskor till äldreomsorgen.' };
  const query = { ...care, round: 2027 };

  it('at most three, best first', () => {
    const index = new NeedSimilarityIndex([1, 2, 3, 4, 5].map((n) => doc(n, n === 4 ? care : { ...care, description: `${care.description} Område ${'x'.repeat(n)}.` })));
    const found = index.findSimilar(query);
    expect(found).toHaveLength(3);
    expect(found[0]!.number).toBe(4);
    expect(found.map((f) => f.score)).toEqual([...found.map((f) => f.score)].sort((a, b) => b - a));
  });

  it('needs of this and earlier rounds, never of a later one', () => {
    const index = new NeedSimilarityIndex([doc(1, care, { round: 2026 }), doc(2, care, { round: 2027 }), doc(3, care, { round: 2028 })]);
    expect(index.findSimilar(query).map((f) => f.number).sort()).toEqual([1, 2]);
  });

  it('not withdrawn needs, but rejected and planned ones from any organisation', () => {
    const index = new NeedSimilarityIndex([
      doc(1, care, { status: 'tillbakadragen' }),
      doc(2, care, { status: 'avslagen' }),
      doc(3, care, { status: 'ingar-i-programplan' }),
    ]);
    expect(index.findSimilar(query).map((f) => f.number).sort()).toEqual([2, 3]);
  });

  it('a merged need that matches is offered as the need it was merged into, once', () => {
    const index = new NeedSimilarityIndex([
      doc(1, care, { status: 'sammanslagen', mergedInto: 2 }),
      doc(2, { title: 'Rekrytering till vård och omsorg', description: 'Undersköterskor saknas.' }, { status: 'under-beredning' }),
    ]);
    const found = index.findSimilar(query);
    expect(found.map((f) => f.number)).toEqual([2]);
    expect(found[0]!.score).toBeGreaterThan(0.9);
  });

  it('the need being edited is left out', () => {
    const index = new NeedSimilarityIndex([doc(1, care), doc(2, care)]);
    expect(index.findSimilar({ ...query, excludeNumber: 1 }).map((f) => f.number)).toEqual([2]);
  });

  it('an edited need is found by its new text only; a removed one not at all', () => {
    const index = new NeedSimilarityIndex([doc(1, care), doc(2, { title: 'Cykelvägar', description: 'Fler cykelvägar till skolan.' })]);
    index.upsert(doc(1, { title: 'Skolskjutsar', description: 'Skolskjutsar på landsbygden.' }));
    expect(index.findSimilar(query)).toEqual([]);
    expect(index.findSimilar({ title: 'Skolskjutsar', description: 'Skolskjuts på landsbygden', round: 2027 }).map((f) => f.number)).toEqual([1]);
    index.remove(2);
    expect(index.findSimilar({ title: 'Cykelvägar', description: 'Fler cykelvägar till skolan.', round: 2027 })).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('a status change is seen without re-adding the text', () => {
    const index = new NeedSimilarityIndex([doc(1, care)]);
    index.upsert(doc(1, care, { status: 'tillbakadragen' }));
    expect(index.findSimilar(query)).toEqual([]);
  });

  it('scores stay right after many edits compact the index', () => {
    const topics = ['Cykelvägar', 'Skolskjutsar', 'Bibliotek', 'Simhallar', 'Gatubelysning'];
    const index = new NeedSimilarityIndex();
    for (let round = 0; round < 600; round++) for (let n = 1; n <= 5; n++) index.upsert(doc(n, { title: `${topics[(n + round) % 5]!} ${round}`, description: `Om ${topics[(n + round) % 5]!.toLowerCase()}.` }));
    index.upsert(doc(6, care));
    const fresh = new NeedSimilarityIndex([...[1, 2, 3, 4, 5].map((n) => doc(n, { title: `${topics[(n + 599) % 5]!} 599`, description: `Om ${topics[(n + 599) % 5]!.toLowerCase()}.` })), doc(6, care)]);
    expect(index.size).toBe(6);
    for (const t of topics) {
      expect(index.findSimilar({ title: t, description: '', round: 2027 })).toEqual(fresh.findSimilar({ title: t, description: '', round: 2027 }));
    }
    expect(index.findSimilar(query)).toEqual(fresh.findSimilar(query));
  });
});

describe('20,000 needs', () => {
  // Speed is measured in bench/ (the need-similar turn at 10×), not here: no timing in a test.
  it('visiting common terms only for the best candidates gives the same top three as scoring every need exactly', () => {
    const topics = [...similarPairs, ...dissimilarPairs].flatMap(([, a, b]) => [a, b]);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const docs = Array.from({ length: 20_000 }, (_, i) => {
      const a = topics[Math.floor(rnd() * topics.length)]!;
      const b = topics[Math.floor(rnd() * topics.length)]!;
      return doc(i + 1, { title: `${a.title} ${i % 97}`, description: `${a.description} ${b.description} Kommun ${i % 23}.` }, { round: 2026 + (i % 3) });
    });
    const index = new NeedSimilarityIndex(docs);

    for (const q of topics.slice(0, 3)) {
      const exact = docs
        .map((d) => ({ number: d.number, score: index.score(q, d.number)! }))
        .filter((s) => s.score >= SIMILARITY_THRESHOLD)
        .sort((a, b) => b.score - a.score || a.number - b.number)
        .slice(0, 3)
        .map((s) => s.number);
      expect(index.findSimilar({ ...q, round: 2028 }).map((s) => s.number)).toEqual(exact);
    }
  });
});
