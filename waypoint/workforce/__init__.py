"""Workforce: youth justice services, their teams, staff members (role, band, working pattern) and absences."""
