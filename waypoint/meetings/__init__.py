"""Case management meetings, risk panels, reviews and exit interviews."""
