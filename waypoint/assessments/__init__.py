"""Assessments, screenings, checks, risk ratings and manager QA."""
