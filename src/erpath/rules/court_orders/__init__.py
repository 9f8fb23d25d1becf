"""Court orders that stay a designation or a policy (law/data/court_orders.yaml)."""

from erpath.rules.court_orders import designation_stayed, port_of_entry_parole_stayed

# In the order their reasons are listed.
RULES = (
    designation_stayed,
    port_of_entry_parole_stayed,
)
