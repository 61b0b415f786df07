// Per-tab knowledge of the worker: what the sensor last reported (URL, snapshot, draft), what the
// companion answered (parsed page, feedback), and the view of it a sidebar renders.

export class TabState {
  constructor(tabId) {
    this.tabId = tabId;
    this.url = null;
    this.instance = null; // the content script's id for the document it runs in
    this.pageKind = "other";
    this.html = null; // the latest trimmed snapshot, kept to resend after a reconnect
    this.capturedAt = null;
    this.pageSeq = 0;
    this.page = null; // PageResult from the companion
    this.pageStatus = "none"; // none | pending | ok | error
    this.pageError = null;
    this.contextReady = null; // Promise of the last `page` command on this connection
    this.draft = null; // {surface, text, version, draft_id, subject, limit, recipient, recipientName}
    this.feedback = null; // Feedback for draft.draft_id, the newest version answered
    this.feedbackAt = null; // when it arrived (ms since the epoch), for "not updated since"
    this.feedbackError = null;
    this.outreach = null; // OutreachEntry for the recipient, when the companion has one
    this.sent = null; // {name, logged: null | true | false, error}: the last send, until a new draft
    this.lastActivity = Date.now();
  }

  /** The page changed under the tab (new URL): forget everything about the old one. */
  navigate(url, pageKind) {
    this.url = url;
    this.pageKind = pageKind;
    this.html = null;
    this.page = null;
    this.pageStatus = "none";
    this.pageError = null;
    this.pageSeq += 1;
    this.contextReady = null;
    this.draft = null;
    this.feedback = null;
    this.feedbackError = null;
    this.outreach = null;
    this.sent = null;
  }

  /** Accepts a draft; a different draft_id (another composer) drops the old feedback. */
  setDraft(draft) {
    if (!this.draft || this.draft.draft_id !== draft.draft_id) {
      this.feedback = null;
      this.feedbackError = null;
    }
    this.draft = draft;
    if (draft.text.trim()) this.sent = null;
    this.lastActivity = Date.now();
  }

  /** The user sent the draft to `name`: the box is empty now, so its feedback goes; the sidebar
   *  acknowledges the send (logged or not, filled in by the caller) until a new draft. */
  markSent(name) {
    this.draft = null;
    this.feedback = null;
    this.feedbackError = null;
    this.sent = { name: name || null, logged: null, error: null };
    return this.sent;
  }

  /** True when feedback answers the current draft and is not older than what is shown. */
  acceptFeedback(draftId, feedback) {
    if (!this.draft || this.draft.draft_id !== draftId) return false;
    if (typeof feedback?.version !== "number") return false;
    if (this.feedback && feedback.version < this.feedback.version) return false;
    this.feedback = feedback;
    this.feedbackAt = Date.now();
    this.feedbackError = null;
    return true;
  }

  /** The recipient as far as we know it: the parsed profile, else the thread's participant. */
  recipient() {
    const page = this.page;
    return page?.profile || page?.thread?.participant || null;
  }

  /** Whether `slug` (with `name`, from a composer's profile link) is the page's person; true when
   *  there is nothing to compare. The same person can have two slugs: a message bubble's link often
   *  carries the member id (/in/ACoAA…/) where the page has the vanity one, so the same name counts. */
  isPagePerson(slug, name) {
    const page = this.recipient();
    if (!slug || !page?.slug || slug.toLowerCase() === page.slug.toLowerCase()) return true;
    const norm = (s) => String(s || "").replace(/\s+/g, " ").trim().toLowerCase();
    return Boolean(norm(name) && norm(name) === norm(page.name));
  }

  /** True when the draft goes to someone other than the page's person: a message bubble left open
   *  while LinkedIn navigated in-page to another profile. */
  writesToAnother() {
    return !this.isPagePerson(this.draft?.recipient, this.draft?.recipientName);
  }

  /** The person the sidebar names: the page's, unless the draft goes to another or the page names
   *  nobody (an invitation from search results); then the composer's, by the name on its profile
   *  link, or nobody. */
  shownRecipient() {
    const page = this.recipient();
    if (page && !this.writesToAnother()) return page;
    const d = this.draft;
    return d?.recipientName ? { slug: d.recipient, name: d.recipientName } : null;
  }

  /** What a sidebar needs (the draft text, to show what triggered a finding); never the page HTML. */
  view() {
    const d = this.draft;
    return {
      tabId: this.tabId,
      url: this.url,
      pageKind: this.pageKind,
      pageStatus: this.pageStatus,
      pageError: this.pageError,
      kind: this.page?.kind || null,
      recipient: this.shownRecipient(),
      composer: this.page?.composer || null,
      draft: d ? { surface: d.surface, version: d.version, draftId: d.draft_id, limit: d.limit ?? null,
        text: d.text, empty: d.text.trim() === "", cut: d.cut || 0, caret: d.caret ?? null } : null,
      feedback: this.feedback,
      feedbackAt: this.feedbackAt,
      feedbackError: this.feedbackError,
      outreach: this.writesToAnother() ? null : this.outreach, // the page's person's ask, not this draft's
      sent: this.sent,
    };
  }
}
