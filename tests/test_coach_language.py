"""A draft in another language: the English wording rules stay quiet instead of being wrong, the
coach says what it did not check, and what does not depend on English still runs."""

import json

import pytest

from protocol.page import Experience, Profile, Role

from companion.coach import CoachContext, analyze
from companion.coach.analysis import AnalysedDraft
from companion.coach.registry import RULES
from conftest import SHARED

# Referral requests as people write them in ten languages (made up for this test).
OTHER_LANGUAGES = [
    "Hola Marta, vi tu charla sobre Kafka en Codemotion. Estoy postulando al puesto de Data Engineer en Glovo "
    "(ID 55123). ¿Estarías dispuesta a recomendarme? Te puedo enviar mi CV. ¡Gracias!",
    "Hallo Jonas, ich habe deinen Vortrag auf der PyCon DE gesehen. Ich bewerbe mich gerade auf die Stelle als "
    "Backend Engineer bei Zalando (Job-ID 22871). Würdest du mich eventuell empfehlen? Vielen Dank!",
    "Bonjour Claire, j'ai beaucoup aimé votre article sur le design system de Doctolib. Je postule au poste de "
    "Product Designer (réf. 4412). Accepteriez-vous de me recommander ? Merci beaucoup !",
    "Ciao Marco, ho letto il tuo post su Python per l'analisi dei dati. Mi sto candidando per la posizione di "
    "Data Scientist in Satispay. Saresti disposto a segnalarmi? Grazie mille!",
    "Olá Ana, vi sua palestra sobre acessibilidade no TDC. Estou me candidatando à vaga de Desenvolvedora "
    "Front-end na Nubank. Você poderia me indicar? Posso enviar meu currículo. Muito obrigada!",
    "Hoi Sanne, ik zag je presentatie over data engineering bij Booking. Ik solliciteer op de functie van Data "
    "Engineer (vacature 8812). Zou je me willen aanbevelen? Alvast bedankt!",
    "Halo Budi, saya melihat postingan Anda tentang tim data di Tokopedia. Saya sedang melamar posisi Data "
    "Analyst di sana. Apakah Anda bersedia memberikan referensi untuk saya? Terima kasih banyak!",
    "Hej Erik, jag läste ditt inlägg om plattformsteamet på Spotify. Jag söker tjänsten som Backend-utvecklare. "
    "Skulle du kunna rekommendera mig? Tack så mycket!",
    "Cześć Kasia, widziałem Twój wpis o zespole danych w Allegro. Aplikuję na stanowisko Data Engineer. Czy "
    "mogłabyś mnie polecić? Dziękuję bardzo!",
    "Merhaba Ayşe, Trendyol'daki veri ekibi hakkındaki yazınızı okudum. Veri Analisti pozisyonuna başvuruyorum. "
    "Beni önerebilir misiniz? Çok teşekkürler!",
]
ENGLISH_ONLY = {rule.code for rule in RULES if rule.reads_english}


def test_the_rules_that_read_english_wording_are_the_missing_phrase_ones_and_the_tone_model():
    assert {"ask.role-missing", "background.missing", "courtesy.gratitude-missing", "courtesy.out-missing",
            "courtesy.time-missing", "materials.missing", "personal.generic", "tone.impolite",
            "ask.company-missing"} <= ENGLISH_ONLY
    assert not ENGLISH_ONLY & {"template.placeholder", "fact.name-mismatch", "dup.mass-message", "length.too-long",
                               "followup.too-soon", "tone.demanding"}


@pytest.mark.parametrize("text", OTHER_LANGUAGES, ids=lambda t: t.split()[0])
def test_a_request_in_another_language_gets_no_english_wording_advice(text):
    fb = analyze(text, CoachContext(surface="message"))
    codes = {f.code for f in fb.findings}
    assert "language.not-english" in codes
    assert not codes & ENGLISH_ONLY
    assert "ask.company-missing" not in codes  # no company known: it is found by English cues only
    assert fb.tone is None
    # No checklist item whose rules could not read the draft: a tick there would be a guess.
    assert not [item.id for item in fb.checklist]
    # No score either: 96 for a draft whose wording went unread would read as "good". Nor "too short, no role
    # at a named company": that is read in English too.
    assert fb.score is None and "length.too-short" not in codes


