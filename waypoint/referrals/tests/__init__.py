"""Tests of the referrals app."""
