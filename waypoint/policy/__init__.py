"""The policy engine: plain Python, no Django. Working-day calendar, policy packs, rule evaluation, explanations."""
