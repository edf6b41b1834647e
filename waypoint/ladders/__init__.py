"""The compliance ladders: where a case is on its programme's ladder, the next step and when it is due, and the
guarded services for the steps that are actions (warnings, breach, engagement refused)."""
