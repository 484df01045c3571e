"""Quotes: direct and indirect speech, their speakers and the bodies they speak for.
All sentences are written for these tests (news style), none come from a labelled data set."""

from __future__ import annotations

import pytest


def only(record: dict, kind: str | None = None) -> list[dict]:
    return [q for q in record["quotes"] if kind is None or q["kind"] == kind]


def names(ref: dict | None) -> set[str]:
    return {ref["text"], ref["name"]} if ref else set()


def test_direct_quote_after_attribution_with_inversion(code):
    rec = code("“The strikes hit legitimate military targets and nothing else,” said the defence minister.")
    (q,) = only(rec)
    assert q["kind"] == "direct" and q["text"] == "The strikes hit legitimate military targets and nothing else"
    assert rec["quotes"][0]["cue"] == "said" and "the defence minister" in names(q["speaker"])


def test_offsets_exclude_the_marks(code):
    text = 'The mayor said: "We will rebuild every school that was damaged in the storm."'
    (q,) = only(code(text))
    assert text[q["start"]:q["end"]] == q["text"] and not q["text"].startswith('"')


def test_interrupted_quote_is_two_quotes_with_the_named_speaker(code):
    rec = code("“We will not accept a ceasefire that leaves the hostages behind,” Defence Minister Yoav Gallant said "
               "on Tuesday. “The operation will go on until every one of them is home.”")
    first, second = only(rec)
    assert first["text"] == "We will not accept a ceasefire that leaves the hostages behind"
    assert second["text"] == "The operation will go on until every one of them is home."
    assert all("Yoav Gallant" in q["speaker"]["name"] for q in (first, second))


def test_title_before_an_attribution_is_not_an_interrupted_quote(code):
    rec = code("On “Meet the Press,” Senator Dana Reyes said the governor’s “judgment” and “honesty” were in "
               "question after the flood response.")
    assert not any("Meet the Press" in q["text"] for q in only(rec))
    assert any(q["text"].startswith("the governor’s “judgment”") for q in only(rec, "indirect"))


def test_new_sentence_attribution_starts_a_new_quote(code):
    rec = code('The governor said, "Thousands of homes are under water tonight." He added, "The army will '
               'send boats to the villages in the north."')
    assert len(only(rec, "direct")) == 2


def test_cue_in_the_sentence_before(code):
    rec = code("Judge Alan Berman turned to the defendant and asked him a question.  “Explain to me why you did "
               "what you did.”")
    (q,) = only(rec, "direct")
    assert q["text"].startswith("Explain to me") and "Berman" in q["speaker"]["name"]


def test_quote_spanning_paragraphs_is_one_quote_a_paragraph(code):
    rec = code('The governor said, "This is the worst flood we have seen in fifty years.\n\n'
               '"Thousands of homes are under water and the roads are cut."\n\nRescue teams arrived on Sunday.')
    first, second = only(rec)
    assert first["text"] == "This is the worst flood we have seen in fifty years."
    assert second["text"] == "Thousands of homes are under water and the roads are cut."
    assert all("The governor" in names(q["speaker"]) for q in (first, second))


def test_pronoun_speaker_resolves_to_the_named_person(code):
    rec = code("Senator Maria Lopez visited the border crossing on Friday. \"The shelters are full and the "
               "children have nowhere to sleep,\" she said.")
    (q,) = only(rec)
    assert q["speaker"]["text"] == "she" and "Lopez" in q["speaker"]["name"]


def test_indirect_speech_that_clause(code):
    rec = code("The interior minister said that 40 protesters had been arrested in the capital overnight.")
    (q,) = only(rec, "indirect")
    assert q["text"] == "that 40 protesters had been arrested in the capital overnight"  # PolNeAR keeps the "that"
    assert "The interior minister" in names(q["speaker"])


def test_coordinated_reports_are_two_quotes(code):
    rec = code("The minister said the border would reopen on Monday and said that aid trucks were already "
               "waiting at the crossing.")
    texts = [q["text"] for q in only(rec, "indirect")]
    assert texts == ["the border would reopen on Monday", "that aid trucks were already waiting at the crossing"]


