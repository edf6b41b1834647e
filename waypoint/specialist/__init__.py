"""Specialist work: referrals, consultations and their outcomes."""
