"""Nottinghamshire compliance Case Management Meetings: the CMM arranged and held within 10 working days of a
failure, the condensed compliance report of Appendix B worked out from the appointment record and given to the
TM/AP 24 hours before, the TM/AP's discussion of the non-compliance with the child and parent/carer, and, for a
child in care, the presumption against breach recorded at the meeting."""