def test_told_reuters_with_spokesperson_for_org(code):
    rec = code("A spokesperson for the United Nations told Reuters that aid convoys had been blocked at the "
               "border for three days.")
    (q,) = only(rec, "indirect")
    assert q["text"].startswith("that aid convoys had been blocked")
    assert q["speaker_org"] is not None and "United Nations" in q["speaker_org"]["name"]


def test_according_to(code):
    rec = code("According to local officials, at least 40 people were killed in the shelling of the market.")
    (q,) = only(rec, "indirect")
    assert q["text"] == "at least 40 people were killed in the shelling of the market"
    assert q["cue"] == "according to" and "local officials" in names(q["speaker"])


def test_apposition_speaker(code):
    rec = code("Yahya Saree, the movement's military spokesperson, said the drones had targeted two commercial "
               "ships in the Red Sea.")
    (q,) = only(rec, "indirect")
    assert "Yahya Saree" in q["speaker"]["name"]


def test_possessive_org(code):
    rec = code("Iran's foreign minister warned that the region was on the brink of a wider war.")
    (q,) = only(rec, "indirect")
    assert q["cue"] == "warned" and q["speaker_org"] is not None and "Iran" in q["speaker_org"]["name"]


def test_anonymous_source_is_a_described_speaker(code):
    rec = code("A senior security official, speaking on condition of anonymity, said the attackers had crossed "
               "from the north before dawn.")
    (q,) = only(rec, "indirect")
    assert q["speaker"]["text"].startswith("A senior security official")


def test_relative_pronoun_speaker(code):
    rec = code("Sanders, who said he would vote against the package, warned that it would raise costs for "
               "working families.")
    quotes = only(rec, "indirect")
    assert len(quotes) == 2 and all("Sanders" in q["speaker"]["name"] for q in quotes)


def test_reported_speech_that_is_mostly_quoted_is_the_direct_quote(code):
    rec = code('The senator said the bill would "gut the protections that farmers rely on every day" and '
               "vowed to vote against it.")
    (q,) = only(rec, "direct")
    assert q["text"] == "gut the protections that farmers rely on every day"
    assert "The senator" in names(q["speaker"])


def test_stance_verb_object_is_content(code):
    rec = code("Senator Marco Rubio called the proposal that the council adopted on Monday “reckless” at a rally.")
    (q,) = only(rec, "indirect")
    assert q["text"].startswith("the proposal") and "reckless" in q["text"]
    assert q["cue"] == "called" and "Rubio" in q["speaker"]["name"]
    (phrase,) = only(rec, "direct")  # the quoted word is a quote of its own
    assert phrase["text"] == "reckless" and "Rubio" in phrase["speaker"]["name"]


def test_stance_verb_object_that_is_mostly_quoted_is_the_direct_quote(code):
    rec = code("Senator Marco Rubio called the proposal “reckless and dangerous” at a rally in Iowa.")
    (q,) = only(rec)
    assert q["kind"] == "direct" and q["text"] == "reckless and dangerous"
    assert q["cue"] == "called" and "Rubio" in q["speaker"]["name"]


def test_owned_noun_of_saying(code):
    rec = code("The minister's call for an immediate ceasefire in the north was rejected by the rebels.")
    (q,) = only(rec)
    assert q["text"] == "an immediate ceasefire in the north" and q["speaker"]["text"] == "The minister"


@pytest.mark.parametrize("text", [
    'The army\'s "liberation" of the town ended at dusk when the last trucks withdrew.',
    'She starred in "The Long Night" before turning to politics in 2010.',
])
def test_scare_quotes_and_titles_are_not_direct_quotes(code, text):
    assert only(code(text), "direct") == []


def test_speaker_org_flows_into_the_store(pipeline, tmp_path):
    from dotterel.ingest import document_from_text
    from dotterel.store import Store

    coded = pipeline.code_one(document_from_text("A spokesperson for the United Nations told Reuters that aid "
                                                 "convoys had been blocked at the border for three days.", doc_id="un-1"))
    store = Store(tmp_path / "q.duckdb")
    store.add([coded])
    rows = store.quotes(org="united nations")
    assert rows and "aid convoys" in rows[0]["text"]


def test_two_apostrophe_quote_marks(code):
    text = "''We are not going to let this go,'' the senator said after the vote on Thursday."
    (q,) = only(code(text), "direct")
    assert q["text"] == "We are not going to let this go" and text[q["start"]:q["end"]] == q["text"]
    assert "the senator" in names(q["speaker"])


