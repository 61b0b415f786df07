"""Experience and Education entries from the ordered text fields of one entry, for both builds.

Fields are placed by position around the one field that is a date range (dates.is_date_range), so
no label text such as "Full-time" or "Present" is needed (docs/pages.md).
"""

import re
from dataclasses import dataclass, field

from protocol.page import Education, Experience, Profile, Role

from companion.pages.dates import is_date_range, parse_range

_SEP = " · "


@dataclass
class RawEntry:
    fields: list[str]  # non-empty texts, in page order
    link: str | None = None  # /company/… or /school/… href, when the entry links one
    roles: list[list[str]] = field(default_factory=list)  # grouped roles' fields, each list non-empty


def _date_index(fields: list[str]) -> int | None:
    return next((i for i, text in enumerate(fields) if is_date_range(text)), None)


def _second_field(fields: list[str], dates_at: int | None) -> str | None:
    """The field after the name (company of a role, degree of a school), when it comes before the dates."""
    return fields[1] if len(fields) >= 2 and (dates_at is None or dates_at >= 2) else None


def _first_part(text: str | None) -> str | None:
    return (text.split(_SEP)[0].strip() or None) if text else None


def _role(fields: list[str]) -> Role:
    """A role from [title, (company · type | type), dates, location, ...]."""
    i = _date_index(fields)
    role = Role(title=fields[0] if i != 0 else None)
    if i is not None:
        role.dates, role.start, role.end, role.current = parse_range(fields[i])
        after = fields[i + 1] if i + 1 < len(fields) else None
        if after and not is_date_range(after) and len(after) <= 120:
            role.location = _first_part(after)
    return role


def experience(raw: RawEntry) -> Experience | None:
    """One employer: a single role, or several roles grouped under the company."""
    if raw.roles:
        company = _first_part(raw.fields[0]) if raw.fields else None
        return Experience(company=company, company_url=raw.link, roles=[_role(f) for f in raw.roles])
    if not raw.fields:
        return None
    company = _first_part(_second_field(raw.fields, _date_index(raw.fields)))
    return Experience(company=company, company_url=raw.link, roles=[_role(raw.fields)])


def education(raw: RawEntry) -> Education | None:
    fields = raw.fields
    if not fields:
        return None
    i = _date_index(fields)
    edu = Education(school=fields[0] if i != 0 else None, school_url=raw.link, degree=_second_field(fields, i))
    if i is not None:
        edu.dates, edu.start, edu.end, _ = parse_range(fields[i])
    return edu


def read_sections(profile: Profile, experience_node, education_node, read) -> None:
    """Experience and education from their section nodes (None: not on the page), whose entries
    `read(node)` lists as RawEntry."""
    if experience_node is not None:
        profile.experience = [e for e in map(experience, read(experience_node)) if e is not None]
    if education_node is not None:
        profile.education = [e for e in map(education, read(education_node)) if e is not None]


# "Engineering Manager at Nimbus Labs | Platform teams": the name after " at " or " @ ". Not where
# they will be, were, or study: "Incoming intern at", "Former PM at", "Student at".
_HEADLINE_AT = re.compile(r"(?:^|\s)(?:at|@)\s+([A-Z0-9][^|·•,;()]*?)\s*(?:[|·•,;(]|$)")
_NOT_THERE_NOW = re.compile(r"(?i)\b(?:incoming|future|former|formerly|ex|previously|student|studying|aspiring|"
                            r"seeking|looking|open to|intern(?:ing)? candidate)\b")


def fill_current(profile: Profile, line_parts: list[str]) -> None:
    """Current title/company: an ongoing role when Experience is loaded; else the top card line;
    else the headline ("… at Company")."""
    if profile.experience is not None:
        current = next(((r.title, e.company) for e in profile.experience for r in e.roles if r.current), None)
        if current:
            profile.current_title, profile.current_company = current
        return
    schools = {e.school for e in profile.education or [] if e.school}
    if len(line_parts) >= 2 or (len(line_parts) == 1 and line_parts[0] not in schools):
        profile.current_company = line_parts[0]
    elif profile.headline and (found := _HEADLINE_AT.search(profile.headline)) \
            and not _NOT_THERE_NOW.search(profile.headline, 0, found.start()):
        profile.current_company = found.group(1)


def is_entry_link(node) -> bool:
    """Whether the element links a company or a school page."""
    href = node.attributes.get("href") or ""
    return "/company/" in href or "/school/" in href


def entry_link(root) -> str | None:
    """The entry's /company/ or /school/ link, absolute, without query or fragment."""
    for a in root.css("a[href]"):
        if is_entry_link(a):
            href = a.attributes["href"].split("?")[0].split("#")[0]
            return "https://www.linkedin.com" + href if href.startswith("/") else href
    return None
