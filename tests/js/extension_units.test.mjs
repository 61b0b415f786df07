// The extension's pure modules under Node's own test runner (`node --test tests/js/`): per-tab
// state, command frames, the server proof and the panel's render helpers, without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import { buildCommand } from "../../extension/src/background/companion.js";
import { fromB64url, toB64url, verifyServerProof } from "../../extension/src/background/proof.js";
import { TabState } from "../../extension/src/background/tabs.js";
import { CardOrders, PendingSwitch, cardTitle, cardsOf, copyableSentence, shortDate } from "../../extension/src/panel/render.js";
import "../../extension/src/content/sentences.js"; // content scripts: they fill globalThis.__tactful
import "../../extension/src/content/composer.js";

const T = globalThis.__tactful;

const draft = (v, id = "a") => ({ surface: "message", text: "x", version: v, draft_id: id });
const fb = (v) => ({ version: v, score: v, findings: [], checklist: [], hints: [], limits: {} });

test("stale feedback is dropped", () => {
  const t = new TabState(1);
  t.setDraft(draft(3));
  assert.equal(t.acceptFeedback("a", fb(3)), true); // current: shown
  assert.equal(t.acceptFeedback("a", fb(2)), false); // older than shown: dropped
  t.setDraft(draft(5));
  assert.equal(t.acceptFeedback("a", fb(4)), true); // newer than shown, older than typed: shown
  assert.equal(t.acceptFeedback("b", fb(9)), false); // another composer's draft: dropped
  t.setDraft(draft(1, "b")); // a new composer resets what was shown
  assert.equal(t.feedback, null);
  t.navigate("https://www.linkedin.com/in/x/", "profile");
  assert.equal(t.draft, null);
  assert.equal(t.page, null);
  assert.equal(t.html, null);
});

test("commands carry only schema fields", () => {
  const ok = buildCommand("draft", 7, { surface: "message", text: "hi", version: 2, draft_id: "d",
                                        limit: null, extra: "dropped", pageKind: "profile" });
  assert.deepEqual(ok, { type: "draft", id: 7, surface: "message", text: "hi", version: 2, draft_id: "d" });
  assert.throws(() => buildCommand("draft", 8, { surface: "message" }), /needs/);
  assert.throws(() => buildCommand("nope", 9, {}), /unknown command/);
});

test("the documented server proof verifies, and a changed port or token does not", async () => {
  // docs/protocol.md's auth_begin / auth_challenge example.
  const example = { token: "q3V9l2n0y2mQeE8o0c5JpW7xK1sR4tU6vY8zA0bC2dE", salt: "ABEiM0RVZneImaq7zN3u_w",
                    nonce: "AAECAwQFBgcICQoLDA0ODw", port: 8765, proof: "fdIAz2RQxwaAlW99TD7DNwBQ2QAyRWpmvwyowMTU8Bc" };
  assert.equal(await verifyServerProof(example), true);
  assert.equal(await verifyServerProof({ ...example, port: 8766 }), false);
  assert.equal(await verifyServerProof({ ...example, token: example.token + "x" }), false);
  assert.equal(await verifyServerProof({ ...example, proof: "not base64url!" }), false);
  assert.equal(toB64url(fromB64url(example.salt)), example.salt);
});

test("the sentence to paste is the fix, else a quoted example in the suggestion", () => {
  assert.equal(copyableSentence({ fix: { replacement: "Thanks, Sam." }, suggestion: 'e.g. "Ignored here."' }),
               "Thanks, Sam.");
  assert.equal(copyableSentence({ suggestion: "Close warmly, e.g. \u201cThank you for considering it.\u201d" }),
               "Thank you for considering it.");
  assert.equal(copyableSentence({ suggestion: 'Too short: "Hi."' }), null); // under 8 characters
  assert.equal(copyableSentence({ suggestion: "Say why them." }), null);
  // A sentence ends with punctuation; a fragment to adapt is not offered as one.
  assert.equal(copyableSentence({ suggestion: 'Offer it, e.g. "Happy to send my resume" or a link.' }),
               "Happy to send my resume.");
  assert.equal(copyableSentence({ suggestion: 'Ask, e.g. "Would you be open to it?"' }), "Would you be open to it?");
  assert.equal(copyableSentence({ suggestion: 'Name it (e.g. "the Senior Backend Engineer role, job ID 12345").' }),
               null);
  // A template with placeholders to fill is advice, not a sentence to paste.
  const template = 'Name it, e.g. "I\'m applying for the [role title] role (job ID [number])."';
  assert.equal(copyableSentence({ suggestion: template }),
               null);
});

