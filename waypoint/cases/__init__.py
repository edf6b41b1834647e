"""Cases: one child in one programme, allocations, offences, hearings, orders and the append-only chronology."""
