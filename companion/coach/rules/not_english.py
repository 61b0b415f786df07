"""language.not-english: the draft is (partly) in another language, so the English wording rules stayed quiet."""

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule


def _not_english(draft: AnalysedDraft, ctx: CoachContext):
    if draft.english and draft.mixed:
        yield NOT_ENGLISH.finding(
            "Part of this draft is in another language, and Tactful reads English wording only: what it "
            "looks for (the role, the company, thanks, an easy out, your fit, a personal line, a nod to their "
            "time, your resume) may be said there, so it did not report any of them missing. The rest was checked.",
            suggestion="Check those yourself in the part Tactful cannot read.")
    elif not draft.english:
        yield NOT_ENGLISH.finding(
            "This draft does not read as English, and Tactful reads English wording only, so it did not "
            "check for the role, the company, thanks, an easy out, your fit, a personal line, the tone or a "
            "request for confidential information. Length, placeholders, names, copies and follow-up timing "
            "were checked.",
            suggestion="Check the rest yourself: name the role and the company, say something specific "
                       "to them, sum up your fit, give them an easy out and thank them; ask, do not demand, "
                       "and ask nothing confidential (pay, interview questions, who interviews).",
        )


NOT_ENGLISH = Rule(
    code="language.not-english", severity="info", check=_not_english,
    fires=("Hola Sam, vi tu charla sobre Kafka. Estoy postulando al puesto de Data Engineer en Stripe. "
           "¿Estarías dispuesta a recomendarme? Te puedo enviar mi CV. ¡Gracias!",
           "Hi Daniel, saw the SRE opening at Kite Payments (KP-2291). Kya aap mujhe refer kar sakte ho? "
           "Main 4 saal se Maple Systems mein on-call kar rahi hoon. Thank you!"),
    quiet=("Hi Sam, I loved your talk on Kafka. Could you refer me for the Data Engineer role at Stripe?",
           "Hola Sam!", "Skills: Python, Django, React, PostgreSQL, Docker, AWS. Could you refer me?"),
    rationale="Advice on wording it cannot read would be wrong; saying what was checked keeps the rest honest.",
)

RULES = [NOT_ENGLISH]
