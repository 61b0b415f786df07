"""The coach: etiquette rules over a draft and its context, producing Feedback."""

from companion.coach.engine import CoachContext, analyze

__all__ = ["CoachContext", "analyze"]
