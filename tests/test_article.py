"""The document pass: whole articles written for these tests (several paragraphs, background, quotes)."""

from __future__ import annotations

import pytest

STRIKE_REPORT = """Coalition strikes hit Islamic State near Tal Afar.
On March 3, coalition forces carried out nine air strikes against Islamic State fighters in Iraq.
Near Hit, one strike engaged an Islamic State tactical unit.
A strike, as the releases define it, means one or more kinetic events in roughly the same place."""

CHECKPOINT = """Gunmen attack checkpoint in Kirkuk.
Islamic State gunmen attacked a police checkpoint south of Kirkuk on Monday, killing three policemen, officials said.
The Iraqi government condemned the attack and vowed to punish those responsible.
Senior Hamas official Osama Hamdan praised the fighters. Hamdan said the group would continue its campaign.
Analysts say the lackluster response of the authorities could encourage more violence.
"They attack us because they hate us," one resident said."""


@pytest.fixture(scope="module")
def strike_report(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(STRIKE_REPORT, doc_id="strikes", date="2017-03-04"))


@pytest.fixture(scope="module")
def checkpoint(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(CHECKPOINT, doc_id="kirkuk", date="2016-06-07"))


def at(coded, words: str):
    return [e for e in coded.events if words in e.evidence.text]


def test_a_counted_strike_is_the_actor_named_before_and_keeps_its_day(strike_report):
    [hit] = at(strike_report, "Near Hit")
    assert "coalition" in hit.actor.text.lower() and hit.recipient is not None and hit.recipient.name == "Islamic State"
    assert (hit.date, hit.date_precision) == ("2017-03-03", "day")
    assert hit.confidence < max(e.confidence for e in strike_report.events)  # carried: less sure than the lead


def test_a_definition_and_a_doerless_headline_are_no_events_of_their_own(strike_report):
    assert not at(strike_report, "as the releases define it")
    lead = at(strike_report, "On March 3")[0]
    assert [m.text for m in lead.mentions] == ["Coalition strikes hit Islamic State near Tal Afar."]
    assert lead.salience == "main" and lead.to_dict()["mentions"][0]["start"] == 0


def test_an_act_told_again_is_one_event_with_mentions(checkpoint):
    attacks = [e for e in checkpoint.events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].actor.name == "Islamic State"
    assert any("Gunmen attack checkpoint" in m.text for m in attacks[0].mentions)


def test_a_condemnation_is_aimed_at_the_doer_of_the_act(checkpoint):
    [condemned] = [e for e in checkpoint.events if e.event_type == "ACCUSE"]
    assert condemned.actor.text == "Iraqi government" and condemned.recipient.name == "Islamic State"


def test_one_actor_per_person(checkpoint):
    people = [a for a in checkpoint.actors if "Hamdan" in a.name]
    assert len(people) == 1 and set(people[0].aliases) >= {"Hamdan"}


def test_opinion_abstract_doers_and_habits_are_no_events(checkpoint):
    assert not at(checkpoint, "lackluster response")
    assert not at(checkpoint, "they hate us")


def test_confidence_and_salience_reach_the_record(checkpoint):
    record = checkpoint.to_dict()
    for event in record["events"]:
        assert 0.0 <= event["confidence"] <= 1.0 and event["salience"] in ("main", "background")
        assert all(checkpoint.text[m["start"]:m["end"]] == m["text"] for m in event["mentions"])


def test_a_bombing_without_a_named_doer_stays_in_an_article(pipeline):
    from dotterel.ingest import document_from_text

    text = ("A roadside bomb killed four soldiers near Kandahar on Thursday. The blast hit their patrol on a rural road. "
            "Officials said the dead were all from the same unit.")
    coded = pipeline.code_one(document_from_text(text, doc_id="bomb", date="2024-06-27"))
    [bombing] = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert bombing.actor.text == "" and bombing.actor.id is None and bombing.fatalities == 4 and bombing.confidence >= 0.6


