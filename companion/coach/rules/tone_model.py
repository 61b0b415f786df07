"""tone.impolite: the politeness model (companion/tone) says the draft, or a passage of it, reads
as impolite; it names the words that pulled the score down (never those tone.demanding reports) and
what would lift it. docs/tone.md, "In the coach", has the details."""

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import replies_to_them, requests
from companion.coach.language import sentence_bounds
from companion.coach.matching import first_name
from companion.coach.rules.tone_demanding import DEMANDING, overlaps, triggers
from companion.coach.rules.tone_oversharing import oversharing, private_details
from companion.tone.model import ToneModel, ToneResult, default_model, sigmoid
from companion.tone.strategies import LABELS

IMPOLITE_BELOW = 0.35  # P(polite) under this fires the rule; under WARN_BELOW it is a warning
WARN_BELOW = 0.2
PASSAGE_BELOW = 0.15  # a two-sentence passage of a longer draft under this fires too (stricter:
                      # short passages are noisier; LinkedIn-style polite passages stay above 0.3)
# ... unless the whole draft reads this polite: there the dips audits met were compliments ("Your post about …
# stayed with me") and disclaimers ("I'm not asking about openings"), which the model's bag of words misreads.
PASSAGE_UNLESS_WHOLE = 0.9
POLITE_FROM = 0.65  # the summary's label: polite from here, neutral in between
MIN_PULL = 0.15  # log-odds: a strategy pulling less than this is not worth naming
MIN_WORD_PULL = 0.3  # a bare n-gram must pull harder: "Google" at -0.16 is noise, not advice
MAX_STRATEGY_RANGES = 20  # ranges listed per strategy; `more` counts the rest (see report.MAX_FINDINGS)
# Strategies that address the reader. A passage with none (two lines of a résumé list) asks nothing of
# anyone, and the corpus the model learnt from holds only requests to someone: it is not judged alone.
_ADDRESSED = frozenset({"second_person", "second_person_start", "imperative_start", "please", "please_start",
                        "direct_question", "counterfactual_modal", "indicative_modal"})
# Rule-based tone findings that forbid the label "polite" for the same draft.
_TONE_RULES = frozenset({"tone.demanding", "followup.pressure", "tone.oversharing"})
CITATION = "Stanford Politeness Corpus, Danescu-Niculescu-Mizil et al., ACL 2013"

# What to do about a strategy that pulls the score down.
_FIX = {
    "direct_question": "a question that opens with why/what/who/how reads as a challenge; frame it: "
                       "start with \"I was wondering\" or \"Could you tell me\"",
    "direct_start": "opening with \"So\", \"And\" or \"But\" reads abrupt; drop it",
    "second_person_start": "a sentence that starts with \"You\" reads as pointing a finger; start from your side",
    "factuality": "\"actually\", \"really\", \"in fact\" can sound like correcting them; cut them",
    "negative_lexicon": "words of blame or complaint; say it neutrally",
    "imperative_start": "a bare command; ask instead, starting with \"Would you be open to\"",
    "indicative_modal": "\"Can you / Will you\" is blunt; \"Could you / Would you\" is softer",
    "please_start": "\"please\" opening a sentence softens a command but keeps it a command (the paper "
                    "found it reads less polite); ask instead, starting with \"Could you please\"",
}
# Absent strategies worth suggesting, with how to add them.
_ADD = {
    "counterfactual_modal": "ask with \"Would you be open to\" or \"Could you\"",
    "gratitude": "thank them (\"Thank you for considering it\")",
    "greeting": "greet them (\"Hi Sam,\")",
    "subjunctive": "make the ask hypothetical (\"I was wondering if you would\")",
    "hedges": "soften the ask (\"perhaps\", \"if possible\")",
    "apologizing": "acknowledge the imposition (\"Sorry to bother you\")",
    "deference": "open with genuine appreciation of their work",
}


def judged_text(draft: AnalysedDraft) -> str:
    """The draft as the model judges it: hardship told at length (tone.oversharing's to name) blanked out, as
    "the last five years were really hard" blames no reader, whatever a bag of words makes of "really" and
    "hard". Blanks keep every offset."""
    def blank() -> str:
        details = private_details(draft)
        if not oversharing(details):
            return draft.text
        text = draft.text
        for s, e in sorted({sentence_bounds(draft, start) for _k, start, _e in details}):
            text = text[:s] + " " * (e - s) + text[e:]
        return text
    return draft.remember("tone.text", blank)


def _pieces(draft: AnalysedDraft) -> list:
    """The model's per-sentence features for the draft, once per draft (whole text and passages share them)."""
    return draft.remember("tone.pieces", lambda: default_model().pieces(judged_text(draft)))


