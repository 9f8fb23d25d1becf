"""Cases: each an append-only log of events, its state derived by replaying them."""