def test_we_in_a_statement_is_the_body_that_issued_it(pipeline):
    from dotterel.ingest import document_from_text

    text = ("The Government of Canada strongly condemns the bombing of a market in Maiduguri that killed 15 people. "
            "We are in contact with the Government of Nigeria. We also urge the Government of Nigeria to protect "
            "civilians. \"We will keep going,\" a spokesman for the attackers said.")
    coded = pipeline.code_one(document_from_text(text, doc_id="statement", date="2019-05-02"))
    urged = [e for e in coded.events if e.event_type == "REQUEST"]
    assert urged and urged[0].actor.text == "We" and "Canada" in urged[0].actor.name and "Nigeria" in urged[0].recipient.name
    bombing = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert bombing and "market" not in bombing[0].actor.text  # what killed is the bombing, not the market


def test_a_statement_speaks_with_one_voice(pipeline):
    from dotterel.ingest import document_from_text

    text = ("The United States strongly condemns yesterday's bombing of a market in Kirkuk that killed twelve shoppers. "
            "We extend our condolences to the families of the victims. The Government of Iraq has opened an "
            "investigation into the attack. Our envoy is in talks with the Iraqi government about the next steps, and "
            "we urge the Government of Iraq to bring the perpetrators to justice.")
    coded = pipeline.code_one(document_from_text(text, doc_id="voice", date="2019-05-02"))
    ours = [e for e in coded.events if e.actor.text.lower() == "we"]
    assert "REQUEST" in {e.event_type for e in ours}
    assert all(e.actor.name == "United States" for e in ours)


def test_an_attack_condemned_as_fact_is_an_event_of_its_maker(pipeline):
    from dotterel.ingest import document_from_text

    text = ("The European Union condemns in the strongest terms the Boko Haram attack on a camp near Dikwa on Sunday. "
            "The bloc called on the authorities to protect the displaced. Aid groups said supplies were running low.")
    coded = pipeline.code_one(document_from_text(text, doc_id="condemned", date="2020-06-15"))
    attacks = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].actor.name.startswith("Boko Haram")
    assert any(e.event_type == "ACCUSE" and e.recipient.name == attacks[0].actor.name for e in coded.events)


def test_an_arrest_without_a_named_doer_is_made_by_the_police_named_near_it(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Hundreds of farmers protested outside the assembly on Monday. Police said six protesters were arrested on "
            "charges of trespass after refusing to leave the lobby. The rest left peacefully.")
    coded = pipeline.code_one(document_from_text(text, doc_id="arrests", date="2016-03-30"))
    [arrest] = [e for e in coded.events if e.event_type == "COERCE"]
    assert arrest.actor.sector == "COP" and arrest.recipient is not None


AIRSTRIKE_BULLETIN = """U.S. jets strike militants in eastern Syria.
On Tuesday, American forces conducted seven strikes using fighter and drone aircraft against Hezbollah targets near Abu Kamal.
Near Mayadin, two strikes destroyed a weapons depot and a command post.
The Syrian government denounced the raids, and Russia rejected Washington's explanation of the strikes.
A ministry spokesman said officials would study the matter."""

SUMMIT = """Leaders meet after a week of sharp words.
The Israeli prime minister rejected Senator Miller's remarks on Monday but said he would meet with him in Jerusalem.
The two men last spoke in March, aides said.
Analysts expect the talks to be tense."""


@pytest.fixture(scope="module")
def bulletin(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(AIRSTRIKE_BULLETIN, doc_id="bulletin", date="2019-05-08"))


def test_strikes_against_a_party_s_targets_are_aimed_at_the_party(bulletin):
    [lead] = at(bulletin, "On Tuesday")
    assert lead.event_type == "ASSAULT" and lead.recipient is not None and lead.recipient.name == "Hezbollah"


def test_a_follow_on_strike_on_a_thing_keeps_the_enemy_of_the_report(bulletin):
    [near] = [e for e in at(bulletin, "Near Mayadin") if e.event_type == "ASSAULT"]
    assert near.recipient is not None and near.recipient.name == "Hezbollah"


