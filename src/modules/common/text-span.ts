import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A sentence or passage of a document’s cleaned text 原文片段, with where it stands.' })
export class TextSpan {
  @Field(() => String, { description: 'The text exactly as it stands in `Document.text`.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in `Document.text` (UTF-16 code units).' })
  start!: number;

  @Field(() => Int, { description: 'End offset (exclusive) in `Document.text`.' })
  end!: number;
}
