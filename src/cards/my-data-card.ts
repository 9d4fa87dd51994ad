import { adaptiveCard, fileAction, heading, textBlock, type AdaptiveCard, type FileLink } from './adaptive-card.js';

export interface MyDataCardModel {
  title: string;
  intro: string;
  /** "N records in M parts". */
  counts: string;
  /** What each part holds, with its number of records (only parts that hold something). */
  parts: ReadonlyArray<{ label: string; count: number }>;
  downloads: ReadonlyArray<{ title: string; link: FileLink }>;
  note: string;
}

/** "Mina uppgifter": what is stored, part by part, and the files (JSON and a spreadsheet) to download. Personal chat only. */
export function myDataCard(model: MyDataCardModel): AdaptiveCard {
  return adaptiveCard(
    [
      heading(model.title),
      textBlock(model.intro),
      textBlock(model.counts, { weight: 'Bolder' }),
      { type: 'FactSet', facts: model.parts.map((p) => ({ title: p.label, value: String(p.count) })) },
      textBlock(model.note, { isSubtle: true, size: 'Small' }),
    ],
    model.downloads.map((d) => fileAction(d.title, d.link)),
  );
}