def test_english_requests_and_short_drafts_read_as_english():
    fb = analyze("Hi Sam, could you refer me for the Data Analyst role at Stripe? Thanks!",
                 CoachContext(surface="message"))
    assert "language.not-english" not in {f.code for f in fb.findings} and fb.tone is not None
    assert AnalysedDraft("Hola Sam, ¿qué tal?").english  # under 12 words: too short to tell
    assert AnalysedDraft("Hi Sam, I'd love to join Stripe's Ledger team as a Data Engineer (job ID 51234). "
                         "Kubernetes, Terraform, Kafka, Flink, Spark, dbt, Airflow, Snowflake.").english


def test_checks_that_do_not_read_english_still_run_on_other_languages():
    marta = Profile(name="Marta Gil", current_company="Glovo",
                    experience=[Experience(company="Glovo", roles=[Role(current=True)])])
    base = OTHER_LANGUAGES[0]

    def codes(text, surface="message", **ctx):
        return {f.code for f in analyze(text, CoachContext(surface=surface, **ctx)).findings}

    # Their company is known from the page, but whether a draft that does not name it asks about a role
    # there or at another company ("en Cabify", "una società di consulenza") takes reading the language:
    # "say the role is at Glovo" would rewrite the user's target (audit 10, draft 08).
    assert "ask.company-missing" not in codes(base, profile=marta)
    assert "ask.company-missing" not in codes(base.replace("Glovo", "Cabify"), profile=marta)
    assert "template.placeholder" in codes(base.replace("Marta", "[Nombre]"))
    assert "length.over-limit" in codes(base + " " + base, surface="connection_note")


DEV_SET = SHARED / "data" / "referral-messages" / "referral_dev.jsonl"


@pytest.mark.skipif(not DEV_SET.exists(), reason="the referral dev set is not beside the repository")
def test_every_message_of_the_dev_set_reads_as_english():
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) == 127
    assert [t[:40] for t in texts if not AnalysedDraft(t).english] == []


# English drafts with a sentence or two in the writer's first language (made up for this test).
MIXED = [
    "Hi Daniel, saw the SRE opening at Kite Payments (KP-2291). Kya aap mujhe refer kar sakte ho? Main 4 saal se "
    "Maple Systems mein on-call kar rahi hoon. Resume bhej deti hoon. Koi baat nahi agar possible na ho. Thank you!",
    "Hola Daniel! I saw the Site Reliability Engineer opening at Kite Payments (KP-2291) y me encantaría aplicar. "
    "Trabajé cuatro años en Maple Systems haciendo on-call e incident tooling. ¿Estarías abierto a recomendarme? "
    "Te puedo mandar mi CV. No pasa nada si no puedes. ¡Muchas gracias!",
    # Short Spanish sentences, each with few of the commonest function words ("Espero que estés bien.").
    "Hi Marisol! Espero que estés bien. We were in the same cohort at Laboratoria in 2019. I'm applying for the QA "
    "Automation Engineer role at Pumawasi and I'd love it if you could refer me. Tengo cuatro años con Cypress y "
    "Playwright, and I can send you my CV. Si no puedes, no hay problema. ¡Mil gracias!",
]
ABSENCE = {"ask.role-missing", "background.missing", "courtesy.gratitude-missing", "courtesy.out-missing",
           "courtesy.time-missing", "materials.missing", "personal.generic"}


@pytest.mark.parametrize("text", MIXED, ids=["hinglish", "spanish", "spanish-short-sentences"])
def test_a_draft_partly_in_another_language_is_not_told_what_it_may_say_there(text):
    """The fit, the out or the thanks may be in the sentence Tactful cannot read: no absence is
    reported, the coach says so, and the rules that find things in English still run."""
    draft = AnalysedDraft(text)
    assert draft.english and draft.mixed
    fb = analyze(text, CoachContext(surface="message"))
    codes = {f.code for f in fb.findings}
    assert not codes & ABSENCE
    [note] = [f for f in fb.findings if f.code == "language.not-english"]
    assert note.message.startswith("Part of this draft is in another language")
    assert {item.id for item in fb.checklist} == {"polite"}  # no tick or cross it could only guess
    assert fb.score is not None  # the English part was read and judged
    assert "tone.demanding" in {f.code for f in analyze(text + " Please refer me ASAP.",
                                                        CoachContext(surface="message")).findings}


