"""Appointments and contacts: scheduling (one, or a month's worth), rescheduling before the start, outcomes with the
programme's own codes and the evidence for an acceptable absence, and the contacts recorded between them."""