def test_rejecting_a_party_s_words_is_aimed_at_the_party(bulletin):
    [rejected] = [e for e in bulletin.events if e.event_type == "REJECT"]
    assert rejected.actor.name != rejected.recipient.name and "Washington" in rejected.recipient.text


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause(pipeline):
    from dotterel.ingest import document_from_text

    coded = pipeline.code_one(document_from_text(SUMMIT, doc_id="summit", date="2016-12-10"))
    him = [m for m in coded.mentions if m.ref.text == "him"]
    assert all("Miller" in m.ref.name for m in him)
    # rejecting someone's remarks disapproves of them: an accusation aimed at the speaker
    rejected = [e for e in coded.events if e.event_type == "ACCUSE" and "remarks" in e.evidence.text]
    assert rejected and all("Miller" in e.recipient.name for e in rejected)


def test_an_act_between_parties_without_a_target_is_below_the_article_default(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Ministers meet in Geneva.\nThe minister called for more flexibility on Tuesday.\n"
            "Talks will continue next week.\nNo date was set.")
    coded = pipeline.code_one(document_from_text(text, doc_id="geneva", date="2016-12-10"))
    assert not [e for e in coded.events if e.event_type == "REQUEST"]


WAR_PLAN = """Senators split over new war plan.
The White House on Monday unveiled a plan to send 500 more advisers to Iraq.
"Governor Mark Hale doesn't understand the first thing about this war," said Senator Ana Ruiz, a Democrat from Ohio.
Senator Tom Beck, a Republican, said the plan put forward by Hale is reckless.
Beck said extremist groups remain active in the north.
The Iraqi foreign ministry strongly condemned Sunday's cowardly, senseless bombing of a bus station in Basra."""


@pytest.fixture(scope="module")
def war_plan(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(WAR_PLAN, doc_id="war-plan", date="2016-06-14"))


def test_blame_in_a_quote_is_the_speaker_s_accusation(war_plan):
    [ruiz] = [e for e in at(war_plan, "doesn't understand") if e.event_type == "ACCUSE"]
    assert "Ruiz" in ruiz.actor.name and "Hale" in ruiz.recipient.name and ruiz.mode == "disapprove"
    assert ruiz.confidence < 0.8  # read from speech, not told by a verb of criticism


def test_blame_in_reported_speech_names_the_party_blamed(war_plan):
    [beck] = [e for e in at(war_plan, "is reckless") if e.event_type == "ACCUSE"]
    assert "Beck" in beck.actor.name and "Hale" in beck.recipient.name


def test_a_word_of_blame_that_labels_a_noun_accuses_no_one(war_plan):
    assert not [e for e in at(war_plan, "extremist groups") if e.event_type == "ACCUSE"]


def test_a_condemnation_of_an_act_is_reported_in_an_article(war_plan):
    [condemned] = [e for e in at(war_plan, "condemned") if e.event_type == "ACCUSE"]
    assert "ministry" in condemned.actor.text and condemned.confidence >= 0.8


def test_a_meeting_of_two_told_in_one_sentence_is_one_meeting(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Leaders meet as border talks resume.\nKing Abdullah and President Sisi met in Amman on Monday.\n"
            "The talks lasted three hours, officials said.\nA joint statement is expected later this week.")
    coded = pipeline.code_one(document_from_text(text, doc_id="amman", date="2019-03-05"))
    pair = [e for e in at(coded, "met in Amman") if e.event_type == "CONSULT" and e.recipient is not None
            and {"Abdullah", "Sisi"} <= {w for ref in (e.actor, e.recipient) for w in ref.name.split()}]
    assert len(pair) == 1


def test_a_crime_named_in_speech_accuses_its_maker(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Fighting continued in El Geneina on Monday. Aid agencies said thousands had fled across the border into "
            "Chad. Foreign Minister Ali Youssef said on Tuesday that Rapid Support Forces violence against the Masalit "
            "people is genocide. The talks in Jeddah were suspended last week.")
    coded = pipeline.code_one(document_from_text(text, doc_id="genocide", date="2023-11-08"))
    [accuse] = [e for e in coded.events if e.event_type == "ACCUSE"]
    assert "Youssef" in accuse.actor.name and accuse.recipient.name == "Rapid Support Forces"


