"""One definition, two uses: the screening of one facts document and the vectorised
evaluation of a table give the same `er_applicable`, `category` and `blocking`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from erpath.presence import AbroadError
from erpath.rules import RuleSet
from erpath.rules.row import facts_frame, facts_row
from erpath.rules.vectorised import determine_table

# Dates near the law's boundaries are likelier to expose a difference.
BOUNDARIES = bundled_law().boundaries()
days = st.one_of(
    st.dates(date(1996, 1, 1), date(2027, 12, 31)),
    st.builds(lambda b, d: b + timedelta(days=d), st.sampled_from(BOUNDARIES), st.integers(-3, 3)),
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def facts_documents(draw: st.DrawFn) -> dict[str, Any]:
    as_of = draw(days)
    gaps = draw(st.lists(st.integers(1, 900), min_size=0, max_size=3))
    arrival_days: list[date] = []
    cursor = as_of - timedelta(days=draw(st.integers(0, 3000)))
    for gap in gaps:
        arrival_days.insert(0, cursor)
        cursor -= timedelta(days=gap)
    departures = [d - timedelta(days=1) for d in arrival_days[1:]]
    arrivals = []
    for day in arrival_days:
        manner = draw(
            maybe(
                st.sampled_from(
                    ["without_inspection", "admitted", "paroled", "inspected_not_admitted"]
                )
            )
        )
        parole = None
        if manner == "paroled":
            parole = draw(
                maybe(
                    st.fixed_dictionaries(
                        {
                            "program": maybe(
                                st.sampled_from(
                                    [
                                        "port_of_entry",
                                        "cbp_one",
                                        "chnv",
                                        "uniting_for_ukraine",
                                        "advance_parole",
                                        "other",
                                    ]
                                )
                            ),
                            "until": maybe(days.map(str)),
                            "terminated_on": maybe(days.map(str)),
                        }
                    )
                )
            )
        arrivals.append(
            {
                "date": str(day),
                "manner": manner,
                "mode": draw(maybe(st.sampled_from(["land", "air", "sea"]))),
                "at_port_of_entry": draw(maybe(st.booleans())),
                "interdicted_at_sea": draw(maybe(st.booleans())),
                "parole": parole,
            }
        )
    last = arrival_days[-1] if arrival_days else as_of
    evidence = [
        {
            "kind": "lease",
            "from": str(last + timedelta(days=a)),
            "to": str(last + timedelta(days=a + length)),
        }
        for a, length in draw(
            st.lists(st.tuples(st.integers(0, 900), st.integers(0, 900)), max_size=3)
        )
    ]
    return {
        "as_of": str(as_of),
        "person": {
            "citizenship": draw(
                maybe(st.lists(st.sampled_from(["CUB", "VEN", "HND", "MEX", "CAN"]), max_size=2))
            ),
            "birth_date": draw(maybe(st.dates(date(1960, 1, 1), date(2024, 1, 1)).map(str))),
            "accompanied_by": draw(
                maybe(st.sampled_from(["parent", "legal_guardian", "other_adult", "none"]))
            ),
            "uac": draw(maybe(st.booleans())),
            "claimed_status": draw(maybe(st.sampled_from(["usc", "lpr", "refugee", "asylee"]))),
            "claimed_status_verified": draw(maybe(st.booleans())),
            "tps": draw(
                maybe(
                    st.builds(
                        lambda start, length: {
                            "since": str(as_of + timedelta(days=start)),
                            "until": None
                            if length is None
                            else str(as_of + timedelta(days=start + length)),
                        },
                        st.integers(-900, 30),
                        maybe(st.integers(0, 900)),
                    )
                )
            ),
        },
        "arrivals": arrivals,
        "departures": [str(d) for d in departures],
        "encounter": draw(
            maybe(
                st.fixed_dictionaries(
                    {
                        "date": maybe(st.just(str(as_of))),
                        "miles_from_land_border": maybe(
                            st.sampled_from([0, 14, 99.5, 100, 100.5, 850])
                        ),
                    }
                )
            )
        ),
        "inadmissibility_grounds": draw(
            maybe(st.lists(st.sampled_from(["6C", "7", "2A"]), max_size=2))
        ),
        "proceedings": draw(
            maybe(
                st.fixed_dictionaries(
                    {
                        "section_240": maybe(
                            st.sampled_from(
                                ["none", "pending", "dismissed", "terminated", "ordered_removed"]
                            )
                        ),
                        "dismissed_on": maybe(
                            st.builds(lambda d: str(as_of - timedelta(days=d)), st.integers(0, 60))
                        ),
                        "dismissal_appeal_pending": maybe(st.booleans()),
                    }
                )
            )
        ),
        "presence_finding": draw(maybe(st.sampled_from(["shown", "not_shown"]))),
        "evidence": evidence,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(facts_documents(), min_size=1, max_size=12))
def test_one_person_and_the_table_agree(rules: RuleSet, documents: list[dict[str, Any]]) -> None:
    facts = []
    for document in documents:
        parsed = Facts.model_validate(document)
        try:
            facts_row(parsed, rules.law)
        except AbroadError:
            continue
        facts.append(parsed)
    if not facts:
        return
    table = determine_table(rules, facts_frame([facts_row(f, rules.law) for f in facts])).to_dicts()
    for one, row in zip(facts, table, strict=True):
        d = screen(one, rules)
        assert (d.er_applicable, d.category) == (row["er_applicable"], row["category"])
        expected_blocking = d.blocking if d.er_applicable != "yes" else []
        got_blocking = row["blocking"] if row["er_applicable"] != "yes" else []
        assert expected_blocking == got_blocking