def test_apostrophes_inside_words_are_no_quote_marks(code):
    rec = code("The candidate's aides said the campaign's budget would be cut by a third before the primary.")
    assert not only(rec, "direct")


def test_attribution_inserted_in_the_sentence(code):
    text = "Most mornings, former aides said, the governor would arrive at the office before six."
    (q,) = only(code(text), "indirect")
    assert q["text"].startswith("Most mornings") and q["text"].endswith("before six")
    assert "former aides" in names(q["speaker"])


def test_short_reported_clause(code):
    (q,) = [q for q in only(code("Asked about the plan, the mayor said she would."), "indirect") if q["cue"] == "said"]
    assert q["text"] == "she would" and "the mayor" in names(q["speaker"])


def test_headline_speaker_and_colon(code):
    text = "Governor Reyes: Flood aid will reach every county by Friday\n\nThe governor spoke in the capital."
    q = next(q for q in only(code(text)) if q["cue"] == ":")
    assert q["text"] == "Flood aid will reach every county by Friday" and "Governor Reyes" in names(q["speaker"])


def test_section_labels_are_no_speakers(code):
    rec = code("Update: The story was changed to add the mayor's office hours\n\nContributing: Ann Lee and Bo Diaz")
    assert not [q for q in only(rec) if q["cue"] == ":"]


def test_stance_verb_with_its_own_preposition(code):
    rec = code("The senator referred to the new tariff plan as a tax on working families.")
    assert any(q["text"].startswith("the new tariff plan") and q["cue"] == "referred" for q in only(rec))


def test_misparsed_lemma_is_still_a_cue(code):
    rec = code("The union hopes the strike will end before the holidays.")
    assert any(q["text"] == "the strike will end before the holidays" for q in only(rec))


def test_agentless_passive_is_no_attribution(code):
    rec = code("The bill is expected to pass the Senate early next week after a long debate.")
    assert not [q for q in only(rec) if q["cue"] == "expected"]


def test_while_clause_ends_the_content(code):
    rec = code("Several farmers said the new rules had helped them, while other growers said they had seen no change.")
    q = next(q for q in only(rec) if q["cue"] == "said" and q["text"].startswith("the new rules"))
    assert q["text"] == "the new rules had helped them"


def test_one_word_object_of_a_speech_verb_is_no_content(code):
    rec = code("The minister told Reuters on Monday.")
    assert not [q for q in only(rec) if q["cue"] == "told"]


def test_clause_after_the_cue_when_a_quote_ends_the_last_paragraph(code):
    rec = code("“Why should anyone be surprised?”\n\nThe ministry said it was following the rules parliament set.")
    q = next(q for q in only(rec, "indirect") if q["cue"] == "said")
    assert q["text"] == "it was following the rules parliament set"


def test_second_cue_between_pieces_starts_a_new_quote(code):
    rec = code("“We have started all those conversations with the delegates,” the campaign chairman said, adding, "
               "“He cares about a united team and a united party.”")
    direct = only(rec, "direct")
    assert len(direct) == 2 and direct[0]["text"].endswith("with the delegates")


def test_reported_clause_that_opens_with_a_quoted_fragment(code):
    rec = code("The mayor said “very strong winds” had torn the roofs off three schools and the old library.")
    (q,) = only(rec, "indirect")
    assert q["text"].startswith("very strong winds” had torn")
    assert [d["text"] for d in only(rec, "direct")] == ["very strong winds"]


def test_short_quoted_phrase_in_a_sentence_without_a_verb_of_saying_is_no_quote(code):
    rec = code("The plan became a “bridge to nowhere” in the local press after the second delay.")
    assert not only(rec, "direct")


def test_short_quoted_phrase_that_a_speaker_calls_something_is_a_quote(code):
    rec = code("Governor Ana Ruiz called the new dam a “bridge to nowhere” on Friday.")
    (q,) = only(rec, "direct")
    assert q["text"] == "bridge to nowhere" and "Ana Ruiz" in q["speaker"]["name"]


