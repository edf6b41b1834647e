"""Core: base model pieces, roles and permissions, sign-in, error pages and GOV.UK form rendering."""