def tone_result(draft: AnalysedDraft) -> ToneResult:
    """The model's result for the draft, computed once per draft (the rule and the summary share it)."""
    return draft.remember("tone", lambda: default_model().analyse(judged_text(draft), _pieces(draft)))


def pulls(result: ToneResult, exclude=()) -> list[tuple[float, str, tuple[int, int], str | None]]:
    """What pulled the score down, most first: (log-odds, words, span, strategy or None).

    A negative strategy absorbs the n-grams inside its spans, so "Why" is one item, not three.
    """
    items: dict[tuple[int, int], list] = {}
    strategy_spans = []
    for c in result.contributions:
        if c.kind == "strategy" and c.weight < 0:
            strategy_spans += c.spans
            first = c.spans[0]
            items[(first.start, first.end)] = [c.weight, first.words, (first.start, first.end), c.name]
    for c in result.contributions:
        if c.kind == "strategy":
            continue
        span = c.spans[0]
        owner = next((s for s in strategy_spans if s.start < span.end and span.start < s.end), None)
        if owner is not None:
            key = next((k for k in items if overlaps([k], owner.start, owner.end)), None)
            if key is not None:
                items[key][0] += c.weight
                continue
        if c.weight < 0:
            items.setdefault((span.start, span.end), [0.0, span.words, (span.start, span.end), None])[0] += c.weight
    out = [tuple(v) for v in items.values()
           if v[0] <= -(MIN_PULL if v[3] else MIN_WORD_PULL) and not overlaps(exclude, *v[2])]
    return sorted(out, key=lambda v: v[0])


def lifts(result: ToneResult, model: ToneModel) -> list[tuple[float, str, str]]:
    """Absent strategies that would raise P(polite) most: (new probability, name, advice). The
    probability adds the strategy's own weight only (the words it brings weigh too: an estimate)."""
    out = [(sigmoid(result.logit + model.weights["S:" + name]), name, advice) for name, advice in _ADD.items()
           if name not in result.strategies and model.weights.get("S:" + name, 0.0) > 0]
    return sorted(out, reverse=True)


def _impolite(draft: AnalysedDraft, ctx: CoachContext):
    model = default_model()
    whole = tone_result(draft).polite_probability
    offset, passage = 0, None
    if whole >= PASSAGE_UNLESS_WHOLE:
        return
    if whole >= IMPOLITE_BELOW:  # a long draft can read polite overall around one rude passage
        pieces = _pieces(draft)
        # passages() pairs consecutive non-blank pieces: passage i holds pieces i and i + 1 of this list.
        addresses = [not _ADDRESSED.isdisjoint(info[1]) for _o, chunk, info in pieces if chunk.strip()]
        passages = model.passages(judged_text(draft), pieces)
        worst = min((x for x, first, second in zip(passages, addresses, addresses[1:]) if first or second),
                    key=lambda x: x[2], default=None)
        if worst is None or worst[2] >= PASSAGE_BELOW:
            return
        offset, end, _p = worst
        passage = judged_text(draft)[offset:end]
    result = model.explain(judged_text(draft) if passage is None else passage)
    p = result.polite_probability
    demanding = []  # what tone.demanding reports (when it runs), relative to the passage
    if DEMANDING.applies(ctx):
        demanding = [(s - offset, e - offset) for _kind, s, e, _fix in triggers(draft)]
    down = pulls(result, exclude=demanding)[:3]
    if not down and demanding:
        return  # tone.demanding already names the words; one tone finding is enough
    text = judged_text(draft) if passage is None else passage
    named = [f"\"{words}\"" + (f" ({LABELS[s].lower()})" if s else _in_context(text, sp, words))
             for _w, words, sp, s in down]
    fixes = [_FIX[s] for *_x, s in down if s in _FIX]
    if "please_start" in result.strategies and not any(s == "please_start" for *_x, s in down):
        fixes.append(_FIX["please_start"])
    ups = [] if passage is not None else lifts(result, model)[:2]  # courtesies elsewhere do not fix a rude passage
    first = first_name(ctx)  # the greeting's example names them, not "Sam"
    ups = [(q, n, text.replace("Hi Sam,", f"Hi {first},") if first else text) for q, n, text in ups]
    advice = "; ".join([*fixes, *(text + (f" (about {q:.0%} with it)" if q - p >= 0.05 else "")
                                  for q, _n, text in ups)])
    why = (f"Pulling it down: {', '.join(named)}." if named else
           "No single word pulls it down much; what it lacks is courtesy.")
    what = (f"This reads as impolite: {p:.0%} chance of reading as polite" if passage is None else
            f"This passage reads as impolite: {p:.0%} chance of reading as polite for these two sentences "
            f"(the whole draft: {whole:.0%})")
    message = f"{what}, by a model trained on requests people rated (the {CITATION}). {why}"
    if down:
        span = down[0][2]
    else:  # point at "please" opening a sentence if that is there, else at the passage or the first sentence
        first = result.strategies.get("please_start", [None])[0]
        span = (first.start, first.end) if first else (0, len(passage)) if passage else _first_sentence(draft)
    if offset:
        span = (span[0] + offset, span[1] + offset)
    data = {"polite_probability": round(p, 3),
            "pulled_down_by": [{"words": w, "strategy": s, "weight": round(x, 3)} for x, w, _sp, s in down],
            "would_lift": [{"strategy": n, "polite_probability": round(q, 3)} for q, n, _t in ups]}
    if passage is not None:
        data["passage"] = draft.range(offset, offset + len(passage))
        data["whole_polite_probability"] = round(whole, 3)
    yield IMPOLITE.finding(
        message, draft, span, severity="warning" if p < WARN_BELOW else "info",
        suggestion=(advice[0].upper() + advice[1:] + ".") if advice else None, data=data,
    )


