"""Hand-worked test cases for every pack, run as data by test_packs.py."""
