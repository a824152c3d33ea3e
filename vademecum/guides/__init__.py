"""Hand-written guides: where they are found, the sandbox they render in (with its
budgets), and the macros they may call."""
