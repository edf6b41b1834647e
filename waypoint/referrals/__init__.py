"""Referrals: requests for the service's involvement, their triage and acceptance into a case."""
