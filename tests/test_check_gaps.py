"""Gaps: a word missing from a translation, told by the grammar of what is left (checks/gaps.py), and the
omission flags they make; real sentences, none from the benchmark sets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bitext.checks.base import PairContext
from bitext.checks.gaps import gaps
from bitext.checks.omission import omission
from bitext.checks.scoring import score_flags, scoring_model
from bitext.model import Link


def found(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(text[g.start : g.end], g.what) for g in gaps(text, lang)]


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("The is the oldest bridge in the city.", ("The is", "determiner")),  # subject noun dropped
        ("She put the keys on the of the piano.", ("the of", "determiner")),
        ("They waited for a with the manager.", ("a with", "determiner")),
        ("The ferry left the harbour and crossed the.", ("the.", "determiner")),
        ("We thanked them for their , and left.", ("their ,", "determiner")),
        ("Prices rose because an and a half more were sold.", ("an and", "determiner")),
        ("Is expected that the museum will reopen in May.", ("Is", "subject")),
        ("The road was closed. Has been repaired since then.", ("Has", "subject")),
        ("Said that the talks had failed.", ("Said that", "subject")),  # a reporting verb with no one
        ("Nowadays, is still sold in most shops.", ("Nowadays, is", "subject")),
        ("The court moved from Lyon to .", ("to .", "object")),  # a place dropped, the stop left
        ("According to , the bridge will reopen.", ("to ,", "object")),
        ("Half of 's exports go by sea.", ("'s", "host")),  # the country dropped, its possessive left
        ("They won, and 've trained hard for it.", ("'ve", "host")),  # "we've" with "we" dropped
        ("That is why ’m glad to be here.", ("’m", "host")),
        ("In, prices will rise again.", ("In,", "object")),  # "In addition, ..." with its noun dropped
        ("Tickets are sold at the station and.", ("and.", "conjunct")),
        ("The head of the Chamber,, the mayor said, will resign.", (",,", "between")),
        ("The talks began after had signed the treaty.", ("after had", "subject")),  # who signed?
        ("Because was raining, the match was called off.", ("Because was", "subject")),
        ("The ferry runs between and Dover twice a day.", ("between and", "object")),  # a port dropped
        ("From to the coast, the road is closed.", ("From to", "object")),
        (", Oslo and Bergen will host the games.", (",", "opening")),  # the first of three cities dropped
        ("The festival on which the took place was cancelled.", ("the took", "determiner")),  # a past verb
        ("Under the new law, the may refuse to pay.", ("the may", "determiner")),  # a modal
        ("He moved to the as a child.", ("the as", "determiner")),
        ("After the storm, will reopen on Monday.", ("After the storm, will", "subject")),
        ("In his speech, said that the war was over.", ("In his speech, said", "subject")),
        ('"We will win the cup next year," said.', ("said.", "subject")),  # the speaker dropped
        ("A tunnel through which was built in 1900 links the towns.", ("through which was", "subject")),
        ("Sweden is a country of, and it has many lakes.", ("of,", "object")),
        ('"We expect heavy ," the forecaster said.', ("heavy ,", "after")),  # "rain" dropped
        (
            "Since the bridge opened in 1990, has carried millions of cars.",
            ("Since the bridge opened in 1990, has", "subject"),
        ),
        ("The minister gave a speech in which explained the new tax.", ("in which explained", "subject")),
        ("The fled across the border at night.", ("The fled", "determiner")),
        ("Most of the museum's were lent by private owners.", ("museum's were", "determiner")),  # paintings
        ("The city’s would be the first tram line in the region.", ("city’s would", "determiner")),
        ("The, mayor of the town, opened the fair.", ("The,", "determiner")),  # "The mayor, Ana Ruiz,"
        ("Became a tradition, and the town still holds it.", ("Became", "subject")),  # a past tense opens
        ("The bridge stays shut because would cost too much to mend.", ("because would", "subject")),
        ("Over the years, has grown into a busy port.", ("Over the years, has", "subject")),  # the town
        ("To reach the island, must take the ferry.", ("To reach the island, must", "subject")),
        ("According to, the storm will reach the coast tonight.", ("According to,", "object")),  # whom?
        ('"The bridge is safe again," said, adding that it would reopen.', ("said,", "subject")),
        ("In a letter to, Maria Lopez thanked the nurses.", ("to,", "object")),  # to whom?
        ("Trains run from and Vienna every hour.", ("from and", "object")),  # the first city dropped
        ("The archive keeps the letters of and the diaries of the poet.", ("of and", "object")),
        ("In 1990, went abroad to study medicine.", ("In 1990, went", "subject")),  # who went?
        ("Have been neighbours for twenty years.", ("Have been", "subject")),
        ("At the hearing, Mrs. told the court that she had paid.", ("Mrs.", "named")),  # whose name?
        ("Dr discovered the new vaccine in 1998.", ("Dr", "named")),
        ("The amount of is about the same every year.", ("of is", "object")),  # rain dropped
        ("Two million doses of have been sent to the region.", ("of have", "object")),
        ('"According to them, will pay," he said.', ('"According to them, will', "subject")),  # a quote
        ("“Is expected to reopen in May,” the mayor said.", ("“Is", "subject")),
        ("The storm has passed. Yet is still too dangerous to cross.", ("Yet is", "subject")),
        ("In the first years, did not know the language.", ("In the first years, did", "subject")),
        # an adjective and nothing it describes: its noun dropped
        ("The mayor won the vote by a wide.", ("wide.", "described")),
        ("An experienced has coached the team for ten years.", ("experienced has", "described")),
        ("They opened a new of the kind near the station.", ("new of", "described")),
        ("The bridge reopened after a lengthy.", ("lengthy.", "described")),
        ("The harmful were removed from the river.", ("harmful were", "described")),
        ("After the storm, the farmers' were flooded.", ("farmers' were", "determiner")),  # fields dropped
    ],
)
def test_a_missing_word_is_found(text: str, gap: tuple[str, str]) -> None:
    assert found(text) == [gap]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge is the oldest in the city.",
        "She opened a can of peas and a jar of honey.",  # "can" as a noun
        "The shop opens at 9 a.m. on weekdays.",  # "a.m." is no article
        "The Who played in Leeds; James A. Van Allen spoke after them.",  # a name, an initial
        "The have-nots marched past the haves.",
        "Is the museum open on Mondays? It is.",  # questions open with their verb
        "Are they coming to the party, or not?",
        "Is the new hall 2.5 times larger than the old one?",  # a decimal point ends no sentence
        "However, is this the right road?",
        "Said to be the oldest, the bridge still stands.",
        "This is the house she grew up in.",  # a preposition may close a sentence
        "The house she grew up in , they say , is gone .",  # tokenised text sets every stop apart
        "The mayor 's office said we 've until May .",  # ... and splits every clitic off its word
        "It's Tom's book, and 'tis the season.",
        "In short, prices rose, and, as expected, sales fell.",  # a comma after "and" sets a clause apart
        "Black or white?",
        "A. Introduction",  # a list's label
        "Take route B, not the one they took.",
        "It rained for a while, so the match was called off; a while was all it took.",  # "while", a noun
        "They lived happily ever after is how the story ends.",
        "He stayed home because he was ill, and since it was late, nobody called.",
        "Trains run from 9 to 5 between Leeds and York.",
        "It depends on whether, and if so how, the rules change.",
        "The plan, if approved, will take effect in May.",  # a clause set apart before the verb
        "However, will the plan work?",  # a question opens with its verb
        'He said: "We won," said the coach, and smiled.',  # the speaker follows the verb
        "This is the town in which he was born; most of which was rebuilt.",
        "The result, as far as we know, is final.",
        "They came, saw, and left ; then it rained .",  # tokenised text sets its stops apart
        "The will of the people is the may-pole of the town.",  # "will" a noun; a hyphen joins words
        "At first the signs will go up on the northern motorway, said Minister Jan Nowak.",  # the speaker
        "Later, said the mayor, the plan changed.",
        "The views presented, are often too simple.",  # a stray comma after the subject, not a gap
        "Since the bridge opened, it has carried millions of cars.",
        "Let's have a look at the 1990's were they as good as we remember?",  # "let us"; a decade
        "The queen's will was read aloud, and the army's might was shown.",  # nouns after a possessive
        "The school 's were closed .",  # tokenised text splits every clitic off its word
        "A, B and C are the options.",  # letters that label a list
        "Told by his mother, he left early.",  # a participle opens the phrase
        "To be honest, we were tired, and over the years, it has only got worse.",
        "The town she moved to, which is small, is the one he talked about, and it is quiet.",  # stranded
        "He came in and the room fell quiet; she stood by and Tom left.",  # particles, not prepositions
        "Prices rose during and after the war, and she voted for and against it.",  # two prepositions
        "That is where he came from and what he stood for and why.",  # stranded before a clause
        "Have fun at the party! Have a look at the map.",  # "Have" bids
        "Mr. and Mrs. Novak met Dr. Silva and Prof. Ito at 4 Elm Dr., Leeds.",  # titles named; an address
        "What the car ran into is unclear; the part in between is blank, and they seem to have left.",
        "at the end of may, it was a test of will.",  # a month in a text set in lower case; a noun
        "In the end, the town grew and the port stood empty.",  # the subject is there
        '"In the end, we won," he said. "Is it over?" she asked.',  # a quotation with its subject; a question
        "He was tired. So was she, and nor was the ferry on time. Yet he stayed; but is it over?",
        # an adjective that describes a noun, stands for one ("the injured", "the dead", "his own"), or
        # follows a noun
        "The mayor won by a wide margin; an hour later, she spoke.",
        "The injured were taken to hospital, and the dead were named.",
        "He did it on his own, and the other was left to her.",
        "The easternmost of the islands is the largest.",
        # two commas right before the end: a scraped text's lost footnote markers, not a word left out
        "He toured Japan and recorded all 32 sonatas,,.",
        "Their annual report is due, and a year ago it was late.",
        "The farmers' fields were flooded; the word 'buses' were used as a name.",  # a plural's possessive
        "It was a lengthy, costly road, and a new, larger bridge.",  # a comma parts two adjectives
    ],
)
def test_whole_sentences_have_no_gap(text: str) -> None:
    assert found(text) == []


def test_a_language_without_gap_data_has_none() -> None:
    # German "die" and "das" are pronouns as well as articles ("die in Berlin leben"): no data, no gaps
    assert found("Die Leute, die in Berlin leben, sagen das.", "de") == []
    assert found("Odlətin of the.", "az") == []


def ctx(src: str, tgt: str, src_lang: str = "de", tgt_lang: str = "en") -> PairContext:
    class NoWords:  # the run-based part needs word vectors; a pair of one word each gives it none
        def word_vectors(self, text: str, layer: int = 8) -> object:
            import numpy as np

            from bitext.encoder import WordVectors

            return WordVectors([], np.zeros((0, 4), dtype=np.float32))

    return PairContext(Link(0, (0,), (0,), 0.9), src, tgt, src_lang, tgt_lang, "translation", NoWords())  # type: ignore[arg-type]


def test_a_dropped_noun_is_a_minor_omission_that_keeps_its_severity() -> None:
    src = "Der Junge wartete am Ende der Straße auf den Bus."
    tgt = "The boy waited at the of the street for the bus."
    [flag] = [f for f in omission(ctx(src, tgt)) if f.basis == "gap"]
    assert (flag.kind, flag.severity, flag.target_excerpt) == ("omission", "minor", "the of")
    assert flag.target_span is not None and tgt[slice(*flag.target_span)] == "the of"
    assert "missing after 'the'" in flag.message
    # the fitted scorer does not regrade it: the grammar says what the vectors cannot
    model = scoring_model()
    if model is not None:
        assert not model.covers("omission", "gap") and model.covers("omission", "")
        assert score_flags([flag], None, model) == [flag]


def test_a_subject_dropped_from_the_translation_is_flagged() -> None:
    src = "Es wird erwartet, dass das Museum im Mai wieder öffnet."
    tgt = "Is expected that the museum will reopen in May."
    [flag] = [f for f in omission(ctx(src, tgt)) if f.basis == "gap"]
    assert flag.target_excerpt == "Is" and "no subject" in flag.message


def test_an_adjective_left_describing_nothing_is_flagged() -> None:
    src = "Der Bürgermeister gewann die Wahl mit großem Vorsprung."
    tgt = "The mayor won the election by a wide."
    [flag] = [f for f in omission(ctx(src, tgt)) if f.basis == "gap"]
    assert flag.target_excerpt == "wide." and "'wide' describes nothing" in flag.message


def test_a_gap_the_source_has_too_is_not_the_translations() -> None:
    # an English source with the same slip: the translation did not leave the word out
    text = "The boy waited at the of the street."
    assert [f for f in omission(ctx(text, text, "en", "en")) if f.basis == "gap"] == []


def test_summaries_are_not_read_for_gaps() -> None:
    summary = replace(ctx("Der Junge wartete.", "The waited."), mode="summary")
    assert omission(summary) == []


def test_a_translation_that_opens_with_a_comma_lost_its_first_words() -> None:
    src = "Samsung, Huawei und HTC bauen Telefone, die mit Android laufen."
    tgt = ", Huawei and HTC make phones that run on Android."
    [flag] = [f for f in omission(ctx(src, tgt)) if f.basis == "gap"]
    assert (flag.target_excerpt, flag.target_span) == (",", (0, 1))
    assert "opens with ','" in flag.message
