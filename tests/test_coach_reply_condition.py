"""reply.their-condition: a reply that asks to go further past what their last message said they need first."""

import pytest

from protocol.page import Thread, ThreadMessage

from companion.coach import CoachContext, analyze

REGISTRATION = ("Hi Ana, thanks for your message. Before anything, do you have your nursing registration yet? We "
                "can't progress international applicants without it.")
CALL_FIRST = ("Hi Ana, happy to tell you more about the team first. Are you free for a call Tuesday at 10 or "
              "Wednesday at 2?")
APPLY_FIRST = "Hi Ana, I can only refer people once they've applied, so please apply through the portal first."
NEEDS = "Thanks Ana. Just so you know, this post needs a Level 3 water treatment certificate and an on-call rota."
AFTER_APPLYING = "Sure! Which role is it, and can you send me the job ID once you've applied?"


def condition(theirs, reply):
    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Sam, I'm an ICU nurse moving to Dublin. Could you "
                                                              "tell me about the team?"),
                              ThreadMessage(sender="them", text=theirs)])
    fb = analyze(reply, CoachContext(surface="message", thread=thread, recipient_name="Sam Lee", company="Mercy Bay"))
    return [f for f in fb.findings if f.code == "reply.their-condition"]


@pytest.mark.parametrize("theirs, reply, quoted", [
    (REGISTRATION, "Thank you! My registration is in process, they say 8 weeks more. Can you please send my CV to the "
                   "ICU manager so they know me?", "without it"),
    (CALL_FIRST, "Thank you. Please find my CV attached and kindly forward it to the hiring manager.", "first"),
    (APPLY_FIRST, "Thanks Sam! Could you refer me for the Staff Nurse role, job ID 4471? My CV is attached.",
     "apply through the portal first"),
    (AFTER_APPLYING, "It's the Staff Nurse role. I haven't applied yet, I was hoping you could refer me first.",
     "once you've applied"),
    (NEEDS, "Thanks Sam, that sounds great. I'm happy with the on-call rota. I'll apply this week.", "does not say"),
    (NEEDS, "I'm sitting the Level 3 certificate in January, but I'm sure that won't matter.", "waves it away"),
])
def test_a_reply_that_asks_past_their_condition_is_told_so(theirs, reply, quoted):
    [f] = condition(theirs, reply)
    assert f.severity == "warning" and quoted in f.message


@pytest.mark.parametrize("theirs, reply", [
    # The requirement met, or the ask kept for when it is.
    (REGISTRATION, "Yes, I have my registration since October (PIN 123456). Could you send my CV to the ICU manager?"),
    (REGISTRATION, "Not yet: it is in process, about 8 weeks more. Once it comes through, could you pass my CV on to "
                   "the ICU manager?"),
    (REGISTRATION, "Not yet, it is in process. I will write again when I have it. Thank you for telling me!"),
    # The step taken up.
    (CALL_FIRST, "Thank you! Tuesday at 10 works well. If it makes sense after, could you forward my CV to the "
                 "hiring manager?"),
    (APPLY_FIRST, "Thanks Sam! I've applied for the Staff Nurse role (job ID 4471). Could you refer me for it?"),
    (AFTER_APPLYING, "It's the Staff Nurse role, job ID 4471: I applied yesterday. My CV is attached."),
    # The requirement met, or where the writer stands said plainly.
    (NEEDS, "Thanks! I hold the Level 3 water treatment certificate (2023) and I'm fine with the rota."),
    (NEEDS, "Thanks! I'm sitting the Level 3 certificate in January. Would that timing work?"),
    # A requirement inside a no is not one to meet.
    ("Sorry, we can't sponsor visas this cycle, and the role needs someone on-site from January.",
     "Thank you for letting me know, Sam. I completely understand."),
])
def test_a_reply_that_meets_the_condition_or_waits_for_it_is_not(theirs, reply):
    assert condition(theirs, reply) == []
