import { Arg, Args, ArgsType, Authorized, Ctx, Field, Mutation, Query, Resolver } from "type-graphql";
import type { Suggestion } from "../../core/matching/vocabulary.js";
import type { VocabularyEntry as VocabularyEntryRow } from "../../infra/db/models.js";
import { PageArgs } from "../../api/common/relay.js";
import type { Context } from "../../api/context.js";
import {
  AddSynonymInput, VocabularyEntry, VocabularyEntryConnection, VocabularyFilter, VocabularySuggestion, VocabularySuggestionsArgs,
} from "./vocabulary.types.js";

@ArgsType()
class VocabularyArgs extends PageArgs {
  @Field(() => VocabularyFilter, { nullable: true, description: "Only words matching every condition given." })
  filter?: VocabularyFilter | null;
}

/** What a client shows for a suggestion: the word and what it names. */
export function suggestionLabel(s: Suggestion): string {
  return s.process ? `${s.word} (${s.process})` : `${s.word} (material: ${s.materialFamily})`;
}

export const toSuggestion = (s: Suggestion): VocabularySuggestion => ({ ...s, label: suggestionLabel(s) });

@Resolver(() => VocabularyEntry)
export class VocabularyResolver {
  @Authorized()
  @Query(() => [VocabularySuggestion], {
    description:
      "The known process and material words nearest to a term Jalin does not know, closest first (\"bubud\" -> bubut (MACHINING_MANUAL)); " +
      "empty when nothing is close. A known word suggests nothing but its neighbours.",
  })
  async vocabularySuggestions(@Args(() => VocabularySuggestionsArgs) args: VocabularySuggestionsArgs, @Ctx() ctx: Context): Promise<VocabularySuggestion[]> {
    const list = await ctx.services.vocabulary.suggestions(ctx.viewer, args.term.slice(0, 120), args.first);
    return list.map(toSuggestion);
  }

  @Authorized("ADMIN")
  @Query(() => VocabularyEntryConnection, { description: "Words administrators added to the vocabulary, newest first, with who added them and the source (administrators)." })
  vocabulary(@Args(() => VocabularyArgs) args: VocabularyArgs, @Ctx() ctx: Context) {
    return ctx.services.vocabulary.list(ctx.viewer, args, args.filter ?? undefined);
  }

  @Authorized("ADMIN")
  @Mutation(() => VocabularyEntry, {
    description:
      "Adds a word that names a process family or a material family (administrators), effective on every server at once: searches " +
      "(ikms' processTerm, processTerms) read it, and for a material word the matcher re-reads the IKMs whose materials contain it. " +
      "CONFLICT (naming what it means) when the word already is a process word (for process) or a material word (for materialFamily); " +
      "a phrase holding a shorter known word is allowed and wins over it (\"besi nodular\" as cast iron, though \"besi\" is steel).",
  })
  addSynonym(@Arg("input", () => AddSynonymInput, { description: "The word, what it names, and its source." }) input: AddSynonymInput, @Ctx() ctx: Context): Promise<VocabularyEntryRow> {
    return ctx.services.vocabulary.addSynonym(ctx.viewer, input);
  }
}
