"""Each politeness strategy: texts that must trigger it (with the words), and near-misses that must not."""

import pytest

from companion.tone.strategies import NAMES, STRATEGIES, find_strategies, parse

# strategy -> (positive examples as (text, words expected among the spans), negative texts)
CASES = {
    "gratitude": ([("Thanks for the edit.", "Thanks"), ("I really appreciate your help.", "appreciate"),
                   ("Thank you for reading!", "Thank you")],
                  ["Could you take a look?", "The thankless job is done."]),
    "deference": ([("Nice work on the rewrite. Could you add sources?", "Nice"),
                   ("Great talk yesterday!", "Great")],
                  ["This is a great article.", "Good morning, Sam."]),
    "greeting": ([("Hi Sam, could you help?", "Hi"), ("Hello there.", "Hello"),
                  ("Good morning! Quick question.", "Good morning"), ("Dear Ms. Lee,\nI am writing", "Dear")],
                 ["He said hi to me.", "This is high quality."]),
    "positive_lexicon": ([("That was a wonderful answer.", "wonderful"), ("Your help was great.", "great")],
                         ["The table has four rows."]),
    "negative_lexicon": ([("This edit is wrong.", "wrong"), ("Stop this stupid revert war.", "stupid")],
                         ["This edit is right.", "Could you review it?"]),
    "apologizing": ([("Sorry to bother you.", "Sorry"), ("Excuse me, is this yours?", "Excuse me"),
                     ("I apologize for the delay.", "apologize")],
                    ["I am sure you are busy.", "No excuses were given."]),
    "please": ([("Could you please check?", "please")], ["Please check.", "He was pleased with it."]),
    "please_start": ([("Please check the list.", "Please"), ("Done. Please review it.", "Please")],
                     ["Could you please check?"]),
    "indirect_btw": ([("By the way, where did you find it?", "By the way"), ("Btw, nice edit.", "Btw")],
                     ["Way to go.", "Stand by the door."]),
    "direct_question": ([("What is your native language?", "What"), ("So why did you do that?", "why"),
                         ("How is this possible?", "How"), ("How are the results computed?", "How")],
                        ["I know what you mean.", "Tell me how it went and I will see.",
                         "Hi Sam, how are you?", "How's it going?", "Hope you're well. How was your week?",
                         "Why I think I fit:\n- 4 years of Terraform", "What I bring: SQL and dashboards"]),
    "direct_start": ([("So can you retrieve it or not?", "So"), ("But you said yes.", "But")],
                     ["I thought so.", "Cats and dogs."]),
    "counterfactual_modal": ([("Could you look at it?", "Could you"), ("Would you be open to a chat?", "Would you")],
                             ["Can you look at it?", "I could do it myself."]),
    "indicative_modal": ([("Can you look at it?", "Can you"), ("Will you fix it?", "Will you")],
                         ["Could you look at it?", "I can see you there."]),
    "first_person_start": ([("I have just put the article up.", "I"), ("My edit was fine.", "My")],
                           ["Could I ask a question?", "You did it."]),
    "first_person": ([("It is my view that it works.", "my"), ("Could I ask you something?", "I")],
                     ["I know.", "You did it."]),
    "first_person_plural": ([("Could we find a simpler name?", "we"), ("Let's talk.", "Let's")],
                            ["Could I find a simpler name?"]),
    "second_person_start": ([("You've reverted yourself.", "You've"), ("Your edit broke it.", "Your")],
                            ["Could you help?", "I saw it."]),
    "second_person": ([("What's the source you have in mind?", "you"), ("Thanks for your edit.", "your")],
                      ["You did it.", "I thank them."]),
    "hedges": ([("I suggest we start small.", "suggest"), ("Maybe it is a typo.", "Maybe"),
                ("It is kind of odd.", "kind of")],
               ["It is a typo.", "Add the source."]),
    "factuality": ([("In fact you did link it.", "In fact"), ("It actually works.", "actually"),
                    ("The point is that it broke.", "The point is")],
                   ["It works.", "Point me to it."]),
    "subjunctive": ([("I was wondering if you could help.", "I was wondering"),
                     ("Would it be possible to chat?", "Would it be"),
                     ("I'd appreciate a pointer.", "I'd appreciate")],
                    ["Can you help?", "I wonder."]),
    "imperative_start": ([("Send me the link.", "Send"), ("Please refer me to the team.", "refer"),
                          ("Just tell me.", "tell")],
                         ["Do you know him?", "I will send the link.", "Could you send the link?"]),
}


def test_every_strategy_has_cases():
    assert set(CASES) == set(NAMES)
    assert len(NAMES) == len(set(NAMES)) == len(STRATEGIES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_strategy_positive_examples(name):
    for text, words in CASES[name][0]:
        found = find_strategies(text)
        assert name in found, f"{name} should fire on {text!r}; found {sorted(found)}"
        spans = found[name]
        assert words in [s.words for s in spans], (text, spans)
        for s in spans:  # spans are code-point offsets of the words they carry
            assert text[s.start:s.end] == s.words


@pytest.mark.parametrize("name", sorted(CASES))
def test_strategy_negative_examples(name):
    for text in CASES[name][1]:
        found = find_strategies(text)
        assert name not in found, f"{name} should not fire on {text!r}: {found.get(name)}"


def test_spans_are_code_points_after_astral_characters():
    text = "🎉🎉 Thanks! Could you help?"
    found = find_strategies(text)
    span = found["gratitude"][0]
    assert (span.start, span.end) == (3, 9) and text[span.start:span.end] == "Thanks"
    assert found["counterfactual_modal"][0].words == "Could you"


def test_line_break_starts_a_sentence():
    found = find_strategies("Hi Sam,\nplease send it")
    assert "please_start" in found and "please" not in found
    assert [s.words for s in found["greeting"]] == ["Hi"]


def test_curly_apostrophes_and_contractions():
    found = find_strategies("You’re right. I’d appreciate it.")
    assert found["second_person_start"][0].words == "You’re"
    assert "subjunctive" in found and "first_person_start" in found


def test_strategies_come_in_table_order_and_each_span_once():
    found = find_strategies("Thanks! Sorry, could you please look? I think so.")
    assert list(found) == [n for n in NAMES if n in found]
    for spans in found.values():
        assert len(spans) == len({(s.start, s.end) for s in spans})


def test_parse_normalises_urls_numbers_and_positions():
    toks = parse("See https://example.com/a?b=1 in 2024. <url> works")
    norms = [t.norm for t in toks]
    assert "<url>" in norms and "<num>" in norms and norms.count("<url>") == 2
    words = [t for t in toks if t.pos >= 0]
    assert words[0].pos == 0 and [t.norm for t in words if t.pos == 0] == ["see", "<url>"]


def test_empty_and_odd_input():
    assert find_strategies("") == {}
    assert find_strategies("   \n\n  ") == {}
    assert find_strategies("?!?!") == {}
    # "İ".lower() is two code points: phrase spans must still be exact in the original text.
    text = "İstanbul! I was wondering if you could help."
    found = find_strategies(text)
    assert [s.words for s in found["subjunctive"]] == ["I was wondering", "if you could"]
    assert "counterfactual_modal" not in found  # "you could" is not "could you"