/** The draft after Insert: `text` with `sentence` inserted for a caret at `caret` ("|" marks it). */
function inserted(marked, sentence) {
  const caret = marked.indexOf("|");
  const text = caret < 0 ? marked : marked.replace("|", "");
  const { at, value } = T.sentenceInsertion(text, caret < 0 ? null : caret, sentence);
  return text.slice(0, at) + value + text.slice(at);
}

test("Insert puts a whole sentence where a sentence can start", () => {
  const hint = "We're both connected with Tamsin Tolliver.";
  // The caret inside a sentence (here right after an Apply): after the end of that sentence.
  assert.equal(inserted("I saw the opening at Tata Consultancy Services| (job 48213). I have 5 years.", hint),
               `I saw the opening at Tata Consultancy Services (job 48213). ${hint} I have 5 years.`);
  assert.equal(inserted("Could you ref|er me? Thanks!", hint), `Could you refer me? ${hint} Thanks!`);
  // Where a sentence can start, the caret stays: after a closed sentence (spaces aside), at a line's start.
  assert.equal(inserted("Could you refer me?| Thanks!", hint), `Could you refer me? ${hint} Thanks!`);
  assert.equal(inserted("Could you refer me? |Thanks!", hint), `Could you refer me? ${hint} Thanks!`);
  assert.equal(inserted("Hi Lee,\n|I saw your talk.", hint), `Hi Lee,\n${hint} I saw your talk.`);
  assert.equal(inserted("|Hi Lee.", hint), `${hint} Hi Lee.`);
  // A line that is not closed ("Hi Lee,") ends at its line break; "3.5" and "example.com" close nothing.
  assert.equal(inserted("Hi L|ee,\nI saw your talk.", hint), `Hi Lee,\n${hint} I saw your talk.`);
  assert.equal(inserted("I have 3.|5 years. See example.com/cv now.", hint),
               `I have 3.5 years. ${hint} See example.com/cv now.`);
  assert.equal(inserted("Ends \"quoted.\"| Next", hint), `Ends "quoted." ${hint} Next`);
  // No caret: at the end. The sentence gets its full stop; an unclosed last line is not run on.
  assert.equal(inserted("Thank you.", "Happy to send my resume"), "Thank you. Happy to send my resume.");
  assert.equal(inserted("Thank you.\n", "Happy to send my resume"), "Thank you. Happy to send my resume.\n");
  assert.equal(inserted("Best,\nSam", hint), `Best,\nSam\n${hint}`);
  assert.equal(inserted("", "Happy to send my resume"), "Happy to send my resume.");
});

test("Insert at the end goes before the closing, which stays last", () => {
  const out = "No worries at all if not";
  assert.equal(inserted("Could you refer me? Thanks!", out), "Could you refer me? No worries at all if not. Thanks!");
  assert.equal(inserted("Could you refer me? Thanks!|", out), "Could you refer me? No worries at all if not. Thanks!");
  assert.equal(inserted("Totally understand. Good luck with the launch!", "I know your time is limited"),
               "Totally understand. I know your time is limited. Good luck with the launch!");
  assert.equal(inserted("Hi Dana,\n\nCould you refer me?\n\nThanks,\nSam", out),
               "Hi Dana,\n\nCould you refer me? No worries at all if not.\n\nThanks,\nSam");
  assert.equal(inserted("Hi Dana,\nCould you refer me?\nBest regards,\nSam Lee\nData Analyst", out),
               "Hi Dana,\nCould you refer me? No worries at all if not.\nBest regards,\nSam Lee\nData Analyst");
  // The body's last line not closed: a line of its own, right above the closing.
  assert.equal(inserted("Hi Dana, could you refer me\nThanks,\nSam", out),
               "Hi Dana, could you refer me\nNo worries at all if not.\nThanks,\nSam");
  // The caret elsewhere is the user's choice; a closing alone, or a long last sentence, is not one to move past.
  assert.equal(inserted("Could you refer me?| Thanks!", out), "Could you refer me? No worries at all if not. Thanks!");
  assert.equal(inserted("Thanks,\nSam", out), "Thanks,\nSam\nNo worries at all if not.");
  assert.equal(inserted("Could you refer me? Thanks for considering me for the Data Analyst role at Stripe.", out),
               "Could you refer me? Thanks for considering me for the Data Analyst role at Stripe. "
               + "No worries at all if not.");
});

