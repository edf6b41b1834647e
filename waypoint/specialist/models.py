"""Specialist work: referrals, consultations and their outcomes: models."""
from django.db import models  # noqa: F401
