"""Tests of the policy engine."""
