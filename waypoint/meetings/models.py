"""Case management meetings, risk panels, reviews and exit interviews: models."""
from django.db import models  # noqa: F401
