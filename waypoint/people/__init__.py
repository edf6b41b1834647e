"""People: children and their history rows, parents/carers and professionals, and victims (kept apart)."""