def test_unlisted_verb_with_a_that_clause_from_a_named_speaker(code):
    rec = code("Senator Maria Lopez figures that the bill will pass before the summer recess.")
    q = next(q for q in only(rec, "indirect"))
    assert q["text"] == "that the bill will pass before the summer recess" and "Maria Lopez" in q["speaker"]["text"]


def test_unlisted_verb_with_a_that_clause_from_a_thing_is_no_quote(code):
    rec = code("The storm meant that the bridge would stay closed for a week.")
    assert not only(rec)

    rec = code("The governor expressed deep concern over the closure of the steel plant.")
    q = next(q for q in only(rec) if q["cue"] == "expressed")
    assert q["text"].startswith("deep concern over the closure")


def test_owned_decision_to_act(code):
    rec = code("The governor's decision to close the rural hospitals angered local officials.")
    q = next(q for q in only(rec) if q["cue"] == "decision")
    assert q["text"] == "to close the rural hospitals" and "The governor" in q["speaker"]["text"]


def test_the_listener_of_tell_is_no_content(code):
    rec = code("The candidate told a crowded rally in the state capital on Saturday.")
    assert not [q for q in only(rec) if q["cue"] == "told"]


def test_a_quote_that_is_a_threat_links_to_its_event(tmp_path, pipeline):
    from dotterel.ingest import document_from_text
    from dotterel.store import Store

    text = ("The militia commander Abu Karim warned on Sunday that his fighters would attack the capital within days. "
            "The weather in the capital was mild, residents said.")
    coded = pipeline.code_one(document_from_text(text, doc_id="q1", date="2024-05-02"))
    threats = [e for e in coded.to_dict()["events"] if e["event_type"] == "THREATEN"]
    assert threats
    with Store(tmp_path / "s.duckdb") as store:
        store.add([coded])
        rows = store.quotes()
    linked = [r for r in rows if r["event_id"]]
    assert [r["event_id"] for r in linked] == [threats[0]["id"]]
    assert all("weather" not in r["text"] for r in linked)



# the content a cue takes: where it starts and ends, and who speaks
@pytest.mark.parametrize("text, cue, content, speaker", [
    pytest.param('The governor said the bridge would reopen in March, insisting that the repairs were on schedule.',
                 'said', 'the bridge would reopen in March', None, id='participle_after_the_content_is_the_writer_s'),
    pytest.param('The teachers union endorsed Sanders on Monday.',
                 'endorsed', 'Sanders', 'The teachers union', id='stance_verb_with_a_named_object'),
    pytest.param('The senator dismissed the governor’s plan to raise fuel taxes across the state.',
                 'dismissed', 'the governor’s plan to raise fuel taxes across the state', None, id='object_phrase_on_the_verb'),
    pytest.param('The governor says the state budget is balanced — asserting that the new taxes were never needed.',
                 'says', 'the state budget is balanced', None, id='participle_after_a_dash_is_the_writer_s'),
    pytest.param('The senator is calling for the African Union to play a bigger part in the peace talks.',
                 'calling', 'the African Union to play a bigger part in the peace talks', None, id='call_for_someone_to_act'),
    pytest.param('The governor still supports his 2019 amendments to expand the voting rolls.',
                 'supports', 'his 2019 amendments to expand the voting rolls', None, id='object_content_keeps_its_infinitive'),
    pytest.param('The finance minister hinted that interest rates would rise again in the spring.',
                 'hinted', 'that interest rates would rise again in the spring', 'The finance minister',
                 id='general_reporting_verbs'),
    pytest.param('The prime minister is confident that the coalition will survive the vote.',
                 'confident', 'that the coalition will survive the vote', 'The prime minister',
                 id='stance_adjective_of_the_speaker'),
    pytest.param('Most farmers are opposed to the new water tax.',
                 'opposed', 'the new water tax', 'Most farmers', id='opposed_to'),
    pytest.param('The senator talked about the rising cost of child care in rural counties.',
                 'talked', 'the rising cost of child care in rural counties', 'The senator', id='discourse_verb_object'),
])
def test_content_boundaries(code, text, cue, content, speaker):
    q = next(q for q in only(code(text)) if q["cue"] == cue)
    assert q["text"] == content
    assert speaker is None or speaker in names(q["speaker"])


