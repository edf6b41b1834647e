"""Tests of the workforce app."""
