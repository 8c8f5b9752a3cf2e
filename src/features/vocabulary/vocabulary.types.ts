import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Process, SpecificProcess } from "../../api/common/enums.js";
import { Connection } from "../../api/common/relay.js";
import { DateTimeScalar } from "../../api/common/scalars.js";

@ObjectType({ description: "A known word close to one Jalin does not know (\"did you mean\"): a process word or a material word." })
export class VocabularySuggestion {
  @Field(() => String, { description: "The known word, normalised (lower case, single spaces), e.g. \"bubut\"." })
  word!: string;

  @Field(() => Process, { nullable: true, description: "The process family the word names; null for a material word." })
  process!: Process | null;

  @Field(() => String, { nullable: true, description: "The material family the word names (e.g. \"cast iron\"); null for a process word." })
  materialFamily!: string | null;

  @Field(() => Float, { description: "How close it is to the term asked, 0 to 1 (1 would be the same word); at least 0.5." })
  similarity!: number;

  @Field(() => String, { description: "The word and what it names, to show: \"bubut (MACHINING_MANUAL)\" or \"kuningan (material: brass)\"." })
  label!: string;
}

@ObjectType({ description: "A word an administrator added to the vocabulary, with who added it, when and from what source." })
export class VocabularyEntry {
  @Field(() => ID, { description: "The entry's id (a UUID; entries are listed, not fetched with Query.node)." })
  id!: string;

  @Field(() => String, { description: "The word, normalised (lower case, no accents, single spaces)." })
  word!: string;

  @Field(() => Process, { nullable: true, description: "The process family it names; null for a material word." })
  process!: Process | null;

  @Field(() => SpecificProcess, { nullable: true, description: "The specific process of that family it names; null when it names the family alone, and for a material word." })
  specificProcess!: SpecificProcess | null;

  @Field(() => String, { nullable: true, description: "The material family it names; null for a process word." })
  materialFamily!: string | null;

  @Field(() => String, { description: "Where the word comes from: a named glossary, standard or classification with its date, or observed usage and the year." })
  source!: string;

  @Field(() => String, { nullable: true, description: "The administrator's note; null when none." })
  note!: string | null;

  @Field(() => String, { description: "Name of the administrator who added it (kept when the account is deleted)." })
  addedByName!: string;

  @Field(() => DateTimeScalar, { description: "When it was added; effective on every server from then on." })
  createdAt!: Date;
}

export const VocabularyEntryConnection = Connection(VocabularyEntry, "VocabularyEntry");

@InputType({ description: "A word to add to the vocabulary: it names a process family, a specific process, or a material family (one of them)." })
export class AddSynonymInput {
  @Field(() => String, { description: "The word as people write it (e.g. \"ngecat\"); stored normalised, 2 to 60 characters." })
  word!: string;

  @Field(() => Process, { nullable: true, description: "The process family the word names. Give this, specificProcess, or materialFamily." })
  process?: Process | null;

  @Field(() => SpecificProcess, {
    nullable: true,
    description: "The specific process the word names (e.g. CHROME_PLATING for \"krom hias\"); it names the process's family too, and machines whose type holds it count as evidence of the process. With process, the two must agree.",
  })
  specificProcess?: SpecificProcess | null;

  @Field(() => String, { nullable: true, description: "The material family the word names, one of the known families (e.g. \"cast iron\", \"steel\", \"brass\"). Give this or process." })
  materialFamily?: string | null;

  @Field(() => String, { description: "Where the word comes from: a named glossary, standard or classification with its date, or \"observed in shop usage, <year>\"." })
  source!: string;

  @Field(() => String, { nullable: true, description: "Why it was added, or anything a reviewer should know (at most 1000 characters)." })
  note?: string | null;
}

@InputType({ description: "Narrows the list of added words; every given condition must hold." })
export class VocabularyFilter {
  @Field(() => Process, { nullable: true, description: "Words naming this process family." })
  process?: Process | null;

  @Field(() => String, { nullable: true, description: "Words naming this material family." })
  materialFamily?: string | null;

  @Field(() => String, { nullable: true, description: "Words starting with this text (compared normalised)." })
  wordStartsWith?: string | null;
}

@ArgsType()
export class VocabularySuggestionsArgs {
  @Field(() => String, { description: "A word or phrase, e.g. \"bubud\" or \"jasa powder coting\"; read up to 120 characters." })
  term!: string;

  @Field(() => Int, { nullable: true, description: "Most suggestions to give, 1 to 20; default 5." })
  first?: number | null;
}