# whole articles: each quoted stretch is a quote, each with the speaker the article gives it
def texts_and_speakers(rec: dict) -> list[tuple[str, str | None]]:
    return [(q["text"], q["speaker"]["name"] if q["speaker"] else None) for q in only(rec, "direct")]


ARTICLE_SPLIT = (
    "BEIRUT - Talks on the prisoner exchange stalled again on Monday.\n\n"
    "“We will not sign anything that leaves our men in prison,” Hamid Rahal said. “Every family here has lost "
    "someone.”\n\n"
    "Rahal spoke after a meeting with the mediators in the capital."
)


def test_split_quote_is_two_quotes_without_the_narration(code):
    assert texts_and_speakers(code(ARTICLE_SPLIT)) == [
        ("We will not sign anything that leaves our men in prison", "Hamid Rahal"),
        ("Every family here has lost someone.", "Hamid Rahal")]


@pytest.mark.parametrize("open_mark, close_mark", [("''", "''"), ('"', '"'), ("“", "”")])
def test_quote_marks_of_every_style(code, open_mark, close_mark):
    text = (f"The port reopened on Tuesday after a week of strikes.\n\n{open_mark}The ships are moving again,{close_mark} "
            f"said Lena Ortiz, a spokeswoman for the port authority. {open_mark}We expect the backlog to clear by "
            f"Friday.{close_mark}")
    (first, second) = only(code(text), "direct")
    assert first["text"] == "The ships are moving again" and second["text"] == "We expect the backlog to clear by Friday."
    assert all("Lena Ortiz" in q["speaker"]["name"] for q in (first, second))
    assert text[first["start"]:first["end"]] == first["text"]


def test_continuation_paragraphs_keep_the_speaker(code):
    text = ("Teresa Okafor, the mayor of Valmont, spoke to reporters at the flooded station.\n\n"
            "“The water came up faster than anyone expected. We lost the pumps in an hour.\n\n"
            "“Now we need the army’s help to clear the tunnels before the next storm.”\n\n"
            "The national weather service forecast more rain for the weekend.")
    quotes = texts_and_speakers(code(text))
    assert [t for t, _ in quotes] == ["The water came up faster than anyone expected. We lost the pumps in an hour.",
                                      "Now we need the army’s help to clear the tunnels before the next storm."]
    assert all(name is not None and "Teresa Okafor" in name for _, name in quotes)


def test_he_added_goes_to_the_unnamed_official_not_to_a_dead_man_mentioned_between(code):
    text = ("The militia has rebuilt its network in the south, officials say.\n\n"
            "“They are stronger now than at any time since the war,” a senior intelligence official said, speaking on "
            "condition of anonymity. The network was founded by Karim Haddad, who was killed in an air strike in 2008, "
            "and his deputies still run it.\n\n"
            "“They have too much to lose,” he added.")
    rec = code(text)
    last = only(rec, "direct")[-1]
    assert last["text"] == "They have too much to lose"
    assert "Haddad" not in last["speaker"]["name"] and "official" in last["speaker"]["name"]


def test_pronoun_takes_the_speaker_not_a_person_inside_a_quote(code):
    text = ("Daniel Moreau, a former counterterrorism adviser, was blunt.\n\n"
            "“Nobody believes that Samir Aziz acted alone,” Moreau said.\n\n"
            "“The investigators have to follow the money,” he added.")
    quotes = texts_and_speakers(code(text))
    assert len(quotes) == 2 and all(name == "Daniel Moreau" for _, name in quotes)


def test_inverted_attribution_names_the_speaker(code):
    text = ("Prices of bread doubled in the city this month.\n\n"
            "“The hunger is already widespread,” said Azmi al-Nouri, a local aid worker.")
    (q,) = only(code(text), "direct")
    assert q["text"] == "The hunger is already widespread" and "Azmi al-Nouri" in q["speaker"]["text"]


def test_one_person_is_one_speaker_under_the_full_name(code):
    text = ("Osama Hamdan, a senior official of the movement, spoke in Beirut on Sunday.\n\n"
            "“The proposal is dead,” Hamdan said.")
    (q,) = only(code(text), "direct")
    assert q["speaker"]["name"] == "Osama Hamdan"


