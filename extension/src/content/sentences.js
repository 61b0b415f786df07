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

  /**
   * Where Insert puts `sentence` in the draft `text` and what it types there: {at, value}. At the
   * caret when a sentence can start there; with the caret inside a sentence, after the end of that
   * sentence; with no caret, at the end. The sentence ends with punctuation, a space separates it
   * from a closed sentence before it and from text right after it, and after a last line that is
   * not closed ("Best,\nSam") it starts a line of its own rather than run on.
   */
  T.sentenceInsertion = (text, caret, sentence) => {
    let at = Number.isInteger(caret) && caret >= 0 && caret <= text.length ? caret : text.replace(/\s+$/, "").length;
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