test("an edit that would go over the box's limit does not fit, one that shortens always does", () => {
  // The audit's note: 197 of 200 characters, and an Apply that adds 10.
  assert.equal(T.noRoom("connection_note", 197, 10, 200),
               "Does not fit: 7 characters over the note's limit of 200. "
               + "Shorten your text first, or adapt it by hand.");
  assert.match(T.noRoom("inmail", 1999, 2, 2000), /^Does not fit: 1 character over the InMail's limit of 2000\./);
  assert.equal(T.noRoom("connection_note", 190, 10, 200), null); // exactly full fits
  assert.equal(T.noRoom("message", 8100, -5, 8000), null); // shortening a draft already over the limit
  assert.equal(T.noRoom("message", 8100, 5, null), null); // no limit declared: nothing to check
});

test("dates read as the findings write them: 5 Dec, with the year only when it is another", () => {
  const now = new Date(2026, 11, 5, 9, 30).getTime();
  assert.equal(shortDate(new Date(2026, 11, 5, 23, 59).getTime(), now), "5 Dec");
  assert.equal(shortDate(new Date(2026, 11, 12).toISOString(), now), "12 Dec"); // the companion's ISO strings
  assert.equal(shortDate(new Date(2025, 10, 28).getTime(), now), "28 Nov 2025");
  assert.equal(shortDate(new Date(2027, 0, 2).getTime(), now), "2 Jan 2027");
  assert.equal(shortDate("not a date", now), "");
});

test("a draft to someone other than the page's person does not show that person", () => {
  const t = new TabState(1);
  t.page = { profile: { slug: "lee-park", name: "Lee Park", current_company: "Nimbus Labs" } };
  t.outreach = { recipient: { slug: "lee-park" }, state: "asked" };
  t.setDraft({ ...draft(1), recipient: "Lee-Park" }); // the same person (slugs compare without case)
  assert.equal(t.view().recipient.name, "Lee Park");
  assert.equal(t.view().outreach.state, "asked");
  t.setDraft({ ...draft(2), recipient: "dana-whitfield", recipientName: "Dana Whitfield" }); // a bubble left open
  assert.deepEqual(t.view().recipient, { slug: "dana-whitfield", name: "Dana Whitfield" });
  assert.equal(t.view().outreach, null); // Lee's ask is not this draft's
  t.setDraft({ ...draft(3), recipient: "dana-whitfield", recipientName: null });
  assert.equal(t.view().recipient, null); // nobody rather than the wrong person
  t.setDraft({ ...draft(4), recipient: null }); // no composer link: the page's person
  assert.equal(t.view().recipient.name, "Lee Park");
  // A bubble's link with the member id, on the same person's profile (tests/fixtures/linkedin/
  // sdui_profile_message_overlay.html): the same name, so the page's person with all they know.
  t.setDraft({ ...draft(5), recipient: "ACoAAFake08", recipientName: "Lee  Park" });
  assert.equal(t.view().recipient.current_company, "Nimbus Labs");
  assert.equal(t.view().outreach.state, "asked");
});

test("on a page that names nobody, the draft's recipient is the one shown", () => {
  const t = new TabState(1);
  t.page = { kind: "other", profile: null }; // search results: an invitation dialog over them
  t.setDraft({ ...draft(1), recipient: "sam-ortiz-4b2", recipientName: "Sam Ortiz" });
  assert.deepEqual(t.view().recipient, { slug: "sam-ortiz-4b2", name: "Sam Ortiz" });
  t.setDraft({ ...draft(2), recipient: null });
  assert.equal(t.view().recipient, null);
});

test("a card that goes and comes back takes its old place, and each draft keeps its own order", () => {
  const orders = new CardOrders();
  const thread = "7:x:message:1";
  assert.deepEqual(orders.order(thread, "should", ["thanks", "out", "soon"]), ["thanks", "out", "soon"]);
  assert.deepEqual(orders.order(thread, "should", ["thanks", "soon"]), ["thanks", "soon"]); // rule switched off
  assert.deepEqual(orders.order(thread, "should", ["out", "thanks", "soon", "new"]), ["thanks", "out", "soon", "new"]);
  // Another tab's draft is not ordered by this one's history.
  assert.deepEqual(orders.order("8:y:connection_note:1", "should", ["role", "out"]), ["role", "out"]);
  assert.deepEqual(orders.order(thread, "should", ["soon", "out"]), ["out", "soon"]);
});

test("a send drops the sent draft's feedback until the next draft, and a new page forgets it", () => {
  const t = new TabState(1);
  t.setDraft({ ...draft(1), text: "Could you refer me?" });
  t.acceptFeedback("a", fb(1));
  const sent = t.markSent("Dana Whitfield");
  assert.equal(t.view().draft, null);
  assert.equal(t.view().feedback, null);
  assert.deepEqual(t.view().sent, { name: "Dana Whitfield", logged: null, error: null });
  assert.equal(t.acceptFeedback("a", fb(2)), false); // a late answer for the sent text is dropped
  sent.logged = true;
  t.setDraft({ ...draft(3), text: "" }); // the emptied box: still acknowledged
  assert.equal(t.view().sent.logged, true);
  t.setDraft({ ...draft(4), text: "Hi" }); // the next message
  assert.equal(t.view().sent, null);
  t.markSent(null);
  t.navigate("https://www.linkedin.com/in/x/", "profile");
  assert.equal(t.view().sent, null);
});

test("one point, one card: a checklist item's findings, the tone findings, one rule's repeats", () => {
  const f = (code, severity, data) => ({ code, severity, message: code, data });
  const cards = cardsOf([
    f("template.placeholder", "error"), f("template.placeholder", "error"),
    f("ask.role-missing", "warning"), f("ask.company-missing", "warning"), f("ask.vague", "warning"),
    f("tone.demanding", "error"), f("tone.impolite", "warning"),
    f("courtesy.out-missing", "warning"),
    f("length.too-short", "info", { item: "specific" }), f("length.too-short", "info"),
    f("courtesy.time-missing", "info"),
  ]);
  const summary = cards.map((c) => [c.key, c.findings.length, c.severity, c.merged]);
  assert.deepEqual(summary, [
    ["template.placeholder", 2, "error", true],
    ["specific", 4, "warning", true], // the short draft that names no role joins the role's card
    ["polite", 2, "error", true],
    ["out", 1, "warning", false],
    ["length.too-short", 1, "info", false], // too short for another reason: its own card
    ["time", 1, "info", false],
  ]);
});

test("a merged card is headed by its point, and on a reminder the role and company point by what it follows up on", () => {
  const f = (code) => ({ code, severity: "warning", message: code });
  const [specific, place] = cardsOf([f("followup.no-context"), f("fact.company-mismatch"),
    f("template.placeholder"), f("template.placeholder")]);
  assert.equal(cardTitle(specific, false), "Role and company");
  assert.equal(cardTitle(specific, true), "What it follows up on");
  assert.equal(cardTitle(place, true), "Placeholders");
});

test("a first-message ask on words another card is about joins that card", () => {
  const at = (code, severity, start, end) => ({ code, severity, message: code, range: { start, end } });
  const cards = cardsOf([
    at("tone.demanding", "error", 7, 15), at("ask.vague", "warning", 40, 52),
    at("relationship.cold-ask", "info", 14, 22), at("relationship.cold-ask", "info", 41, 50),
    at("relationship.cold-ask", "info", 70, 80),
  ]);
  assert.deepEqual(cards.map((c) => [c.key, c.findings.map((f) => f.code)]), [
    ["polite", ["tone.demanding", "relationship.cold-ask"]],
    ["specific", ["ask.vague", "relationship.cold-ask"]],
    ["relationship.cold-ask", ["relationship.cold-ask"]], // on words nothing else is about: its own card
  ]);
});

test("the pause switch keeps the user's setting until the worker's state agrees", () => {
  const sw = new PendingSwitch();
  assert.equal(sw.shown(false), false); // nothing set: the worker decides
  sw.set(true);
  assert.equal(sw.shown(false), true); // a state sent before the worker saw the click
  assert.equal(sw.shown(true), true); // the worker agrees: nothing pending any more
  assert.equal(sw.shown(false), false); // a later change elsewhere (tray, another window) shows
  sw.set(false);
  sw.reset(); // the worker restarted
  assert.equal(sw.shown(true), true);
});
