"""Obligations in the product: the policy engine's output stored per case, the policy packs each case runs under,
waivers, and the pages that show what is due (the case's "What's due", "My work", "Policies")."""
