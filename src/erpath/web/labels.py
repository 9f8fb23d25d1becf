"""Plain words, in English and (through the catalogs) Spanish, for the codes the engine and
the procedure use. The codes stay the contract; these are what a page shows beside them.
tests/web/test_labels.py checks that every code of the law and procedure data has one."""

from __future__ import annotations

from erpath.i18n import N_
from erpath.report.determination import ANSWER_LABELS

ANSWERS: dict[str, str] = {
    "yes": N_("On this date the law lets DHS apply expedited removal to this person."),
    "no": N_("On this date the law does not let DHS apply expedited removal to this person."),
    "depends": N_("The answer turns on the open points below."),
}
ANSWER_SHORT = ANSWER_LABELS  # one word per answer, shared with the report

CATEGORIES: dict[str, str] = {
    "arriving_alien": N_("arriving alien: at a port of entry, or brought in after interdiction"),
    "designated_sea": N_("arrived by sea without inspection (2002 designation)"),
    "designated_border_14d": N_(
        "within 100 miles of the border and less than 14 days in the country (2004 designation)"
    ),
    "designated_interior": N_(
        "anywhere in the country, with less than two years' presence (2019 and 2025 designations)"
    ),
    "none": N_("no ground of expedited removal covers this arrival"),
}

BLOCKING: dict[str, str] = {
    "before_expedited_removal": N_("the date is before 1 April 1997, when expedited removal began"),
    "outside_designation": N_("no ground of expedited removal covers this arrival on the date"),
    "court_order_stay": N_("a court order bars applying expedited removal here"),
    "admitted": N_("the last arrival was an admission"),
    "paroled": N_("the person was paroled"),
    "uac": N_("the person is an unaccompanied child"),
    "two_years_shown": N_("two years of continuous presence are shown"),
    "fourteen_days_shown": N_("14 days of presence before the encounter are shown"),
    "western_hemisphere_air_arrival": N_(
        "a national of a Western Hemisphere country without full diplomatic relations arrived "
        "by air at a port of entry"
    ),
    "cuban_national_excepted": N_("Cuban nationals were excepted from the designation"),
    "claimed_status_verified": N_("DHS verified the claimed status"),
    "claimed_status_review": N_("an unverified status claim goes to an immigration judge"),
    "no_er_ground": N_("DHS does not charge a ground of expedited removal"),
    "pending_240_proceedings": N_("a section 240 case is pending"),
    "ordered_removed_in_240": N_("an immigration judge ordered removal in section 240"),
}

OUTCOMES: dict[str, str] = {
    "holds": N_("holds"),
    "fails": N_("does not hold"),
    "unknown": N_("unknown"),
}

VERIFICATION: dict[str, str] = {
    "verified": N_("verified"),
    "reported": N_("reported"),
    "unverified": N_("unverified"),
}

ORDER_KINDS: dict[str, str] = {
    "injunction": N_("injunction"),
    "stay": N_("stay"),
    "stay_denied": N_("stay denied"),
    "partial_stay": N_("partial stay"),
    "reversal": N_("reversal"),
    "vacatur": N_("vacatur"),
    "lifted": N_("lifted"),
}

# Deadlines of the procedure (law/data/procedure.yaml `deadlines`), short.
DEADLINES: dict[str, str] = {
    "response_to_dhs_motion": N_("Response to the DHS motion to dismiss"),
    "bia_appeal_of_dismissal": N_("Appeal to the BIA from the dismissal"),
    "bia_appeal_of_removal_order": N_("Appeal to the BIA from the removal order"),
    "credible_fear_review": N_("Immigration judge's review of the negative credible-fear finding"),
    "credible_fear_reconsideration_request": N_(
        "Request to USCIS to reconsider the negative credible-fear finding"
    ),
    "removal_period": N_("End of the 90-day removal period"),
    "systemic_challenge": N_("Last day to file a systemic challenge"),
    "asylum_one_year": N_("One-year deadline to apply for asylum"),
}