def test_english_with_a_list_of_skills_or_a_foreign_name_is_not_mixed():
    for text in ("Skills: Python, Django, React, PostgreSQL, Docker, AWS. Could you refer me?",
                 "I studied at Universidad de los Andes and worked at Casa de Papel Studios. Could you refer me?",
                 "Could you refer me? Gracias!", "Thank you for the referral, I'll keep you posted. Muito obrigada!",
                 "Could you refer me for the Data Analyst role? Vielen herzlichen Dank!",
                 "I was in Y Combinator's S21 batch and then at Del Monte Foods. Could you refer me?"):
        assert not AnalysedDraft(text).mixed, text
    codes = {f.code for f in analyze("Skills: Python, Django, React, PostgreSQL, Docker, AWS. Could you refer me?",
                                     CoachContext(surface="message")).findings}
    assert {"background.missing", "courtesy.gratitude-missing"} <= codes


@pytest.mark.parametrize("text, sentences", [
    # Abbreviations, initials, decimals and domains end no sentence.
    ("Hi Dr. Lee, I met Prof. Poelman at Ghent. Could you help?",
     ["Hi Dr. Lee, I met Prof. Poelman at Ghent.", " Could you help?"]),
    ("I spoke with Abhijit V. last week, e.g. about 3.5 years at stripe.com. Thanks!",
     ["I spoke with Abhijit V. last week, e.g. about 3.5 years at stripe.com.", " Thanks!"]),
    # An ellipsis ends none: the condition governs the request after it.
    ("if you see this... I'm looking... pls refer me", ["if you see this... I'm looking... pls refer me"]),
    # A line break ends one, unless a hand-wrapped paragraph goes on in lower case.
    ("Skills:\n- Python\nwrapped by\nhand. \"Done?\" Yes", ["Skills:\n", "- Python\nwrapped by\nhand.", " \"Done?\"",
                                                          " Yes"]),
])
def test_sentences_end_where_a_reader_would_end_them(text, sentences):
    ends = AnalysedDraft(text).sentence_ends
    assert [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)]) if a < b] == sentences


def test_a_question_is_read_to_its_real_end():
    draft = AnalysedDraft("Could you ask Dr. Mei what she thought? I can wait.")
    assert draft.ends_in_question(0)
    assert draft.sentence_start(draft.text.index("what")) == 0
    assert not draft.ends_in_question(draft.text.index("I can"))


def test_a_greeting_and_a_sign_off_in_the_writer_s_language_leave_an_english_draft_english():
    from companion.coach.analysis import AnalysedDraft

    body = ("My name is Daniela and I have cooked for ten years. I saw you are recruiting a Sous Chef for the "
            "winter season. Would you consider me? Thank you for your time.")
    assert not AnalysedDraft(f"Bonjour Chef Marchand,\n\n{body}\n\nBien à vous,\nDaniela Ruiz").mixed
    assert not AnalysedDraft(f"Hi Beatriz,\n\n{body}\n\nObrigado pelo seu tempo,\nRafael").mixed
    assert AnalysedDraft(f"Hi Priya,\n{body}\nMain 4 saal se Maple Systems mein on-call kar rahi hoon.\n"
                         "Would you refer me?").mixed


def test_any_opens_a_question_only_in_its_own_clause():
    """"Any openings at Stripe" asks without its "?"; in "any role is fine mam, pls refer me asap" the order comes
    after the comma, and it is an order."""
    from companion.coach.language import mood

    order = AnalysedDraft("any role is fine mam, pls refer me asap.")
    assert mood(order, order.lower.index("refer")) == "imperative"
    question = AnalysedDraft("Any chance you could refer me for the Data Analyst role.")
    assert mood(question, question.lower.index("refer")) != "imperative"
    codes = [f.code for f in analyze(order.text, CoachContext(surface="message")).findings]
    assert codes.count("tone.demanding") == 2  # "refer me" and "asap"
