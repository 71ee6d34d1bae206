"""Units registered for a plan's scheme, their outcome, their yearly rating and the documents
their recognition dossier needs: the rules, as data and small functions. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from campaign.catalogs import Said, said, text
from campaign.localized import Language
from campaign.plans import DossierItemSpec
from campaign.recognition import LEVELS, is_level

OUTCOMES = ("pending", "achieved", "not_achieved", "withdrawn")
DECIDED = ("achieved", "not_achieved")

# The classification of the movement (QĐ 510/QĐ-BCA-V05), best first; a scheme is data so that
# a province's own classification can be added beside it.
RATING_SCHEMES: dict[str, tuple[str, ...]] = {
    "phan-loai-510": ("xuat-sac", "kha", "trung-binh", "yeu"),
}

DOSSIER_STATUSES = ("missing", "uploaded", "accepted", "returned")
# Documents the catalogs name (a plan may name others in its file).
KNOWN_ITEMS = ("to-trinh", "bao-cao-ket-qua", "bien-ban-hop")


def outcome_problem(current: str, new: str) -> Said | None:
    """Why a registration cannot go from `current` to `new` (None: it can). A pending one is
    decided or withdrawn; a decided one may be corrected to the other decision (audited); a
    withdrawn one stays withdrawn."""
    if new not in OUTCOMES or new == "pending":
        return said("registration_outcome_unknown", outcome=new)
    if current == "withdrawn":
        return said("registration_withdrawn_already")
    if current in DECIDED and new == "withdrawn":
        return said("registration_decided_already")
    if current == new:
        return said("registration_outcome_same")
    return None


DECISION_NO_MAX = 64  # registrations.decision_no, commendations.decision_no


def decision_problem(level: str | None, decision_no: str | None) -> Said | None:
    """A recognition's level must be one of `campaign.recognition.LEVELS`; its decision number
    fits its column."""
    if level is not None and not is_level(level):
        return said("registration_level_unknown", level=level, known=", ".join(LEVELS))
    if decision_no is not None and len(decision_no) > DECISION_NO_MAX:
        return said("registration_decision_too_long", limit=DECISION_NO_MAX)
    return None


def rating_problem(scheme: str, rating: str) -> Said | None:
    ratings = RATING_SCHEMES.get(scheme)
    if ratings is None:
        return said("rating_scheme_unknown", scheme=scheme, known=", ".join(RATING_SCHEMES))
    if rating not in ratings:
        return said("rating_unknown", rating=rating, known=", ".join(ratings))
    return None


def rating_label(rating: str, lang: Language) -> str:
    return text("rating_label", lang, rating=rating)


def outcome_label(outcome: str, lang: Language) -> str:
    return text("registration_outcome", lang, outcome=outcome)


def item_label(item: str, lang: Language, items: Sequence[DossierItemSpec] = ()) -> str:
    """A dossier item's name: the plan's own words, else the catalogs', else its code."""
    spec = next((i for i in items if i.code == item), None)
    if spec is not None and spec.name is not None:
        return spec.name.get(lang)
    if item in KNOWN_ITEMS:
        return text("dossier_item", lang, item=item)
    return item


def still_needed(statuses: Iterable[tuple[str, str]]) -> list[str]:
    """The items (item, status) not yet in: missing or returned, in their order."""
    return [item for item, status in statuses if status in ("missing", "returned")]


def complete(statuses: Iterable[tuple[str, str]]) -> bool:
    """Every item uploaded or accepted, none missing or returned."""
    return not still_needed(statuses)


def upload_problem(status: str) -> Said | None:
    """An accepted document is final; anything else may be (re)placed."""
    return said("dossier_item_accepted_already") if status == "accepted" else None


def review_problem(status: str, decision: str) -> Said | None:
    """Accept or return: only a document uploaded and not yet decided on."""
    if decision not in ("accepted", "returned"):
        return said("dossier_decision_unknown", decision=decision)
    if status != "uploaded":
        return said("dossier_item_not_uploaded", status=status)
    return None


__all__ = [
    "DECIDED",
    "DOSSIER_STATUSES",
    "KNOWN_ITEMS",
    "OUTCOMES",
    "RATING_SCHEMES",
    "complete",
    "decision_problem",
    "item_label",
    "outcome_label",
    "outcome_problem",
    "rating_label",
    "rating_problem",
    "review_problem",
    "still_needed",
    "upload_problem",
]
