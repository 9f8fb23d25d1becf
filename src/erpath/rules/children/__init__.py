"""Children: the unaccompanied alien child goes to section 240 proceedings
(8 U.S.C. 1232(a)(5)(D))."""

from erpath.rules.children import uac

# In the order their reasons are listed.
RULES = (uac,)
