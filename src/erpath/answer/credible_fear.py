"""The credible-fear screen where fear is claimed or expedited removal may apply
(CONTRACT.md `credible_fear`; legal brief section 4 and section 10, points 11 and 12): the
standard the asylum officer applies, the rules that raise it or bar asylum for some entries
(by the day and mode of entry and the day of the interview), the judge's review of a
negative finding, and what follows a positive one. The rules are data/credible_fear.yaml."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from erpath.answer.block_reasons import BlockReasons
from erpath.contract.determination import CredibleFearScreen
from erpath.contract.facts import Facts
from erpath.law.custody import Screen
from erpath.law.model import Law
from erpath.wording import words


def _reaches(
    screen: Screen, entered: date | None, mode: str | None, interview: date
) -> bool | None:
    """Whether a rule of the screen reaches this person: False where the day or mode of
    entry or the day of interview is outside it; None where it may (an unknown entry day,
    or a rule of one border: the facts do not say where the person crossed, nor by what
    lawful pathway); True where nothing of the facts limits it."""
    if screen.interviewed is not None and not screen.interviewed.covers(interview):
        return False
    if screen.entered is not None:
        if entered is not None and not screen.entered.covers(entered):
            return False
        if entered is None and interview < screen.entered.from_:
            return False
    if screen.modes and mode is not None and mode not in screen.modes:
        return False
    if screen.modes or (screen.entered is not None and entered is None):
        return None
    return True


def _in_expedited_removal(facts: Facts) -> bool:
    er = facts.expedited_removal
    return er is not None and bool(er.order_issued_on or er.fear_claimed or er.credible_fear)


def credible_fear(
    facts: Facts, law: Law, values: dict[str, Any], answer: str, language: str = "en"
) -> CredibleFearScreen | None:
    """The screen read for the day of the interview (the finding's day where given, else
    `as_of`); None where the person is not in expedited removal and it does not apply."""
    if not _in_expedited_removal(facts) and answer == "no":
        return None
    w, fear = words(language), law.credible_fear
    er = facts.expedited_removal
    cf = er.credible_fear if er else None
    interview = cf.decided_on if cf and cf.decided_on else facts.day
    entered, mode = values["arrival_date"], values["arrival_mode"]
    out = BlockReasons(law, w, "credible_fear")
    out.add("cf_standard", "standard", fear.standard.sources, True)
    if entered is None:
        out.add("cf_entry", "no_entry", [], True)
    heightened = []
    for screen in fear.heightened:
        if _reaches(screen, entered, mode, interview) is False:
            continue
        heightened.append(screen)
        out.add(
            "cf_heightened",
            "heightened_may" if entered else "heightened_may_no_entry",
            screen.sources,
            True,
            rule=w.label("cf_rules", screen.id),
            standard=w.label("cf_standards", screen.standard or ""),
            entered=entered,
            since=screen.entered.from_ if screen.entered else None,
        )
    bars = []
    for screen in fear.bars:
        reaches = _reaches(screen, entered, mode, interview)
        if reaches is False:
            continue
        bars.append(screen.id)
        window = next((u for u in screen.unknown if u.covers(interview)), None)
        key = "bar_applies" if reaches else "bar_may"
        out.add("cf_bar", key, screen.sources, False, rule=w.label("cf_rules", screen.id))
        if window is not None:
            out.add(
                "cf_bar",
                "bar_unknown",
                screen.sources,
                False,
                question=out.question(window.contested),
            )
    state = facts.encounter.state if facts.encounter else None
    only = fear.withholding_only
    if state in only.states and interview < only.until:
        out.add("cf_withholding_only", "withholding_only", only.sources, True, until=only.until)
    review = law.parameters.credible_fear_review_days.on(interview)
    days = review.value if review else 0
    target = law.parameters.credible_fear_review_target_hours.value_on(interview)
    out.add("cf_review", "review", review.sources if review else [], False, days=days, hours=target)
    route = fear.route_on(interview)
    after: Literal["section_240", "depends"] = route.route if route else "depends"
    if route is not None and route.contested:
        question = out.question(route.contested)
        out.add("cf_after_positive", "route_depends", route.sources, False, question=question)
    elif route is not None:
        out.add("cf_after_positive", "route_240", route.sources, False)
    return CredibleFearScreen(
        standard="depends" if heightened else "significant_possibility",
        bars=bars,
        interview_on=interview,
        review_days=days,
        after_positive=after,
        reasons=out.found,
    )