# States of the procedure (law/data/procedure.yaml `states`), short.
STATES: dict[str, str] = {
    "S0": N_("Hearing scheduled (section 240, not detained)"),
    "S1": N_("At the hearing"),
    "S2": N_("DHS motion to dismiss pending"),
    "S3": N_("Dismissal granted; appeal window open"),
    "S4": N_("Motion to dismiss denied; section 240 continues"),
    "S5": N_("Removal ordered; appeal window open"),
    "S6": N_("Appeal pending at the BIA"),
    "S7": N_("Final removal order (section 240)"),
    "S8": N_("In ICE custody"),
    "S9": N_("Expedited removal processing"),
    "S10": N_("Claimed-status review"),
    "S11": N_("Expedited removal order; no fear claim"),
    "S12": N_("Referred for a credible-fear interview"),
    "S13": N_("Negative credible-fear finding; judge's review pending"),
    "S14": N_("Credible fear found"),
    "S15": N_("Asylum merits interview"),
    "S16": N_("Released or paroled"),
    "S17": N_("Removed"),
    "S18": N_("Back in section 240"),
    "S19": N_("In-absentia order"),
    "S20": N_("Federal litigation pending"),
    "S21": N_("Withdrew the application and departed"),
}

# Events of the procedure (law/data/procedure.yaml `transitions`), and the case's own.
EVENTS: dict[str, str] = {
    "appears_at_hearing": N_("Appears at the hearing"),
    "fails_to_appear": N_("Does not appear at the hearing"),
    "dhs_moves_to_dismiss": N_("DHS moves to dismiss the case"),
    "ij_grants_dismissal": N_("Judge grants the dismissal"),
    "ij_denies_dismissal": N_("Judge denies the dismissal"),
    "case_proceeds": N_("The case proceeds"),
    "respondent_appeals": N_("The person appeals"),
    "ice_arrests": N_("ICE arrests the person"),
    "ij_orders_removal": N_("Judge orders removal"),
    "appeal_waived_or_time_passed": N_("Appeal waived, or the time to appeal passed"),
    "bia_dismisses_appeal": N_("The BIA dismisses the appeal"),
    "removal_executed": N_("Removal carried out"),
    "placed_in_expedited_removal": N_("Placed in expedited removal"),
    "placed_in_section_240": N_("Placed in section 240 proceedings"),
    "claims_status": N_("Claims citizenship or a lawful status"),
    "status_verified_or_found": N_("Status verified, or found by a judge"),
    "ij_affirms_order": N_("Judge finds no status; order affirmed"),
    "er_order_issued": N_("Expedited removal order issued"),
    "expresses_fear": N_("Expresses fear or an intent to seek asylum"),
    "ao_finds_credible_fear": N_("Asylum officer finds credible fear"),
    "ao_negative_review_requested": N_("Negative credible-fear finding; review requested"),
    "ao_negative_review_declined": N_("Negative credible-fear finding; review declined"),
    "ij_concurs": N_("Judge agrees with the negative finding"),
    "ij_vacates": N_("Judge vacates the negative finding"),
    "dhs_issues_nta": N_("DHS issues a Notice to Appear"),
    "uscis_retains_for_ami": N_("USCIS keeps the case for an asylum merits interview"),
    "ami_denied": N_("Asylum denied after the merits interview"),
    "paroled": N_("Paroled"),
    "ij_grants_bond": N_("Judge grants bond"),
    "habeas_or_class_action_filed": N_("Habeas petition or class action filed"),
    "withdraws_application_and_departs": N_("Withdraws the application and departs"),
    "case_opened": N_("Case opened"),
    "facts": N_("Facts recorded"),
    "hearing_scheduled": N_("Hearing scheduled"),
    "note": N_("Note"),
    "correction": N_("Correction"),
}

SCREENING_WHY: dict[str, str] = {
    "next hearing": N_("next hearing"),
    "two-year date": N_("two-year date"),
}

PARTIES: dict[str, str] = {
    "respondent": N_("the person"),
    "immigration_judge": N_("the immigration judge"),
    "dhs": N_("DHS"),
    "plaintiff": N_("a plaintiff"),
}


def label(table: dict[str, str], code: str) -> str:
    """The English label of `code`, or the code itself when the table lacks it."""
    return table.get(code, code)
