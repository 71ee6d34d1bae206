"""Commendations of people and collectives (biểu dương, giấy khen, bằng khen, kỷ niệm
chương): their forms, subjects and statuses. Pure."""

from __future__ import annotations

from campaign.catalogs import Said, said, text
from campaign.localized import Language
from campaign.recognition import LEVELS

FORMS = ("bieu-duong", "giay-khen", "bang-khen", "ky-niem-chuong")
SUBJECTS = ("member", "unit")
STATUSES = ("proposed", "granted", "refused")


def problem(*, subject_kind: str, level: str, form: str) -> Said | None:
    """What is wrong with a commendation's description (None: nothing)."""
    if subject_kind not in SUBJECTS:
        return said("commendation_subject_unknown", subject=subject_kind)
    if level not in LEVELS:
        return said("commendation_level_unknown", level=level, known=", ".join(LEVELS))
    if form not in FORMS:
        return said("commendation_form_unknown", form=form, known=", ".join(FORMS))
    return None


def decision_problem(current: str, new: str) -> Said | None:
    """Only a proposed commendation is granted or refused, once."""
    if new not in ("granted", "refused"):
        return said("commendation_decision_unknown", decision=new)
    if current != "proposed":
        return said("commendation_decided_already")
    return None


def form_label(form: str, lang: Language) -> str:
    return text("commendation_form", lang, form=form)


__all__ = ["FORMS", "STATUSES", "SUBJECTS", "decision_problem", "form_label", "problem"]