def test_no_party_is_its_own_target(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Kurdish fighters entered the village of Tal Samen on Monday. Having taken the village, the SDF beat back "
            "three counterattacks on Tuesday and then withdrew to the river, under intense enemy fire, to regroup. "
            "Coalition aircraft struck two fighting positions nearby.")
    coded = pipeline.code_one(document_from_text(text, doc_id="selfdyad", date="2017-01-10"))
    assert coded.events
    assert not any(e.recipient is not None and e.recipient.name == e.actor.name for e in coded.events)


def test_a_news_outlet_uses_no_force(code):
    rec = code("A lorry drove into shoppers at a market in Lille on Friday, killing nine people. Sky News quoted a "
               "witness as saying she heard shots, although it was unclear whether it came from the driver. "
               "The mayor said the market would stay closed.", date="2016-07-15")
    assert not any(e["actor"]["name"] == "Sky News" for e in rec["events"] if e["event_type"] == "ASSAULT")


def test_a_condemned_attack_is_a_recent_one(code):
    rec = code("A gunman opened fire on worshippers at a mosque in Kano on Friday, killing seven people, police said. "
               "The state of emergency had been declared after Boko Haram militants killed 50 people in Maiduguri "
               "last November. The president condemned the attack in a televised address on Friday.",
               date="2016-07-15")
    [condemn] = [e for e in rec["events"] if e["event_type"] == "ACCUSE"]
    assert condemn["recipient"]["name"] == "Unidentified Armed Group (Nigeria)"  # the gunman, not Boko Haram


def test_passive_hung_on_saying_befalls_the_last_doer(code):
    rec = code("A van plowed into a market crowd in Lyon on Friday night, killing at least 20 people as the driver "
               "also fired on shoppers, officials said, before being shot dead by police.")
    assert any(e["actor"]["text"] == "police" and (e["recipient"] or {}).get("text") == "the driver"
               for e in rec["events"])


def test_him_in_a_quote_is_not_the_speaker(code):
    rec = code("Jean Moreau, the mayor, said the lorry was carrying weapons. Moreau told the radio station RTL that "
               "\"the driver shot at the crowd, according to the officers who killed him.\"", date="2016-07-15")
    [him] = [m for e in rec["events"] for m in [e["recipient"]] if m and m["text"] == "him"]
    assert him["name"] == "the driver"


def test_the_act_itself_delivering_force_against_a_party_aims_at_it(code):
    rec = code("In the past day, the U.S.-led coalition's six airstrikes delivered 30 munitions against ISIL targets, "
               "which include two tactical units and a command post in support of Kurdish operations, the colonel said.")
    [strike] = [e for e in rec["events"] if e["event_type"] == "ASSAULT"]
    assert strike["recipient"]["name"] == "Islamic State"


def test_a_long_first_line_is_a_lead_not_a_headline(code):
    lead = ("A series of U.S. air strikes on Islamic State fighters this week near the town of Hajin in eastern Syria "
            "killed more than 30 militants and destroyed six vehicles, a spokesman told reporters today.")
    rec = code(lead + "\nA U.S. strike on Monday hit two Islamic State vehicles near Hajin, he said.\n"
               "Another strike on Tuesday hit a command post, he added.", date="2017-01-06")
    # the week's series is its own event, not a headline retold by Monday's strike
    assert any(e["evidence"]["text"].startswith("A series") for e in rec["events"] if e["event_type"] == "ASSAULT")
    assert not any(m["text"].startswith("A series") for e in rec["events"] for m in e["mentions"])


def test_we_inside_a_quote_is_its_speaker(code):
    rec = code('Kenyan President William Ruto spoke in Nairobi on Monday. "We are deeply shocked by this," Ruto said. '
               '"We condemn the attack on the police post in Mandera by the militants. Our thoughts are with the '
               'families."', date="2024-03-04")
    [accuse] = [e for e in rec["events"] if e["event_type"] == "ACCUSE"]
    assert accuse["actor"]["name"] == "William Ruto" and accuse["actor"]["text"] == "We"


def test_an_act_aimed_at_what_a_party_does_is_aimed_at_the_party(code):
    rec = code("The EU welcomes the entry of Ghana as a key player in the talks on trade. The move was praised in "
               "Accra. Officials said talks would go on.")
    [support] = [e for e in rec["events"] if e["event_type"] == "SUPPORT"]
    assert support["recipient"]["name"] == "Ghana"


