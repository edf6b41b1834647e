"""`waypoint seed_demo` and `waypoint demo_sign_ins`."""
