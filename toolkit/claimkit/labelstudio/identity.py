"""Who did what in a Label Studio export, as pseudonyms (pure).

An export names an annotator in one of three ways: a user record with the e-mail (``completed_by``
expanded, which ``ls pull`` asks the server for), a draft's ``user`` (the e-mail as a string), or
a bare user id (the UI's export). An e-mail is the identity pseudonyms are made from, so the same
person gets the same pseudonym from every server. A bare id means a person on one server only:
its identity is ``label-studio-user:<server id>/<user id>``, which never equals an e-mail's, so
pull and import give the same pseudonym only when the export carries e-mails (docs/labelstudio.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimkit.errors import MISSING_SERVER_ID, ConfigError

__all__ = ["Identities", "label_studio_id", "server_identity"]


def server_identity(url: str) -> str:
    """The identity of a server: its URL without a trailing slash, lowercased."""
    return url.strip().rstrip("/").lower()


def _email(who: Any) -> str | None:
    if isinstance(who, dict):
        email = who.get("email")
        return email if isinstance(email, str) and "@" in email else None
    return who if isinstance(who, str) and "@" in who else None


def label_studio_id(value: Any) -> int | None:
    """A Label Studio id (of a user, task, annotation or draft): a positive integer, else ``None``."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _user_id(who: Any) -> int | None:
    return label_studio_id(who.get("id") if isinstance(who, dict) else who)


@dataclass(frozen=True)
class Identities:
    """Pseudonyms of the people an export names (``pseudonymize`` is the keyed hash)."""

    pseudonymize: Callable[[str], str]
    server_id: str | None = None
    emails: Mapping[int, str] = field(default_factory=dict)

    def identity(self, who: Any) -> str | None:
        """What the pseudonym is made from; ``None`` when only an id is known and no server id."""
        email = _email(who)
        user = _user_id(who)
        if email is None and user is not None:
            email = self.emails.get(user)
        if email is not None:
            return email
        if self.server_id is None:
            return None
        return f"label-studio-user:{server_identity(self.server_id)}/{user if user is not None else who!r}"

    def editor(self, annotation: dict[str, Any]) -> str | None:
        """Who saved an annotation last when it is not its annotator (``updated_by``, a user id): their
        pseudonym, ``"another user"`` when the export cannot say who, ``None`` when it is the annotator."""
        editor, author = label_studio_id(annotation.get("updated_by")), _user_id(annotation.get("completed_by"))
        if editor is None or author is None or editor == author:
            return None
        identity = self.identity(editor)
        return self.pseudonymize(identity) if identity else "another user"

    def needs_server_id(self, who: Any) -> bool:
        return self.identity(who) is None

    def annotator(self, who: Any) -> str:
        """The pseudonym of ``who`` (an annotation's ``completed_by``)."""
        identity = self.identity(who)
        if identity is None:
            raise ConfigError(MISSING_SERVER_ID, f"the export names an annotator by user id only ({_user_id(who)})")
        return self.pseudonymize(identity)

    def draft_author(self, draft: Any) -> str | None:
        """The pseudonym of a draft's author, when the export says who it is."""
        if not isinstance(draft, dict):
            return None
        who = draft.get("user")
        if _email(who) is None:
            who = _created_username(draft.get("created_username"))
        identity = self.identity(who) if who is not None else None
        return self.pseudonymize(identity) if identity else None


def _created_username(value: Any) -> Any:
    """``"First Last a@b.org, 3"`` (Label Studio's ``created_username``): the e-mail, else the id."""
    if not isinstance(value, str) or "," not in value:
        return None
    head, _, tail = value.rpartition(",")
    email = head.split()[-1] if head.split() else ""
    if "@" in email:
        return email
    return int(tail) if tail.strip().isdigit() else None