OFFENSIVE_UPDATE = """Offensive near Hawija gains ground.
The Pentagon said on Wednesday that the offensive against the Islamic State in northern Iraq is gaining ground.
Kurdish Peshmerga units liberated six villages east of the town, a spokesman said.
Iraqi soldiers were attacked in Kirkuk by gunmen on Tuesday, police said.
In support of those advances, coalition aircraft conducted 14 strikes that destroyed two tactical units and a mortar position.
After taking the ridge, the Peshmerga came under heavy enemy fire and pulled back to the river."""


@pytest.fixture(scope="module")
def offensive(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(OFFENSIVE_UPDATE, doc_id="hawija", date="2017-09-21"))


def test_an_act_of_force_without_a_named_target_hits_the_armed_group_the_campaign_is_against(offensive):
    freed = [e for e in at(offensive, "liberated six villages") if e.event_type == "ASSAULT"]
    strikes = [e for e in at(offensive, "coalition aircraft") if e.event_type == "ASSAULT"]
    assert freed and strikes
    for event in freed + strikes:
        assert event.recipient is not None and event.recipient.name == "Islamic State"


def test_enemy_fire_is_the_fire_of_the_armed_group_the_report_names(offensive):
    fire = [e for e in at(offensive, "enemy fire") if e.event_type == "ASSAULT" and "enemy" in e.evidence.text]
    assert all(e.actor.name == "Islamic State" for e in fire if "Peshmerga" in (e.recipient.text if e.recipient else ""))


def test_a_state_s_forces_are_never_the_implied_enemy(offensive):
    # the Iraqi soldiers attacked just before the strikes are not what the strikes hit
    assert not [e for e in offensive.events if e.recipient is not None and "Iraq" in e.recipient.name
                and "coalition" in e.actor.text.lower()]


MINISTRY_RELEASE = """We condemn in the firmest terms the bombings this weekend in Mosul and Tal Afar.
On Saturday, the Islamic State claimed a car bomb in the Al-Tuksun market district in Mosul that killed at least 14 people.
The U.S. reaffirms its backing for the Iraqi people in the fight against terror."""


@pytest.fixture(scope="module")
def release(pipeline):
    from dotterel.ingest import document_from_text

    return pipeline.code_one(document_from_text(MINISTRY_RELEASE, doc_id="release", date="2018-03-05"))


def test_a_statement_s_we_is_the_body_it_names_as_speaking_in_the_present(release):
    [condemned] = [e for e in release.events if e.event_type == "ACCUSE"]
    assert condemned.actor.text == "We" and condemned.actor.name == "United States"


def test_a_stance_told_in_the_present_is_dated_the_day_of_the_statement(release):
    [condemned] = [e for e in release.events if e.event_type == "ACCUSE"]
    assert condemned.date == "2018-03-05" and condemned.date_precision == "day"  # not the weekend of the bombings


def test_a_name_the_gazetteer_lacks_is_no_namesake_in_a_country_named_only_as_an_actor(release):
    [bomb] = [e for e in release.events if e.event_type == "ASSAULT" and "Saturday" in e.evidence.text]
    assert bomb.location is not None and bomb.location.country == "IRQ"


def test_a_statement_s_opening_sentence_names_its_voice(pipeline):
    from dotterel.ingest import document_from_text

    # no headline: the first sentence is the statement's own; a party told of later in the present is not its voice
    text = ("The Republic of Korea strongly condemns the missile launch carried out this morning over the sea. "
            "We call for an end to the regime's attacks on fishing boats. Moscow has a particular responsibility to restrain it.")
    coded = pipeline.code_one(document_from_text(text, doc_id="voice2", date="2022-05-04"))
    [call] = [e for e in coded.events if e.event_type == "REQUEST"]
    assert call.actor.text == "We" and "Korea" in call.actor.name


