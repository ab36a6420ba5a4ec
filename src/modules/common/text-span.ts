import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A sentence or passage of a document’s cleaned text 原文片段, with where it stands.' })
export class TextSpan {
  @Field(() => String, { description: 'The text exactly as it stands in `Document.text`.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in `Document.text` (UTF-16 code units).' })
  start!: number;

  @Field(() => Int, { description: 'End offset (exclusive) in `Document.text`.' })
  end!: number;
}

/** the span of a row stored as evidence_text / evidence_start / evidence_end */
export function evidenceOf(row: { evidenceText: string; evidenceStart: number; evidenceEnd: number }): TextSpan {
  return { text: row.evidenceText, start: Number(row.evidenceStart), end: Number(row.evidenceEnd) };
}
