"""Waypoint: case management for youth justice and prevention services."""
