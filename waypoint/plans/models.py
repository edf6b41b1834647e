"""Plans, targets, signatures, reviews and early revocation: models."""
from django.db import models  # noqa: F401
