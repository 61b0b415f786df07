// Content script, part 2 of 4 (also loaded by the sidebar): where Insert puts a whole sentence,
// and whether an edit fits the box's own character limit. Pure functions on the draft's text, so
// the sidebar can grey out an edit that would not fit and the content script can refuse it.
(() => {
  const T = (globalThis.__tactful ||= {});
  if (T.sentenceInsertion) return;

  // --- Insert: a whole sentence, where a sentence can start -------------------------------------
  const CLOSED = /[.!?…]["'”’)\]]*$/; // a sentence's closing punctuation, then any closing quotes

  /** The sentence with a full stop when it has no closing punctuation ("Happy to send my resume."). */
  T.finishSentence = (sentence) => {
    const s = sentence.trim();
    return !s || CLOSED.test(s) ? s : `${s}.`;
  };

  /** Whether a sentence can start at `at`: the start of the draft or of a line, or after a closed
   *  one (a space or the end after its punctuation: "3.5" and "example.com" close nothing). */
  function startsSentence(text, at) {
    const before = text.slice(0, at).replace(/[ \t\u00a0]+$/, "");
    if (before === "" || before.endsWith("\n")) return true;
    return CLOSED.test(before) && (before.length < at || at === text.length || /\s/.test(text[at]));
  }

  /** The end of the sentence around `at`: after its closing punctuation (and quotes) where a space
   *  or the end follows; the start of the next line when its line ends unclosed; else the end. */
  function sentenceEnd(text, at) {
    for (let i = at; i < text.length; i += 1) {
      if (text[i] === "\n") return i + 1;
      if (!".!?…".includes(text[i])) continue;
      let j = i + 1;
      while (j < text.length && "\"'”’)]".includes(text[j])) j += 1;
      if (j === text.length || /\s/.test(text[j])) return j;
    }
    return text.length;
  }

  // A closing at the end of the draft: "Thanks!", "Best,\nSam", "Thank you so much,\nSam Lee", "Good luck
  // with the launch!".
  const SIGNOFF = new RegExp("(^|\\n|[.!?…][\"'”’)\\]]*[ \\t]+)((?:thanks|thank you|thx|many thanks|cheers|"
    + "best|regards|kind regards|best regards|warm regards|warmly|sincerely|all the best|good luck|best of luck|"
    + "take care|have a (?:nice|great|good|lovely) (?:day|week|weekend)|god bless)\\b[^\\n]{0,40}"
    + "(?:\\n[^\\n]{1,60}){0,2})\\s*$", "i");

  /** The draft's closing (its thanks and name) when there is body text before it: {start, ownLine}; else null. */
  function signOff(text) {
    const m = SIGNOFF.exec(text);
    if (!m) return null;
    const start = m.index + m[1].length;
    if (!text.slice(0, start).trim()) return null; // the closing is all there is
    return { start, ownLine: m[1] === "\n" };
  }

  /**
   * Where Insert puts `sentence` in the draft `text` and what it types there: {at, value}. At the
   * caret when a sentence can start there; with the caret inside a sentence, after the end of that
   * sentence; with no caret, or the caret at the end, at the end of the body: before a closing
   * ("Thanks!", "Best,\nSam"), which stays last. The sentence ends with punctuation, a space
   * separates it from a closed sentence before it and from text right after it, and after a line
   * that is not closed it starts a line of its own rather than run on.
   */
  T.sentenceInsertion = (text, caret, sentence) => {
    const end = text.replace(/\s+$/, "").length;
    let at = Number.isInteger(caret) && caret >= 0 && caret <= text.length ? caret : end;
    const closing = at >= end ? signOff(text) : null;
    if (closing && !closing.ownLine) at = closing.start; // "Could you refer me? Thanks!": before "Thanks!"
    else if (closing) {
      const body = text.slice(0, closing.start).replace(/\s+$/, "");
      // The body's last sentence, closed: the new one follows it, before the blank lines; not closed
      // ("could you refer me"): it takes a line of its own, right above the closing.
      if (!CLOSED.test(body)) return { at: closing.start, value: `${T.finishSentence(sentence)}\n` };
      at = body.length;
    }
    if (!startsSentence(text, at)) at = sentenceEnd(text, at);
    const before = text.slice(0, at).replace(/[ \t\u00a0]+$/, "");
    let value = T.finishSentence(sentence);
    if (before !== "" && !before.endsWith("\n")) {
      if (!CLOSED.test(before)) value = `\n${value}`;
      else if (!/\s$/.test(text.slice(0, at))) value = ` ${value}`;
    }
    if (/^\S/.test(text.slice(at))) value = `${value} `;
    return { at, value };
  };

  // --- the box's limit: an edit never leaves half a sentence ------------------------------------
  // A field with maxlength keeps only what fits, cutting an Apply or Insert in the middle; a box
  // with a counter refuses to send. So an edit that would go over the limit is not made.
  const NOUNS = { connection_note: "note", inmail: "InMail", message: "message", follow_up: "message" };

  /** Why an edit adding `grow` characters to a draft of `length` does not fit the box's `limit`
   *  (null: it fits). One that shortens the draft always fits, even a draft already over. */
  T.noRoom = (surface, length, grow, limit) => {
    if (!(limit > 0) || grow <= 0 || length + grow <= limit) return null;
    const over = length + grow - limit;
    return `Does not fit: ${over} character${over === 1 ? "" : "s"} over the ${NOUNS[surface] || "box"}'s limit `
      + `of ${limit}. Shorten your text first, or adapt it by hand.`;
  };
})();
