import type { Assumption, BasisRef } from '../../domain/cost/agreement.js';
import type { CostSubject, DerivationStep } from '../../domain/cost/derivation.js';
import type { Catalogue } from '../../i18n/catalogue.js';

/** What turning derivation steps into sentences needs: the language, party names, the assumptions' wording. */
export interface ExplainContext {
  t: Catalogue;
  partyName: (partyId: string) => string;
  assumptions: readonly Assumption[];
}

/** One derivation line, and whether it rests on an assumption (the cards mark those). */
export interface ExplainedStep {
  text: string;
  assumption: boolean;
}

export function subjectName(subject: CostSubject, ctx: ExplainContext): string {
  const s = ctx.t.cost.subjects;
  switch (subject.type) {
    case 'programme':
      return s.programme;
    case 'otherParties':
      return s.otherParties;
    case 'county':
      return s.county[subject.county];
    case 'countyMunicipalities':
      return s.countyMunicipalities[subject.county];
    case 'party':
      return ctx.partyName(subject.partyId);
    case 'selection':
      return s.selection;
  }
}

/** A subject's name inside a sentence: common-noun names ("kommunerna i …", "övriga parter …") lose their capital. */
export function subjectNameInSentence(subject: CostSubject, ctx: ExplainContext): string {
  const name = subjectName(subject, ctx);
  return subject.type === 'countyMunicipalities' || subject.type === 'otherParties' ? name.charAt(0).toLocaleLowerCase() + name.slice(1) : name;
}

export function describeStep(step: DerivationStep, ctx: ExplainContext): ExplainedStep {
  const st = ctx.t.cost.steps;
  const name = (x: CostSubject) => subjectName(x, ctx);
  const subject = name(step.subject);
  const assumption = step.basis.some((b) => b.kind === 'assumption');
  const text = ((): string => {
    switch (step.kind) {
      case 'stated':
        return st.stated({ subject, yearly: step.yearly });
      case 'sum':
        return st.sum({ subject, yearly: step.yearly, parts: step.parts.map((p) => ({ name: name(p.subject), yearly: p.yearly })) });
      case 'remainder':
        return st.remainder({ subject, yearly: step.yearly, of: name(step.of), ofYearly: step.ofYearly, minus: step.minus.map((m) => ({ name: name(m.subject), yearly: m.yearly })) });
      case 'fraction':
        return st.fraction({ subject, yearly: step.yearly, of: name(step.of), ofYearly: step.ofYearly, numerator: step.numerator, denominator: step.denominator, quota: step.quota });
      case 'populationShare':
        return st.populationShare({
          subject,
          yearly: step.yearly,
          of: name(step.of),
          ofYearly: step.ofYearly,
          population: step.population,
          poolPopulation: step.poolPopulation,
          referenceDate: step.populationReferenceDate,
          quota: step.quota,
        });
      case 'notParticipating':
        return st.notParticipating({ subject, cause: step.cause });
      case 'notDecided':
        return st.notDecided({ subject: subjectNameInSentence(step.subject, ctx), county: ctx.t.cost.counties[step.county], countyYearly: step.countyYearly });
      case 'period':
        return st.period({ yearly: step.yearly, years: step.years, firstYear: step.firstYear, lastYear: step.lastYear, total: step.total });
    }
  })();
  return { text: assumption ? `${text} (${ctx.t.cost.basis.assumption.toLowerCase()})` : text, assumption };
}

/** The derivation as lines, with a note on rounding when a share was apportioned. */
export function describeDerivation(steps: readonly DerivationStep[], ctx: ExplainContext): ExplainedStep[] {
  const lines = steps.map((s) => describeStep(s, ctx));
  if (steps.some((s) => s.kind === 'populationShare' || s.kind === 'fraction')) lines.push({ text: ctx.t.cost.steps.roundingNote, assumption: false });
  return lines;
}

/** The assumptions' wording in the reader's language, in the order given. */
export function assumptionTexts(ids: readonly string[], ctx: ExplainContext): string[] {
  return ids.flatMap((id) => {
    const a = ctx.assumptions.find((x) => x.id === id);
    return a ? [a.statement[ctx.t.cost.language]] : [];
  });
}

/** The agreement's words the derivation cites, once each. */
export function agreementQuotes(steps: readonly DerivationStep[], ctx: ExplainContext): string[] {
  const quotes = new Set<string>();
  for (const ref of steps.flatMap((s) => s.basis) as BasisRef[]) if (ref.kind === 'agreement') quotes.add(ref.quote);
  return [...quotes].map((quote) => ctx.t.cost.basis.agreement({ quote }));
}