def test_spokesman_for_an_organisation_is_the_speaker_org(code):
    text = "“We have sent three convoys this week,” said Jonas Berg, a spokesman for the United Nations."
    (q,) = only(code(text), "direct")
    assert "Jonas Berg" in q["speaker"]["text"] and "United Nations" in q["speaker_org"]["name"]


def test_scare_quotes_in_an_article_are_no_quotes(code):
    text = ("The so-called “peace plan” was shelved in March.\n\n"
            "Lawmakers returned to the “hard” options after the summer.")
    assert only(code(text), "direct") == []


def test_pronoun_without_an_antecedent_names_no_one(code):
    rec = code("It said the border crossing would stay closed until further notice.")
    assert all(q["speaker"] is None for q in only(rec))


def test_the_statement_speaks_for_its_author(code):
    text = ("President Elena Markovic released a statement on Thursday night.\n\n"
            "“We stand with the families of the victims,” the statement said.")
    (q,) = only(code(text), "direct")
    assert q["speaker"]["text"] == "the statement" and "Elena Markovic" in q["speaker"]["name"]


def test_said_in_a_statement_that_and_it_added(code):
    text = ("The ministry said in a statement that it was watching the border closely. It added that the crossing "
            "would stay open to aid trucks.")
    first, second = only(code(text), "indirect")
    assert first["text"] == "that it was watching the border closely" and first["speaker"]["text"] == "The ministry"
    assert second["speaker"]["text"] == "It" and second["speaker"]["name"] != "It"


def test_dateline_is_no_part_of_the_speaker(code):
    (q,) = only(code("TRIPOLI - Coast guard commander Salem Idris said on Sunday the boats had been turned back."))
    assert q["speaker"]["text"].startswith("Coast guard commander") and "Salem Idris" in q["speaker"]["name"]


def test_reported_clause_with_several_quoted_phrases_keeps_the_clause(code):
    # no one phrase is most of the clause: the clause is what was reported, each phrase a quote of its own
    rec = code("The mayor told the council that the plan was “far too slow” and “years behind schedule.”")
    (clause,) = only(rec, "indirect")
    assert clause["text"].startswith("that the plan") and "years behind schedule" in clause["text"]
    assert clause["cue"] == "told" and "The mayor" in names(clause["speaker"])
    assert {q["text"] for q in only(rec, "direct")} == {"far too slow", "years behind schedule."}


def test_reporting_word_inside_quote_marks_is_no_attribution(code):
    rec = code("The turnout was uneven across the county.\n\n"
               "“It went according to the weather, mostly,” said Rosa Delgado, a poll worker at the library.")
    assert not [q for q in only(rec, "indirect") if q["cue"] == "according to"]
    (q,) = only(rec, "direct")
    assert q["text"] == "It went according to the weather, mostly" and "Rosa Delgado" in names(q["speaker"])


def test_negated_stance_verb_still_attributes_its_object(code):
    # PolNeAR-style attribution: what someone did not answer or mention is still their stance's content
    rec = code("The mayor did not respond to a request for comment on the audit.")
    (q,) = only(rec, "indirect")
    assert q["text"] == "a request for comment on the audit" and q["speaker"]["text"] == "The mayor"


def test_owned_noun_with_a_one_word_named_content(code):
    (q,) = only(code("Her attacks on Morales grew sharper during the final week of the race."))
    assert q["text"] == "Morales" and q["cue"] == "attacks"


def test_complex_preposition_of_stance(code):
    rec = code("The senator has spoken out in favor of stricter limits on campaign spending.")
    (q,) = only(rec, "indirect")
    assert q["text"] == "stricter limits on campaign spending" and q["speaker"]["text"] == "The senator"


def test_markup_attribute_values_are_no_quotes(code):
    rec = code('The governor posted a short message.\n\n<post author="GovLeeOffice" post_id="5551234567890">We '
               'will reopen every school in the valley by the end of the month.</post>')
    assert not [q for q in only(rec, "direct") if q["text"] in ("GovLeeOffice", "5551234567890")]


def test_title_after_a_possessive_is_no_quote_even_with_a_full_stop(code):
    rec = code("The senator said the tariffs would hurt farmers in an interview on KTVN's “Valley Morning Report.”")
    assert not [q for q in only(rec, "direct") if "Valley Morning Report" in q["text"]]