def test_a_speaker_s_own_words_of_sympathy_and_commitment_are_the_speaker_s_acts(pipeline):
    from dotterel.ingest import document_from_text

    text = ("Foreign Minister Anna Lindqvist arrived in Vilnius on Tuesday for talks on air defence.\n\n"
            "Lindqvist met her Lithuanian counterpart at the ministry and toured a training base near the border.\n\n"
            "“I want to convey my sincere condolences to the families of those killed in the train crash,” "
            "the minister said. “We are fully committed to cooperating with Lithuania on border security.”\n\n"
            "“The crash only strengthens our resolve to stand with our Baltic allies,” she added.\n\n"
            "The two ministers did not take questions.")
    coded = pipeline.code_one(document_from_text(text, doc_id="own-words", date="2023-04-11"))
    support = [e for e in coded.events if e.event_type == "SUPPORT" and "families" in (e.recipient.text if e.recipient else "")]
    agree = [e for e in coded.events if e.event_type == "AGREE" and e.recipient is not None and "Lithuania" in e.recipient.name]
    assert support and support[0].actor.text == "I" and support[0].actor.name == "Anna Lindqvist"
    assert agree and agree[0].actor.text == "We" and agree[0].actor.name == "Anna Lindqvist"
    stand = [e for e in coded.events if e.event_type == "SUPPORT" and e.actor.text == "our"]
    assert stand and stand[0].actor.name == "Anna Lindqvist"  # "our resolve to stand with ...": the speaker's


def test_an_act_a_purpose_hopes_to_ensure_is_not_done(code):
    found = code("We are in touch with officials to ensure that the ministry delivers medical aid to the wounded.")["events"]
    assert "AID" not in {e["event_type"] for e in found}


def test_a_danger_posed_is_no_threat_made(pipeline):
    from dotterel.ingest import document_from_text

    text = ("The ministers met in Oslo on Monday to discuss the truce in the north.\n\n"
            "A settlement will allow the two governments to focus on the common threat posed by the Islamic State.\n\n"
            "The talks will resume next week.")
    coded = pipeline.code_one(document_from_text(text, doc_id="danger", date="2021-03-01"))
    assert not [e for e in coded.events if e.event_type == "THREATEN"]


def test_calling_for_attacks_asks_no_earlier_attacker(pipeline):
    from dotterel.ingest import document_from_text

    text = ("A gunman opened fire on shoppers at a market in Lyon on Friday, killing three people, police said.\n\n"
            "Officers shot the gunman dead near the market.\n\n"
            "In the past the Islamic State called for attacks on crowded places in Europe, analysts said.")
    coded = pipeline.code_one(document_from_text(text, doc_id="called-for", date="2021-03-01"))
    asked = [e for e in coded.events if e.event_type == "REQUEST" and e.actor.name == "Islamic State"]
    attackers = {e.actor.name for e in coded.events if e.event_type == "ASSAULT"}
    assert not any(e.recipient is not None and e.recipient.name in attackers for e in asked)


def test_a_title_case_headline_names_no_attacker_for_a_later_attack():
    from dotterel.article.layout import Layout
    from dotterel.article.who import Parties, target_the_maker
    from dotterel.model import ActorRef, Event, Span
    from dotterel.nlp import load_nlp

    # "Kowalski Addresses Harbour Attack" read whole as a name is no attacker: "that attack" is not aimed at it
    text = ("Kowalski Addresses Harbour Attack\n\n"
            "Prosecutors investigating that attack have found the gunman had help from two other men.")
    doc = load_nlp()(text)
    layout = Layout.of(doc)
    headline = text.split("\n")[0]
    body = text.split("\n")[2]
    at = text.index(body)
    maker = ActorRef(text=headline, name=headline, id="local:kowalski-addresses-harbour-attack")
    attack = Event(event_type="ASSAULT", actor=maker, recipient=None, evidence=Span(0, len(headline), headline))
    blame = Event(event_type="ACCUSE", actor=ActorRef(text="Prosecutors", name="Prosecutors", id="local:prosecutors"),
                  recipient=ActorRef(text="that attack", name="attack"), evidence=Span(at, at + len(body), body))
    target_the_maker([attack, blame], layout, Parties([], frozenset({"attack"}), frozenset({"attack"})))
    assert blame.recipient.name == "attack"