def _in_context(text: str, span: tuple[int, int], words: str) -> str:
    """A lone short word ("not", "you") means little on its own: the words around it, within its sentence."""
    if " " in words or len(words) > 5:
        return ""
    start, end = span
    for _ in range(3):  # up to three words either side
        before = text.rfind(" ", 0, max(0, start - 1))
        if before < 0 or any(c in text[before:start] for c in ".!?\n"):
            break
        start = before + 1
    for _ in range(3):
        after = text.find(" ", end + 1)
        after = len(text) if after < 0 else after
        if any(c in text[end:after] for c in ".!?\n"):
            end += next(i for i, c in enumerate(text[end:after]) if c in ".!?\n")
            break
        end = after
    around = text[start:end].strip(" ,;:")
    return f" (in \"{around}\")" if around != words else ""


def _first_sentence(draft: AnalysedDraft) -> tuple[int, int]:
    """Its span; the draft is not blank (the engine runs no rule on a blank draft)."""
    start = len(draft.text) - len(draft.text.lstrip())
    s, e = sentence_bounds(draft, start)
    return start, s + len(draft.text[s:e].rstrip())


def tone_label(p: float) -> str:
    """What P(polite) reads as, in the sidebar and in `tactful tone`."""
    return "impolite" if p < IMPOLITE_BELOW else "polite" if p >= POLITE_FROM else "neutral"


def tone_summary(draft: AnalysedDraft, ctx: CoachContext, findings) -> dict | None:
    """The Feedback's `tone`: P(polite), a label and the strategies with their first UTF-16 ranges;
    None when tone.impolite is switched off or does not apply, or the draft is not English (then the model
    does not run)."""
    if not IMPOLITE.runs(draft, ctx):
        return None
    model = default_model()
    result = tone_result(draft)
    p = result.polite_probability
    codes = {f.code for f in findings}
    label = tone_label(p)
    if IMPOLITE.code in codes:
        label = "impolite"  # a rude passage in an otherwise courteous draft
    elif label == "polite" and codes & _TONE_RULES:
        label = "neutral"  # the sidebar must not call a draft polite while flagging its tone
    strategies = []
    for name, spans in result.strategies.items():
        shown = spans[:MAX_STRATEGY_RANGES]
        strategies.append({"name": name, "label": LABELS[name], "effect": round(model.weights.get("S:" + name, 0.0), 3),
                           "ranges": [draft.range(s.start, s.end) for s in shown], "words": [s.words for s in shown]})
        if len(spans) > len(shown):
            strategies[-1]["more"] = len(spans) - len(shown)
    return {"polite_probability": round(p, 3), "label": label, "demanding": DEMANDING.code in codes,
            "strategies": strategies, "source": CITATION}


IMPOLITE = Rule(
    code="tone.impolite", severity="warning", check=_impolite, reads_english=True,
    # The model learned from requests: an answer that asks nothing ("Sure thing, attached my CV") is none.
    abstains=lambda draft, _ctx: replies_to_them(draft) and not requests(draft),
    checklist="polite",
    fires=("Why haven't you answered? What is wrong with you?",),
    quiet=('Hi Sam, could you take a look at my resume when you have a moment? Thank you so much!',
           "sure thing, attached my cv"),
    rationale="People asked for a favour judge the wording before the request; a model of how raters "
              "judged thousands of real requests shows which words cost goodwill.",
)

RULES = [IMPOLITE]
