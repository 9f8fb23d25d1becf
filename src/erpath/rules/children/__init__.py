"""Children: the unaccompanied alien child goes to section 240 proceedings
(8 U.S.C. 1232(a)(5)(D)), save the child of a contiguous country whom DHS may return
(8 U.S.C. 1232(a)(2))."""

from erpath.rules.children import uac, uac_contiguous_country

# In the order their reasons are listed.
RULES = (uac, uac_contiguous_country)
