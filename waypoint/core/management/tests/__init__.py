"""Tests of the demo data and its commands."""
